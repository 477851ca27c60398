import { firstWave, processesStarted, workersText, type Program } from '../../simulator/index.js';
import { MAX_REAL_PROCESSES } from './layout.js';

/** A real run that cannot be made as asked (see realRunRefusal). */
export class RealRunRefused extends Error {}

/**
 * Why a real run of this sweep (and of its one-worker baseline) cannot be
 * made, or null: the processes it starts in all, where the profile alone
 * says how many (or at least those that start together do), pass what a real
 * run may start. Said before anything is calibrated or started, rather than
 * after hundreds of threads did; where only the run can tell, the runtime
 * stops at the limit instead.
 */
export function realRunRefusal(program: Program, sweep: readonly number[]): string | null {
  const counts = [...sweep.map((w) => ({ w, baseline: false })), ...(sweep.includes(1) ? [] : [{ w: 1, baseline: true }])];
  for (const { w, baseline } of counts) {
    // Where the run decides how many it spawns, those that start together at the beginning are already that many.
    const exact = processesStarted(program, w);
    const n = exact ?? firstWave(program, w).reduce((sum, { count }) => sum + count, 0);
    if (n <= MAX_REAL_PROCESSES) continue;
    const run = baseline ? 'the one-worker run that speedup is measured against' : `a run with ${workersText(w)}`;
    const what =
      exact === null
        ? `at least ${n.toLocaleString('en-US')} processes (those that start together)`
        : `${n.toLocaleString('en-US')} processes (main, spawned and pool workers together)`;
    return (
      `${run} would start ${what}, and a real run ` +
      `starts at most ${MAX_REAL_PROCESSES} (each is a worker thread); simulate it instead, on as many virtual cores as you like`
    );
  }
  return null;
}
