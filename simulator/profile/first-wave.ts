import { evalExpr } from './count.js';
import type { Program } from './ir.js';

/** Templates that some process spawns: they start only when spawned. */
export function spawnedTemplates(program: Program): ReadonlySet<number> {
  return new Set(program.templates.flatMap((t) => t.code.flatMap((c) => (c.op === 'spawn' ? [c.t] : []))));
}

/**
 * The processes a run starts with, in the order they start: `main` alone
 * where the profile has one, else every instance of each template that no
 * process spawns. As many per template as its count says for `workers`.
 */
export function firstWave(program: Program, workers: number): { readonly template: number; readonly count: number }[] {
  if (program.main !== null) return [{ template: program.main, count: 1 }];
  const spawned = spawnedTemplates(program);
  return program.templates.flatMap((t, template) => (spawned.has(template) ? [] : [{ template, count: evalExpr(t.count, { workers, i: 0 }) }]));
}

/** Processes counted one by one at most, before processesStarted says only that there are more. */
const COUNT_AT_MOST = 1_000_000;

/**
 * How many processes a run starts in all where the profile alone says so:
 * its first wave, every process they spawn and those spawn in turn, and the
 * pool's workers if any process uses the pool. Null where it depends on the
 * run: a spawn in a repeat whose passes are drawn at random, or that runs
 * while an event is set or forever, or a spawn of a random count. Past
 * COUNT_AT_MOST it stops counting and returns what it has.
 */
export function processesStarted(program: Program, workers: number): number | null {
  const usesPool = program.templates.some((t) => t.code.some((c) => c.op === 'pool' || c.op === 'apply_async'));
  let total = usesPool ? (program.poolWorkers ? evalExpr(program.poolWorkers, { workers, i: 0 }) : workers) : 0;
  // Processes one instance (t, i) spawns, its descendants included; null where the run decides.
  const spawnedBy = (t: number, i: number, depth: number): number | null => {
    if (depth > program.templates.length) return null; // a template that spawns itself, at some depth
    const code = program.templates[t]!.code;
    const env = { workers, i };
    const walk = (from: number, to: number): number | null => {
      let n = 0;
      for (let pc = from; pc < to; pc++) {
        const instr = code[pc]!;
        if (instr.op === 'loop') {
          const body = walk(pc + 1, instr.end - 1);
          if (body === null) return null;
          if (body > 0) {
            const bound = instr.bound;
            if (bound.kind !== 'count' || bound.count.kind !== 'expr') return null;
            n += body * Math.max(0, evalExpr(bound.count.expr, env));
          }
          pc = instr.end - 1;
        } else if (instr.op === 'spawn') {
          if (instr.count?.kind === 'geometric') return null;
          const children = instr.count ? evalExpr(instr.count.expr, env) : evalExpr(program.templates[instr.t]!.count, env);
          for (let k = 0; k < children && n <= COUNT_AT_MOST; k++) {
            const below = spawnedBy(instr.t, k, depth + 1);
            if (below === null) return null;
            n += 1 + below;
          }
        }
        if (n > COUNT_AT_MOST) return n;
      }
      return n;
    };
    return walk(0, code.length);
  };
  for (const { template, count } of firstWave(program, workers)) {
    for (let i = 0; i < count && total <= COUNT_AT_MOST; i++) {
      const spawned = spawnedBy(template, i, 0);
      if (spawned === null) return null;
      total += 1 + spawned;
    }
  }
  return total;
}
