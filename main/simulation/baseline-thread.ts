import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { simulateSweep, type Baseline, type Program, type SimulateOptions, type Simulation } from '../../simulator/index.js';
import type { BaselineRequest } from './baseline-worker.js';

/**
 * Simulates as `simulate` does, but where the sweep lacks one worker, the
 * one-worker run that every speedup is measured against runs on a second
 * thread while this one runs the sweep. The result is the same to the byte;
 * only the wall time differs (about half, for a sweep of one count, on a
 * machine with a second core). Where no second thread can help or start,
 * the baseline runs here, after the sweep.
 */
export async function simulateWithBaselineThread(program: Program, options: SimulateOptions = {}): Promise<Simulation> {
  const lacksOne = !(options.workers ?? program.sweep).includes(1);
  const thread = lacksOne && availableParallelism() > 1 ? startBaselineThread({ program, options }) : null;
  let sweep;
  try {
    sweep = simulateSweep(program, options);
  } catch (e) {
    await thread?.stop();
    throw e;
  }
  return sweep.finish(thread ? await thread.baseline : undefined);
}

export interface BaselineThread {
  /** The baseline, or undefined if the thread failed (the caller then runs it itself). */
  readonly baseline: Promise<Baseline | undefined>;
  stop(): Promise<void>;
}

/** Starts the one-worker baseline on a thread of its own; null where no thread can start. */
export function startBaselineThread(request: BaselineRequest): BaselineThread | null {
  const script = baselineScript();
  if (!script) return null;
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: request });
  } catch {
    return null;
  }
  const baseline = new Promise<Baseline | undefined>((resolve) => {
    worker.once('message', (b: Baseline) => resolve(b));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  return {
    baseline,
    stop: async () => {
      await worker.terminate();
    },
  };
}

/** The baseline worker's code: the bundle beside the command's, or the TypeScript source through tsx. */
function baselineScript(): URL | null {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./baseline-worker-from-source.mjs', here);
  const bundled = new URL('./baseline-worker.mjs', here);
  return existsSync(fileURLToPath(bundled)) ? bundled : null;
}
