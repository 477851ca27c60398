import { processesStarted, workersText, type Program } from '../../simulator/index.js';
import { MAX_REAL_PROCESSES } from './layout.js';

/** A real run that cannot be made as asked (see realRunRefusal). */
export class RealRunRefused extends Error {}

/**
 * Why a real run of this sweep (and of its one-worker baseline) cannot be
 * made, or null: the processes it starts in all, where the profile alone
 * says how many, pass what a real run may start. Said before anything is
 * calibrated or started, rather than after hundreds of threads did; where
 * the count depends on the run, the runtime stops at the limit instead.
 */
export function realRunRefusal(program: Program, sweep: readonly number[]): string | null {
  const counts = [...sweep.map((w) => ({ w, baseline: false })), ...(sweep.includes(1) ? [] : [{ w: 1, baseline: true }])];
  for (const { w, baseline } of counts) {
    const n = processesStarted(program, w);
    if (n === null || n <= MAX_REAL_PROCESSES) continue;
    const run = baseline ? 'the one-worker run that speedup is measured against' : `a run with ${workersText(w)}`;
    return (
      `${run} would start ${n.toLocaleString('en-US')} processes (main, spawned and pool workers together), and a real run ` +
      `starts at most ${MAX_REAL_PROCESSES} (each is a worker thread); simulate it instead, on as many virtual cores as you like`
    );
  }
  return null;
}
