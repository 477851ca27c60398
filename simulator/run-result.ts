import type { Finding } from './engine/findings.js';
import type { LockSummary, ProcessSummary, SimulatedRun } from './simulate.js';

/**
 * The result document of `interleave run` (DESIGN.md), declared here in the
 * pure layer so the app, the reports and the command line share it.
 */

/** One worker count measured for real: the median repetition, and the spread over all. */
export interface MeasuredRun {
  readonly makespan_ms: number;
  readonly spread: { readonly min_ms: number; readonly max_ms: number; readonly reps_ms: readonly number[] };
  readonly speedup: number | null;
  readonly efficiency: number | null;
  readonly outcome: 'completed' | 'time_limit' | 'deadlock' | 'hang' | 'timeout' | 'cancelled' | 'crashed';
  readonly deadlock: { readonly cycle: readonly unknown[] } | null;
  readonly locks: Readonly<Record<string, LockSummary>>;
  readonly values: Readonly<Record<string, number | readonly number[]>>;
  readonly processes: Readonly<Record<string, ProcessSummary>>;
}

export interface RunResult {
  readonly profile: string;
  readonly mode: 'run';
  readonly seed: number;
  readonly serial_fraction: number | null;
  readonly machine: { readonly cores: number; readonly kernel_iters_per_ns: number };
  readonly cost_model: { readonly name: string; readonly source: string };
  readonly runs: readonly {
    readonly workers: number;
    readonly measured: MeasuredRun;
    readonly simulated: SimulatedRun;
    readonly amdahl_speedup: number | null;
    /** (simulated - measured) / measured makespan; null unless both completed. */
    readonly prediction_error: number | null;
  }[];
  /** The serial fraction the measured speedups imply (Karp–Flatt), per worker count above 1. */
  readonly karp_flatt: readonly { readonly workers: number; readonly serial_fraction: number }[];
  /** What the measured runs met. */
  readonly findings: readonly Finding[];
  /**
   * What the simulated twin met over the same sweep: a deadlock or a hang
   * there is one under another timing, which the measured runs may have missed.
   */
  readonly twin_findings: readonly Finding[];
}
