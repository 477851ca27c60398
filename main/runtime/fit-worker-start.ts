import { NO_OVERHEADS, parseProfile, simulate, type Program } from '../../simulator/index.js';

/** Starting `k` workers at once here: when the first was up, and when all were. */
export interface StartSample {
  readonly k: number;
  readonly firstNs: number;
  readonly allNs: number;
}

/**
 * Splits a worker start into a serial part s (spawnSerialNs: one start at a
 * time, as creating each worker is) and work p on the new worker's core
 * (spawnNs), so that the simulator, starting k workers at once on `cores`
 * cores, has the first of them up, and all of them, when they were up here:
 * least squares of the relative error over the samples, searched over the
 * simulator itself.
 *
 * Fitting the twin's own model, rather than a formula beside it, is what
 * makes its start-up times come out right when it predicts a real run: a
 * pool's first task waits for the first worker up, a join for the last.
 * Both parts are free: a start among many costs more than one alone (they
 * share memory and caches), so s + p need not be the time of a lone start.
 */
export function fitWorkerStart(samples: readonly StartSample[], cores: number): { spawnNs: number; spawnSerialNs: number } {
  const one = samples.find((x) => x.k === 1)?.allNs ?? samples[0]!.allNs;
  if (cores < 2 || samples.length < 2) return { spawnNs: Math.round(one), spawnSerialNs: 0 };
  const error = (serialFraction: number, scale: number): number => {
    const total = scale * one;
    const s = serialFraction * total;
    let sum = 0;
    for (const { k, firstNs, allNs } of samples) {
      const sim = simulatedStarts(k, cores, s, total - s);
      sum += ((sim.firstNs - firstNs) / firstNs) ** 2 + ((sim.allNs - allNs) / allNs) ** 2;
    }
    return sum;
  };
  // The serial fraction of a start, and its total against a lone start's: a coarse grid, then finer
  // ones around the best (the error is piecewise smooth, with more than one dip). Some work always
  // stays on the worker's core: a start that was all serial part would be no start at all.
  let best = { f: 0, scale: 1, error: error(0, 1) };
  const search = (fs: readonly number[], scales: readonly number[]) => {
    for (const f of fs) {
      for (const scale of scales) {
        const e = error(f, scale);
        if (e < best.error) best = { f, scale, error: e };
      }
    }
  };
  const steps = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => from + i * step);
  search(steps(0, 0.96, 0.04), steps(0.6, 1.6, 0.05));
  for (const step of [0.01, 0.0025]) {
    const { f, scale } = best;
    const clamp = (x: number) => Math.min(0.98, Math.max(0, x));
    search(steps(clamp(f - 4 * step), clamp(f + 4 * step), step), steps(Math.max(0.1, scale - 5 * step), scale + 5 * step, step));
  }
  const total = best.scale * one;
  const serial = Math.round(best.f * total);
  return { spawnNs: Math.round(total) - serial, spawnSerialNs: serial };
}

const starters = new Map<number, Program>();

/** When the simulator has the first of k workers started at once up, and all of them, with a start split into s and p. */
export function simulatedStarts(k: number, cores: number, serialNs: number, workNs: number): { firstNs: number; allNs: number } {
  let program = starters.get(k);
  if (!program) {
    const parsed = parseProfile(
      `version: 1\nname: start\nprocesses:\n  child:\n    count: ${k}\n    steps: []\nmain:\n  - spawn: child\n  - join: child\n`,
      'start',
    );
    if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
    starters.set(k, (program = parsed.program));
  }
  const cost = { ...NO_OVERHEADS, name: 'start', spawnNs: workNs, spawnSerialNs: serialNs };
  const { result, traces } = simulate(program, { workers: [1], cores, cost, traceCap: 100 * k + 100 });
  const ends = traces[0]!.ops.filter(([, process, op]) => op === 'end' && process !== 0).map(([t]) => t);
  return { firstNs: Math.min(...ends), allNs: result.runs[0]!.simulated.makespan_ms * 1e6 };
}
