import { NO_OVERHEADS, parseProfile, simulate, type Program } from '../../simulator/index.js';

/** Starting `k` workers at once here: when the first was up, and when all were. */
export interface StartSample {
  readonly k: number;
  readonly firstNs: number;
  readonly allNs: number;
}

/** A worker start as the simulator models it (the cost model's three spawn fields). */
export interface StartModel {
  /** Work on the new worker's core. */
  readonly spawnNs: number;
  /** The part that cannot overlap another start. */
  readonly spawnSerialNs: number;
  /** How much more a start costs for each other start in progress, as a fraction of spawnNs. */
  readonly spawnContention: number;
}

/**
 * Finds the worker start, in the simulator's terms, that reproduces starts
 * measured here: a serial part s (one start at a time, as creating each
 * worker is), work p on the new worker's core, and a contention c (each other
 * start in progress adds c·p to a start's work: starts made together share
 * memory, caches and the loader, so the last of many is slower than the
 * first). Chosen so that the simulator, starting k workers at once on
 * `cores` cores, has the first of them up and all of them up when they were
 * here: least squares of the relative error over the samples, searched over
 * the simulator itself.
 *
 * Fitting the twin's own model, rather than a formula beside it, is what
 * makes its start-up times come out right when it predicts a real run: a
 * pool's first task waits for the first worker up, a join for the last.
 */
export function fitWorkerStart(samples: readonly StartSample[], cores: number): StartModel {
  const bad = samples.find((x) => !(x.firstNs > 0 && x.allNs >= x.firstNs && Number.isFinite(x.allNs)));
  if (bad || samples.length === 0)
    throw new Error(`worker-start samples must be positive times, first up no later than all up; found ${JSON.stringify(bad ?? 'none')}`);
  const one = samples.find((x) => x.k === 1)?.allNs ?? samples[0]!.allNs;
  if (cores < 2 || samples.length < 2) return { spawnNs: Math.round(one), spawnSerialNs: 0, spawnContention: 0 };
  // A point of the search: the serial fraction of a start's work, and the contention. A lone start
  // takes what it took here (its serial part and its work add up to that time): the contention is
  // what says why many at once cost more.
  type Point = readonly [fraction: number, contention: number];
  const model = ([f, c]: Point): StartModel => {
    const s = Math.round(f * one);
    return { spawnNs: Math.round(one) - s, spawnSerialNs: s, spawnContention: c };
  };
  const error = (point: Point): number => {
    const m = model(point);
    let sum = 0;
    for (const { k, firstNs, allNs } of samples) {
      const sim = simulatedStarts(k, cores, m);
      sum += ((sim.firstNs - firstNs) / firstNs) ** 2 + ((sim.allNs - allNs) / allNs) ** 2;
    }
    return sum;
  };
  let best: { point: Point; error: number } = { point: [0, 0], error: error([0, 0]) };
  const steps = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => from + i * step);
  const search = (fs: readonly number[], cs: readonly number[]) => {
    for (const f of fs) {
      for (const c of cs) {
        const e = error([f, c]);
        if (e < best.error) best = { point: [f, c], error: e };
      }
    }
  };
  // A coarse grid, then finer ones around its best (the error is piecewise smooth, with more than
  // one dip). Some work always stays on the worker's core: a start all serial part is no start.
  search(steps(0, 0.6, 0.05), steps(0, 0.3, 0.025));
  for (const step of [0.01, 0.0025]) {
    const [f, c] = best.point;
    search(steps(Math.max(0, f - 4 * step), Math.min(0.9, f + 4 * step), step), steps(Math.max(0, c - 2 * step), c + 2 * step, step / 2));
  }
  return model(best.point);
}

const starters = new Map<number, Program>();

/** The program whose start-up is measured and simulated: main spawns k children with no steps and joins them. */
export function starterProfile(k: number): string {
  return `version: 1\nname: start\nprocesses:\n  child:\n    count: ${k}\n    steps: []\nmain:\n  - spawn: child\n  - join: child\n`;
}

/** When the simulator has the first of k workers started at once up, and all of them, with a start as `m` says. */
export function simulatedStarts(k: number, cores: number, m: StartModel): { firstNs: number; allNs: number } {
  let program = starters.get(k);
  if (!program) {
    const parsed = parseProfile(starterProfile(k), 'start');
    if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
    starters.set(k, (program = parsed.program));
  }
  const cost = { ...NO_OVERHEADS, name: 'start', ...m };
  const { result, traces } = simulate(program, { workers: [1], cores, cost, traceCap: 100 * k + 100 });
  const ends = traces[0]!.ops.filter(([, process, op]) => op === 'end' && process !== 0).map(([t]) => t);
  return { firstNs: Math.min(...ends), allNs: result.runs[0]!.simulated.makespan_ms * 1e6 };
}
