import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { parseProfile, simulateSweep, type Baseline, type Program, type Trace, sweepText } from '../../simulator/index.js';
import type { JobRequest, JobResult, JobStatus } from '../../preload/contract.js';
import { costModelFrom } from '../cli/simulate-command.js';
import { savedOrNewCalibration } from '../runtime/calibrate.js';
import { configDirProblem } from '../runtime/config-dir.js';
import { measure } from '../runtime/measure.js';
import { realRunRefusal } from '../runtime/real-run-limit.js';

/** Records of one run's timeline sent to the views, at most (a few MB of JSON). */
export const TIMELINE_CAP = 200_000;
const CURVE = [1, 2, 4, 8, 16, 32, 64];
/** Events each run of the curve may take (a large profile on 64 cores must not hold the app for long). */
const CURVE_MAX_EVENTS = 20_000_000;
// Finished jobs keep their results (a few MB each with traces) until newer ones push them out.
const MAX_JOBS = 6;

interface Job {
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
    const running = [...this.jobs.values()].filter((j) => j.status.state === 'running').length;
    if (running > 0 && request.kind === 'run') return 'a real run is already going; wait for it or cancel it first';
    this.forgetOld();
    const jobId = randomUUID();
    const job: Job = {
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
          job.status = { state: 'failed', error: e instanceof Error ? e.message : String(e) };
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
    const seed = request.seed ?? program.seed;
    const cores = request.cores;
    const largest = Math.max(...workers);
    const cost = costModelFrom(undefined);
    // A real run past the runtime's limits, or one whose calibration could not be saved, is refused before anything runs.
    const refusal = request.kind === 'run' ? (realRunRefusal(program, workers) ?? configDirProblem()) : null;
    if (refusal) throw new Error(refusal);
    progress(0.05, `simulating ${sweepText(workers)}...`);
    await tick();
    // A real run's twin runs on this machine's cores, as measured; a simulation on as many virtual cores as asked.
    const simCores = request.kind === 'run' ? availableParallelism() : (cores ?? null);
    const sweep = simulateSweep(program, { workers, seed, cost, cores: simCores, traceCap: TIMELINE_CAP });
    progress(0.2, 'simulating up to 64 virtual cores...');
    await tick();
    // The curve leaves out the counts the profile does not hold at (an index past an array's end at 64 workers, say).
    const curveCounts = CURVE.filter((w) => w === 1 || parseProfile(request.text, request.file, [], [w]).ok);
    // On the cores a simulation was asked for, as its table is (else the chart contradicted the table: on one
    // core, speedups under 1 beside a curve rising to 2.4); a real run's curve asks what more cores would give.
    const curveCores = request.kind === 'simulate' ? (cores ?? null) : null;
    const curveSweep = simulateSweep(program, { workers: curveCounts, seed, cost, cores: curveCores, maxEvents: CURVE_MAX_EVENTS });
    const sim = sweep.finish(sharedBaseline(curveSweep.oneWorker, curveCores, simCores));
    const simulatedTrace = sim.traces[workers.indexOf(largest)] ?? null;
    const curve = curveSweep.finish().result.runs.map((r) => ({ workers: r.workers, speedup: r.simulated.speedup }));
    if (request.kind === 'simulate' || signal.aborted) {
      return {
        kind: request.kind,
        simulation: sim.result,
        run: null,
        curve,
        curveCores,
        timeline: { workers: largest, simulated: simulatedTrace, measured: null },
      };
    }
    const calibration = await savedOrNewCalibration((line) => progress(0.25, line));
    const reps = Math.min(20, Math.max(1, request.reps ?? 3));
    let step = 0;
    const total = (workers.includes(1) ? workers.length : workers.length + 1) * reps;
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
      simulation: sim.result,
      run: result,
      curve,
      curveCores,
      timeline: { workers: largest, simulated: simulatedTrace, measured: measuredTrace },
    };
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The curve's one-worker run, as the baseline of a sweep that lacks one, where it is the very run
 * that sweep would make: on the same cores (one, where each run has as many as workers), and not cut
 * short by the curve's smaller event budget (else the sweep runs its own).
 */
export function sharedBaseline(curveOne: Baseline | null, curveCores: number | null, sweepCores: number | null): Baseline | undefined {
  if (curveOne === null || (curveCores ?? 1) !== (sweepCores ?? 1) || curveOne.outcome === 'event_limit') return undefined;
  return curveOne;
}
