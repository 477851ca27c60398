import { Worker } from 'node:worker_threads';
import { bundledBeside } from '../runtime/worker-script.js';
import { simulateForJob, type JobSimulation, type JobSimulationRequest } from './job-simulation.js';
import type { JobWorkerMessage } from './job-worker.js';

/** A job's simulations stopped by its cancel. */
export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/**
 * Runs a job's simulations on a worker thread of their own, so that the
 * thread answering the app (the browser host's server, Electron's main
 * process) is never held up by them: a simulation of many seconds held it
 * whole, progress stood still and a cancel was read only when it had ended.
 * An abort ends the thread at once (JobCancelled). Where the worker's code is
 * not at hand, they run here, as before.
 */
export function runJobSimulation(
  request: JobSimulationRequest,
  signal: AbortSignal,
  progress: (fraction: number, message: string) => void,
): Promise<JobSimulation> {
  if (signal.aborted) return Promise.reject(new JobCancelled());
  const script = jobWorkerScript();
  if (!script) return Promise.resolve().then(() => simulateForJob(request, progress));
  return new Promise<JobSimulation>((resolve, reject) => {
    const worker = new Worker(script);
    let settled = false;
    const settle = (then: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      then();
      void worker.terminate();
    };
    const onAbort = () => settle(() => reject(new JobCancelled()));
    signal.addEventListener('abort', onAbort);
    worker.on('message', (m: JobWorkerMessage) => {
      if (m.type === 'progress') progress(m.fraction, m.message);
      else if (m.type === 'done') settle(() => resolve(m.result));
      else settle(() => reject(new Error(m.error)));
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the simulation's thread ended (exit code ${code}) before its result`))));
    try {
      worker.postMessage(request);
    } catch (e) {
      settle(() => reject(e));
    }
  });
}

/** The job worker's code: the bundle beside the command's, or the TypeScript source through tsx; null where neither is. */
function jobWorkerScript(): URL | null {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./job-worker-from-source.mjs', here);
  return bundledBeside(here, 'job-worker');
}
