import { CountError, evalExpr, readsVar, type CountEnv } from './count.js';
import type { Count, Expr, Resource, SourcePos } from './ir.js';
import type { Reporter } from './reporter.js';

/** What step compilation needs to know about the rest of the profile. */
export interface CompileContext {
  readonly report: Reporter;
  readonly resources: readonly Resource[];
  readonly resourceIndex: ReadonlyMap<string, number>;
  /** Declared names whose declaration was itself in error: uses of them are not reported again. */
  readonly brokenResources: ReadonlySet<string>;
  readonly templateIndex: ReadonlyMap<string, number>;
  readonly templateNames: readonly string[];
  /** The environments a count in this template is checked under (sweep × sampled `$i`). */
  readonly envs: readonly CountEnv[];
  /** Environments with `$i` = 0, for counts outside any process. */
  readonly sweepEnvs: readonly CountEnv[];
}

/**
 * Checks that an expression stays within [min, max] in every environment,
 * reporting the first one that does not (with the bindings that broke it).
 */
export function checkRange(
  expr: Expr,
  at: SourcePos,
  min: number,
  max: number,
  what: string,
  envs: readonly CountEnv[],
  report: Reporter,
  limitName = '',
): boolean {
  for (const env of envs) {
    let v: number;
    try {
      v = evalExpr(expr, env);
    } catch (e) {
      if (!(e instanceof CountError)) throw e;
      report.error(at, [`${what}: ${e.message}`, bindings(expr, env)].filter(Boolean).join(' '));
      return false;
    }
    if (v < min || v > max) {
      const limit =
        v < min
          ? `; expected at least ${grouped(min)}`
          : limitName
            ? `; the limit is ${grouped(max)} (${limitName})`
            : `; expected ${grouped(min)} to ${grouped(max)}`;
      report.error(at, `${[`${what} is ${grouped(v)}`, bindings(expr, env)].filter(Boolean).join(' ')}${limit}`);
      return false;
    }
  }
  return true;
}

/** Like checkRange, for a count that may be a distribution (geometric needs no check). */
export function checkCount(count: Count, at: SourcePos, min: number, max: number, what: string, ctx: CompileContext, limitName = ''): void {
  if (count.kind === 'expr') checkRange(count.expr, at, min, max, what, ctx.envs, ctx.report, limitName);
}

/** A number as a person reads it: 100,000; past what a double holds exactly, 1.23e+19 (its digits beyond would be made up). */
export function grouped(v: number): string {
  return Math.abs(v) > Number.MAX_SAFE_INTEGER ? v.toPrecision(3) : v.toLocaleString('en-US');
}

function bindings(expr: Expr, env: CountEnv): string {
  const parts: string[] = [];
  if (readsVar(expr, 'workers')) parts.push(`$workers = ${env.workers}`);
  if (readsVar(expr, 'i')) parts.push(`$i = ${env.i}`);
  return parts.length ? `(with ${parts.join(', ')})` : '';
}
