// A worker thread that runs the one-worker baseline of a sweep (see baseline-thread.ts).
import { parentPort } from 'node:worker_threads';
import type { Program } from '../../simulator/profile/ir.js';
import { simulateBaseline, type SimulateOptions } from '../../simulator/simulate.js';
import { warmUp } from '../../simulator/warm-up.js';
import { internStrings } from './intern-strings.js';
import { lowerThisThread } from './baseline-priority.js';

export interface BaselineRequest {
  readonly program: Program;
  readonly options: SimulateOptions;
  /** The warm-up program (simulator/warm-up.ts), made where the program was compiled, and sent with it. */
  readonly warmUp: Program;
}

// As early as the worker's own code can (baseline-priority.ts); refused, it runs as it was.
lowerThisThread();

// One run, then the thread ends.
parentPort!.once('message', (request: BaselineRequest) => {
  // The programs' kinds are compared at every step: as the clone made them, each comparison read both strings.
  internStrings(request);
  warmUp(request.warmUp);
  parentPort!.postMessage(simulateBaseline(request.program, request.options));
});
