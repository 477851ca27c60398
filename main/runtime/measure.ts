import { availableParallelism } from 'node:os';
import {
  amdahlSpeedup,
  estimateWork,
  simulate,
  workersText,
  type Finding,
  type MeasuredRun,
  type Program,
  type RunResult,
  type Trace,
} from '../../simulator/index.js';
import type { Calibration } from './calibrate.js';
import { RealRunRefused, realRunRefusal } from './real-run-limit.js';
import { runProgram, type RealRun } from './run-program.js';

export type { MeasuredRun, RunResult };

export interface MeasureOptions {
  readonly workers?: readonly number[];
  readonly reps: number;
  readonly seed: number;
  readonly timeoutMs: number;
  readonly calibration: Calibration;
  readonly traceCap: number;
  readonly signal?: AbortSignal;
  readonly progress?: (line: string) => void;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Karp–Flatt: the serial fraction e = (1/S − 1/p) / (1 − 1/p) implied by a speedup S on p workers. */
export function karpFlatt(speedup: number, p: number): number {
  return (1 / speedup - 1 / p) / (1 - 1 / p);
}

/**
 * Measures a program for real over its sweep (with a one-worker baseline for
 * speedup), N repetitions each, beside its simulated twin on this machine's
 * cores with this machine's cost model, and Amdahl's prediction. Throws
 * RealRunRefused, before starting anything, for a run past the runtime's limits.
 */
export async function measure(program: Program, options: MeasureOptions): Promise<{ result: RunResult; traces: Trace[]; cancelled: boolean }> {
  const sweep = options.workers ?? program.sweep;
  const counts = sweep.includes(1) ? sweep : [1, ...sweep];
  const refusal = realRunRefusal(program, sweep);
  if (refusal) throw new RealRunRefused(refusal);
  const cores = availableParallelism();
  const measured = new Map<number, { reps: RealRun[]; median: RealRun }>();
  const findings: Finding[] = [];
  const seen = new Set<string>();
  let cancelled = false;
  for (const workers of counts) {
    const reps: RealRun[] = [];
    for (let k = 0; k < options.reps && !cancelled; k++) {
      options.progress?.(`measuring ${workersText(workers)}, repetition ${k + 1} of ${options.reps}...`);
      const run = await runProgram(program, {
        workers,
        seed: options.seed + k,
        itersPerNs: options.calibration.kernelItersPerNs,
        timeoutMs: options.timeoutMs,
        traceCap: options.traceCap,
        valueGapNs: options.calibration.valueNs,
        signal: options.signal,
      });
      if (run.outcome === 'cancelled') cancelled = true;
      reps.push(run);
      for (const f of run.findings) {
        // The same finding in several repetitions is reported once.
        const key = JSON.stringify({ ...f, at_ms: undefined });
        if (!seen.has(key) && sweep.includes(workers)) {
          seen.add(key);
          findings.push(f);
        }
      }
    }
    if (reps.length === 0) break;
    const byTime = [...reps].sort((a, b) => a.makespanNs - b.makespanNs);
    measured.set(workers, { reps, median: byTime[Math.floor(byTime.length / 2)]! });
  }
  options.progress?.('simulating the twin...');
  const twin = simulate(program, { workers: sweep, cores, seed: options.seed, cost: options.calibration }).result;
  const twinFindings = twin.findings;
  const work = estimateWork(program);
  const base = measured.get(1);
  const baseMs = base && base.median.outcome === 'completed' ? base.median.makespanNs / 1e6 : null;
  const runs = sweep.flatMap((workers, index) => {
    const m = measured.get(workers);
    if (!m) return [];
    const ms = m.median.makespanNs / 1e6;
    const completed = m.median.outcome === 'completed';
    const speedup = completed && baseMs !== null && ms > 0 ? baseMs / ms : null;
    const simulated = twin.runs[index]!.simulated;
    const deadlock = m.median.findings.find((f) => f.kind === 'deadlock');
    return [
      {
        workers,
        measured: {
          makespan_ms: median(m.reps.map((r) => r.makespanNs / 1e6)),
          spread: {
            min_ms: Math.min(...m.reps.map((r) => r.makespanNs / 1e6)),
            max_ms: Math.max(...m.reps.map((r) => r.makespanNs / 1e6)),
            reps_ms: m.reps.map((r) => r.makespanNs / 1e6),
          },
          speedup,
          efficiency: speedup === null ? null : speedup / workers,
          outcome: m.median.outcome,
          deadlock: deadlock && deadlock.kind === 'deadlock' ? { cycle: deadlock.cycle } : null,
          locks: m.median.locks,
          values: m.median.values,
          processes: m.median.processes,
        },
        simulated,
        amdahl_speedup: work.known ? amdahlSpeedup(work.serialFraction, workers) : null,
        prediction_error: completed && simulated.outcome === 'completed' && ms > 0 ? (simulated.makespan_ms - ms) / ms : null,
      },
    ];
  });
  const karp = runs.flatMap((r) =>
    r.workers > 1 && r.measured.speedup !== null ? [{ workers: r.workers, serial_fraction: karpFlatt(r.measured.speedup, r.workers) }] : [],
  );
  const result: RunResult = {
    profile: program.name,
    mode: 'run',
    seed: options.seed,
    serial_fraction: work.known ? work.serialFraction : null,
    machine: { cores, kernel_iters_per_ns: options.calibration.kernelItersPerNs },
    cost_model: { name: options.calibration.name, source: options.calibration.source },
    runs,
    karp_flatt: karp,
    findings,
    twin_findings: twinFindings,
  };
  const traces = sweep.flatMap((w) => (measured.get(w) ? [measured.get(w)!.median.trace] : []));
  return { result, traces, cancelled };
}
