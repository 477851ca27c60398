import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { bundledBeside } from '../runtime/worker-script.js';
import type { JobSimulation, JobSimulationRequest } from './job-simulation.js';
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
 * not at hand the job fails, saying so: running them here instead hid a
 * desktop build that lacked the bundle (its app froze on a long simulation).
 */
export function runJobSimulation(
  request: JobSimulationRequest,
  signal: AbortSignal,
  progress: (fraction: number, message: string) => void,
  /** The module the worker's code is found beside (this one's own; a test names another). */
  here: string = import.meta.url,
): Promise<JobSimulation> {
  if (signal.aborted) return Promise.reject(new JobCancelled());
  let script: URL;
  try {
    script = jobWorkerScript(here);
  } catch (e) {
    return Promise.reject(e as Error);
  }
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

/**
 * The job worker's code for the module at `here`: from the TypeScript sources,
 * the source through tsx; from a bundle, the job worker's bundle beside it
 * (.mjs beside the command line's, .js beside Electron's main process), or an
 * error naming it where it is missing.
 */
export function jobWorkerScript(here: string = import.meta.url): URL {
  if (here.endsWith('.ts')) return new URL('./job-worker-from-source.mjs', here);
  const bundled = bundledBeside(here, 'job-worker');
  if (!bundled) throw new Error(`the simulation thread's code is missing (${fileURLToPath(new URL('./job-worker.mjs', here))} or .js): this build lacks it`);
  return bundled;
}
