// A worker thread that runs the one-worker baseline of a sweep (see baseline-thread.ts).
import { parentPort } from 'node:worker_threads';
import type { Program } from '../../simulator/profile/ir.js';
import { simulateBaseline, type SimulateOptions } from '../../simulator/simulate.js';

export interface BaselineRequest {
  readonly program: Program;
  readonly options: SimulateOptions;
}

// One run, then the thread ends.
parentPort!.once('message', ({ program, options }: BaselineRequest) => {
  parentPort!.postMessage(simulateBaseline(program, options));
});
