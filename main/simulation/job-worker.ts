// A worker thread that runs a job's simulations (job-thread.ts): the app's server, or Electron's main
// process, goes on answering meanwhile, and a cancel ends the thread.
import { parentPort } from 'node:worker_threads';
import { simulateForJob, type JobSimulation, type JobSimulationRequest } from './job-simulation.js';

export type JobWorkerMessage =
  | { readonly type: 'progress'; readonly fraction: number; readonly message: string }
  | { readonly type: 'done'; readonly result: JobSimulation }
  | { readonly type: 'failed'; readonly error: string };

// One job, then the thread ends.
parentPort!.once('message', (request: JobSimulationRequest) => {
  const post = (m: JobWorkerMessage) => parentPort!.postMessage(m);
  try {
    post({ type: 'done', result: simulateForJob(request, (fraction, message) => post({ type: 'progress', fraction, message })) });
  } catch (e) {
    post({ type: 'failed', error: e instanceof Error ? e.message : String(e) });
  }
});
