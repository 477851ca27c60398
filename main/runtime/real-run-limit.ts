import { firstWave, type Program } from '../../simulator/index.js';
import { MAX_LIVE_PROCESSES } from './layout.js';

/** A real run that cannot be made as asked: said before any worker starts, rather than after hundreds did. */
export class RealRunRefused extends Error {}

/**
 * Why a real run of these worker counts cannot be made, or null: the
 * processes it starts with already pass the processes a real run may hold
 * (each is a worker thread). Processes spawned later are checked as they
 * start.
 */
export function realRunRefusal(program: Program, workers: readonly number[]): string | null {
  for (const w of workers) {
    const n = firstWave(program, w).reduce((sum, t) => sum + t.count, 0);
    if (n > MAX_LIVE_PROCESSES) {
      return (
        `with ${w} worker${w === 1 ? '' : 's'} the profile starts ${n.toLocaleString('en-US')} processes at once, and a real run ` +
        `holds at most ${MAX_LIVE_PROCESSES} (each is a worker thread); simulate it instead, on as many virtual cores as you like`
      );
    }
  }
  return null;
}
