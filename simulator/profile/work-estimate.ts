import { CountError, evalExpr, meanCount, readsVar, type CountEnv } from './count.js';
import { meanNs } from './duration.js';
import { spawnedTemplates } from './first-wave.js';
import type { Count, Instr, Program } from './ir.js';

/**
 * The profile's own split of CPU work into serial and parallel parts, from
 * its declared costs (means of distributions), with `$workers` = 1 so the
 * total is the one-worker time T(1) of Amdahl's law.
 *
 * Serial: compute done by `main` outside pool calls, and the compute done
 * while holding the busiest lock or rlock (the one with the most compute
 * under it): only one process at a time can do that. Compute under other
 * locks is parallel, as it can run while the busiest lock is held (ten
 * groups of workers, each with its lock, serialise only within a group);
 * compute under nested locks counts for each of them. Parallel: pool tasks
 * and every other process's compute. `sleep` uses no core and is left out,
 * as Amdahl's law concerns work.
 */
export type WorkEstimate =
  | { readonly known: true; readonly serialNs: number; readonly parallelNs: number; readonly serialFraction: number }
  /** Why the split cannot be known from the profile alone (it depends on timing). */
  | { readonly known: false; readonly reason: string };

interface Split {
  serial: number;
  parallel: number;
  /** Compute done while holding locks (each once, however many were held). */
  locked: number;
  /** Per lock or rlock, the compute done while holding it. */
  readonly perLock: Map<number, number>;
}

const emptySplit = (): Split => ({ serial: 0, parallel: 0, locked: 0, perLock: new Map() });

class Unknowable extends Error {}

export function estimateWork(program: Program): WorkEstimate {
  const env: CountEnv = { workers: 1, i: 0 };
  const budget: Budget = { left: INSTANCE_BUDGET, walks: WALK_BUDGET };
  try {
    const total = emptySplit();
    if (program.main !== null) {
      addInto(total, templateWork(program, program.main, env, true, budget));
    } else {
      const spawned = spawnedTemplates(program);
      program.templates.forEach((t, index) => {
        if (!spawned.has(index)) addInto(total, instancesWork(program, index, checked(evalExpr(t.count, env)), env, budget));
      });
    }
    const busiest = Math.max(0, ...total.perLock.values());
    const serial = total.serial + busiest;
    const parallel = total.parallel + total.locked - busiest;
    const sum = serial + parallel;
    if (sum === 0) return { known: false, reason: 'the profile declares no compute' };
    return { known: true, serialNs: serial, parallelNs: parallel, serialFraction: serial / sum };
  } catch (e) {
    if (e instanceof Unknowable) return { known: false, reason: e.message };
    if (e instanceof CountError) return { known: false, reason: `a count cannot be evaluated with $workers = 1 (${e.message})` };
    throw e;
  }
}

function addInto(into: Split, s: Split, times = 1): void {
  into.serial += s.serial * times;
  into.parallel += s.parallel * times;
  into.locked += s.locked * times;
  for (const [r, ns] of s.perLock) into.perLock.set(r, (into.perLock.get(r) ?? 0) + ns * times);
}

/** Instances walked one by one (their counts read `$i`) before the estimate gives up. */
const INSTANCE_BUDGET = 20_000;
/**
 * Extra walks of repeat bodies before the estimate gives up: a body that takes
 * or gives up a lock it keeps is walked once a pass, and nested repeats
 * multiply that (every other body is walked once).
 */
const WALK_BUDGET = 20_000;
/** Passes of a repeat walked one by one, at most, where each runs under other locks. */
const PASSES_WALKED = 64;

interface Budget {
  /** Instances still to walk one by one. */
  left: number;
  /** Extra walks of repeat bodies still allowed. */
  walks: number;
}

function instancesWork(program: Program, t: number, n: number, env: CountEnv, budget: Budget): Split {
  const template = program.templates[t]!;
  const perInstance = template.code.some(readsI);
  const out = emptySplit();
  if (!perInstance) addInto(out, templateWork(program, t, { workers: env.workers, i: 0 }, false, budget), checked(n));
  else {
    budget.left -= n;
    if (budget.left < 0) throw new Unknowable('too many processes whose work depends on $i to add up');
    for (let i = 0; i < n; i++) addInto(out, templateWork(program, t, { workers: env.workers, i }, false, budget));
  }
  return out;
}

/** A count the estimate multiplies by; a negative one means the profile is not valid at $workers = 1. */
function checked(n: number): number {
  if (n < 0) throw new Unknowable(`a count is negative (${n}) with $workers = 1`);
  return n;
}

function readsI(instr: Instr): boolean {
  const count = (c: Count | null | 'auto') => c !== null && c !== 'auto' && c.kind === 'expr' && readsVar(c.expr, 'i');
  switch (instr.op) {
    case 'loop':
      return instr.bound.kind === 'count' && count(instr.bound.count);
    case 'spawn':
      return count(instr.count);
    case 'pool':
      return count(instr.items);
    default:
      return false;
  }
}

function templateWork(program: Program, t: number, env: CountEnv, isMain: boolean, budget: Budget): Split {
  const code = program.templates[t]!.code;
  // Locks held, as a count per lock (an rlock can be held more than once).
  const held = new Map<number, number>();
  const walk = (from: number, to: number): Split => {
    const out = emptySplit();
    for (let pc = from; pc < to; pc++) {
      const instr = code[pc]!;
      switch (instr.op) {
        case 'compute': {
          const ns = meanNs(instr.d);
          if (isMain) out.serial += ns;
          else if (held.size > 0) {
            out.locked += ns;
            for (const r of held.keys()) out.perLock.set(r, (out.perLock.get(r) ?? 0) + ns);
          } else out.parallel += ns;
          break;
        }
        case 'acquire':
        case 'release': {
          const kind = program.resources[instr.r]!.kind;
          if (kind !== 'lock' && kind !== 'rlock') break;
          const depth = (held.get(instr.r) ?? 0) + (instr.op === 'acquire' ? 1 : -1);
          if (depth > 0) held.set(instr.r, depth);
          else held.delete(instr.r);
          break;
        }
        case 'loop': {
          const bound = instr.bound;
          if (code.slice(pc + 1, instr.end).some((c) => c.op === 'get' && c.until)) {
            throw new Unknowable('a repeat ends when a queue item arrives, so the work depends on timing');
          }
          if (bound.kind !== 'count') {
            throw new Unknowable(
              bound.kind === 'forever'
                ? 'a repeat runs forever, so the work depends on timing'
                : 'a repeat runs while an event is set, so the work depends on timing',
            );
          }
          const passes = checked(meanCount(bound.count, env));
          if (passes === 0) {
            pc = instr.end - 1;
            break;
          }
          const before = new Map(held);
          const first = walk(pc + 1, instr.end - 1);
          if (sameDepths(before, held)) {
            addInto(out, first, passes);
            pc = instr.end - 1;
            break;
          }
          // The body takes or gives up a lock it keeps (an rlock taken in each pass, say): what each pass
          // runs under differs, so the passes are walked one by one, from the locks each leaves held.
          if (!Number.isInteger(passes) || passes > PASSES_WALKED) {
            throw new Unknowable(
              'a repeat takes or gives up a lock it keeps over many passes or a random number of them, so the work under it is not added up',
            );
          }
          addInto(out, first);
          for (let k = 1; k < passes; k++) {
            if (--budget.walks < 0) throw new Unknowable('its repeats nest too deep to add up');
            addInto(out, walk(pc + 1, instr.end - 1));
          }
          pc = instr.end - 1;
          break;
        }
        case 'spawn': {
          const n = instr.count ? meanCount(instr.count, env) : evalExpr(program.templates[instr.t]!.count, env);
          addInto(out, instancesWork(program, instr.t, checked(n), env, budget));
          break;
        }
        case 'pool':
          out.parallel += checked(meanCount(instr.items, env)) * meanNs(instr.cost);
          break;
        case 'apply_async':
          out.parallel += instr.costs.reduce((sum, d) => sum + meanNs(d), 0);
          break;
        default:
          break;
      }
    }
    return out;
  };
  return walk(0, code.length);
}

/** Whether every lock is held as deep in `a` as in `b`. */
function sameDepths(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): boolean {
  return a.size === b.size && [...a].every(([r, depth]) => b.get(r) === depth);
}

/** Amdahl's law: the best speedup on n workers for serial fraction f. */
export function amdahlSpeedup(f: number, n: number): number {
  return 1 / (f + (1 - f) / n);
}
