import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { bundledBeside } from '../runtime/worker-script.js';
import { simulate, simulateSweep, warmUp, warmUpProgram, type Baseline, type Program, type SimulateOptions, type Simulation } from '../../simulator/index.js';
import type { BaselineRequest } from './baseline-worker.js';

/**
 * A worker thread, started ahead of time (its start-up then overlaps the
 * reading of the profile), that runs the one-worker baseline of a sweep while
 * the sweep runs here. Until it is given a run it does not keep the process
 * alive (a command that ends early still exits); stop() ends it at once.
 */
export class BaselineThread {
  private exited = false;

  private constructor(private readonly worker: Worker) {
    worker.once('exit', () => (this.exited = true));
  }

  /** Starts a thread; null where a second thread cannot help (one core) or cannot start. */
  static start(): BaselineThread | null {
    if (availableParallelism() < 2) return null;
    const script = baselineScript();
    if (!script) return null;
    try {
      const worker = new Worker(script);
      worker.unref();
      // A thread that fails before it is given a run is simply not used.
      worker.on('error', () => {});
      return new BaselineThread(worker);
    } catch {
      return null;
    }
  }

  /** Runs the baseline there: it, or undefined if the thread failed (the caller then runs it itself). */
  run(request: BaselineRequest): Promise<Baseline | undefined> {
    const worker = this.worker;
    if (this.exited) return Promise.resolve(undefined);
    worker.ref();
    return new Promise<Baseline | undefined>((resolve) => {
      worker.once('message', (b: Baseline) => resolve(b));
      worker.once('error', () => resolve(undefined));
      worker.once('exit', () => resolve(undefined));
      worker.postMessage(request);
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * Simulates as `simulate` does, but where the sweep lacks one worker, the
 * one-worker run that every speedup is measured against runs on the given
 * thread while this one runs the sweep. The result is the same to the byte;
 * only the wall time differs: for a sweep of one count, the two simulations
 * overlap instead of following one another (on 2 vCPUs they slow each other
 * by about a third, so the command saves about a fifth). Without a thread, the baseline runs here,
 * after the sweep. Each thread first simulates the warm-up program (simulator/warm-up.ts).
 */
export async function simulateWithBaselineThread(program: Program, options: SimulateOptions, thread: BaselineThread | null): Promise<Simulation> {
  const warm = warmUpProgram();
  const lacksOne = !(options.workers ?? program.sweep).includes(1);
  if (!lacksOne || !thread) {
    await thread?.stop();
    warmUp(warm);
    return simulate(program, options);
  }
  const baseline = thread.run({ program, options, warmUp: warm });
  let sweep;
  try {
    warmUp(warm);
    sweep = simulateSweep(program, options);
  } catch (e) {
    await thread.stop();
    throw e;
  }
  return sweep.finish(await baseline);
}

/** The baseline worker's code: the bundle beside the command's, or the TypeScript source through tsx. */
function baselineScript(): URL | null {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return new URL('./baseline-worker-from-source.mjs', here);
  return bundledBeside(here, 'baseline-worker');
}
