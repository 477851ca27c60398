import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { parseProfile, type Program, type Trace } from '../../simulator/index.js';
import { DEFAULT_REPS, type JobRequest, type JobResult, type JobStatus } from '../../preload/contract.js';
import { costModelFrom } from '../cli/simulate-command.js';
import { savedOrNewCalibration } from '../runtime/calibrate.js';
import { configDirProblem } from '../runtime/config-dir.js';
import { measure } from '../runtime/measure.js';
import { realRunRefusal } from '../runtime/real-run-limit.js';
import { runJobSimulation } from '../simulation/job-thread.js';
import { TIMELINE_CAP } from '../simulation/job-simulation.js';

// Finished jobs keep their results (a few MB each with traces) until newer ones push them out.
const MAX_JOBS = 6;

interface Job {
  readonly kind: JobRequest['kind'];
  status: JobStatus;
  readonly controller: AbortController;
  readonly started: number;
}

/**
 * Jobs the app starts: a simulation or a real run, with progress and
 * cancellation. The same manager serves the Electron host and the browser
 * host; the renderer polls jobStatus.
 */
export class JobManager {
  private readonly jobs = new Map<string, Job>();

  start(request: JobRequest): { jobId: string } | string {
    // Checked for the worker counts asked for and the one-worker baseline, as for the profile's own sweep.
    const parsed = parseProfile(request.text, request.file, request.workers ?? [], [1]);
    if (!parsed.ok)
      return `the profile has ${parsed.errors.length} error${parsed.errors.length === 1 ? '' : 's'}; fix ${parsed.errors[0]!.file}:${parsed.errors[0]!.line} first`;
    // One job at a time: each simulates on a thread of its own, and the app never asks for two (a page
    // that did started as many threads as it liked, each taking memory and a core).
    const running = [...this.jobs.values()].find((j) => j.status.state === 'running');
    if (running) return `${running.kind === 'run' ? 'a real run' : 'a simulation'} is already going; wait for it or cancel it first`;
    this.forgetOld();
    const jobId = randomUUID();
    const job: Job = {
      kind: request.kind,
      status: { state: 'running', progress: { fraction: 0, message: 'starting...' } },
      controller: new AbortController(),
      started: Date.now(),
    };
    this.jobs.set(jobId, job);
    const progress = (fraction: number, message: string) => {
      if (job.status.state === 'running') job.status = { state: 'running', progress: { fraction, message } };
    };
    // Off this turn of the event loop, so the call answers with the id at once.
    setImmediate(() => {
      this.execute(parsed.program, request, job.controller.signal, progress).then(
        (result) => {
          if (job.controller.signal.aborted) job.status = { state: 'cancelled' };
          else job.status = { state: 'done', progress: { fraction: 1, message: 'done' }, result };
        },
        (e: unknown) => {
          if (job.controller.signal.aborted) job.status = { state: 'cancelled' };
          else job.status = { state: 'failed', error: e instanceof Error ? e.message : String(e) };
        },
      );
    });
    return { jobId };
  }

  status(jobId: string): JobStatus | null {
    return this.jobs.get(jobId)?.status ?? null;
  }

  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (!job) return false;
    job.controller.abort();
    if (job.status.state === 'running') job.status = { state: 'cancelled' };
    return true;
  }

  private forgetOld(): void {
    const done = [...this.jobs].filter(([, j]) => j.status.state !== 'running').sort((a, b) => a[1].started - b[1].started);
    while (this.jobs.size >= MAX_JOBS && done.length) this.jobs.delete(done.shift()![0]);
  }

  private async execute(program: Program, request: JobRequest, signal: AbortSignal, progress: (f: number, m: string) => void): Promise<JobResult> {
    const workers = request.workers && request.workers.length ? request.workers : program.sweep;
    // A real run past the runtime's limits, or one whose calibration could not be saved, is refused before anything runs.
    const refusal = request.kind === 'run' ? (realRunRefusal(program, workers) ?? configDirProblem()) : null;
    if (refusal) throw new Error(refusal);
    const sim = await runJobSimulation(
      {
        kind: request.kind,
        file: request.file,
        text: request.text,
        workers,
        seed: request.seed,
        cores: request.cores,
        cost: costModelFrom(undefined),
        machineCores: availableParallelism(),
      },
      signal,
      progress,
    );
    const largest = Math.max(...workers);
    const timeline = { workers: largest, simulated: sim.simulatedTrace, measured: null };
    if (request.kind === 'simulate' || signal.aborted) {
      return { kind: request.kind, simulation: sim.simulation, run: null, curve: sim.curve, curveCores: sim.curveCores, timeline };
    }
    const calibration = await savedOrNewCalibration((line) => progress(0.25, line));
    // (The request's checks held it to 1 to MAX_REPS.)
    const reps = request.reps ?? DEFAULT_REPS;
    let step = 0;
    const total = (workers.includes(1) ? workers.length : workers.length + 1) * reps;
    const seed = request.seed ?? program.seed;
    const { result, traces } = await measure(program, {
      workers,
      reps,
      seed,
      timeoutMs: 60_000,
      calibration,
      traceCap: TIMELINE_CAP,
      signal,
      progress: (line) => progress(0.3 + (0.65 * step++) / total, line),
    });
    const measuredTrace: Trace | null = traces[result.runs.findIndex((r) => r.workers === largest)] ?? null;
    return {
      kind: 'run',
      simulation: sim.simulation,
      run: result,
      curve: sim.curve,
      curveCores: sim.curveCores,
      timeline: { ...timeline, measured: measuredTrace },
    };
  }
}
