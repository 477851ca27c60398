import { parseProfile, simulateSweep, type Baseline, type CostModel, type SimulationResult, type Trace, sweepText } from '../../simulator/index.js';
import type { JobKind } from '../../preload/contract.js';

/** Records of one run's timeline sent to the views, at most (a few MB of JSON). */
export const TIMELINE_CAP = 200_000;
const CURVE = [1, 2, 4, 8, 16, 32, 64];
/** Events each run of the curve may take (a large profile on 64 cores must not hold the app for long). */
const CURVE_MAX_EVENTS = 20_000_000;

/** What a job simulates: all of it plain data, so that it crosses to a worker thread as it is. */
export interface JobSimulationRequest {
  readonly kind: JobKind;
  readonly file: string;
  readonly text: string;
  /** Worker counts; the profile's sweep where empty or missing. */
  readonly workers?: readonly number[];
  readonly seed?: number;
  /** Virtual cores asked for; as many as each run has workers where missing. */
  readonly cores?: number;
  readonly cost: CostModel;
  /** This machine's cores: a real run's twin runs on them. */
  readonly machineCores: number;
}

export interface JobSimulation {
  readonly simulation: SimulationResult;
  readonly curve: readonly { readonly workers: number; readonly speedup: number | null }[];
  readonly curveCores: number | null;
  /** The trace of the sweep's largest worker count, for the timeline. */
  readonly simulatedTrace: Trace | null;
}

/**
 * The simulations of a job: its sweep (a real run's twin, on this machine's
 * cores; a simulation's, on the cores asked for), and the speedup curve of 1
 * to 64 workers. `progress` is told as each part begins.
 */
export function simulateForJob(request: JobSimulationRequest, progress: (fraction: number, message: string) => void): JobSimulation {
  // Checked for the worker counts asked for and the one-worker baseline, as the job manager checked it.
  const parsed = parseProfile(request.text, request.file, request.workers ?? [], [1]);
  if (!parsed.ok) throw new Error(`the profile has errors; fix ${parsed.errors[0]!.file}:${parsed.errors[0]!.line} first`);
  const program = parsed.program;
  const workers = request.workers && request.workers.length ? request.workers : program.sweep;
  const seed = request.seed ?? program.seed;
  const cost = request.cost;
  const largest = Math.max(...workers);
  progress(0.05, `simulating ${sweepText(workers)}...`);
  // A real run's twin runs on this machine's cores, as measured; a simulation on as many virtual cores as asked.
  const simCores = request.kind === 'run' ? request.machineCores : (request.cores ?? null);
  const sweep = simulateSweep(program, { workers, seed, cost, cores: simCores, traceCap: TIMELINE_CAP });
  progress(0.2, 'simulating up to 64 workers...');
  // The curve leaves out the counts the profile does not hold at (an index past an array's end at 64 workers, say).
  const curveCounts = CURVE.filter((w) => w === 1 || parseProfile(request.text, request.file, [], [w]).ok);
  // On the cores a simulation was asked for, as its table is (else the chart contradicted the table: on one
  // core, speedups under 1 beside a curve rising to 2.4); a real run's curve asks what more cores would give.
  const curveCores = request.kind === 'simulate' ? (request.cores ?? null) : null;
  const curveSweep = simulateSweep(program, { workers: curveCounts, seed, cost, cores: curveCores, maxEvents: CURVE_MAX_EVENTS });
  const sim = sweep.finish(sharedBaseline(curveSweep.oneWorker, curveCores, simCores));
  const curve = curveSweep.finish().result.runs.map((r) => ({ workers: r.workers, speedup: r.simulated.speedup }));
  return { simulation: sim.result, curve, curveCores, simulatedTrace: sim.traces[workers.indexOf(largest)] ?? null };
}

/**
 * The curve's one-worker run, as the baseline of a sweep that lacks one, where it is the very run
 * that sweep would make: on the same cores (one, where each run has as many as workers), and not cut
 * short by the curve's smaller event budget (else the sweep runs its own).
 */
export function sharedBaseline(curveOne: Baseline | null, curveCores: number | null, sweepCores: number | null): Baseline | undefined {
  if (curveOne === null || (curveCores ?? 1) !== (sweepCores ?? 1) || curveOne.outcome === 'event_limit') return undefined;
  return curveOne;
}
