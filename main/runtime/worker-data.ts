import type { Program } from '../../simulator/index.js';
import type { Layout } from './layout.js';

/** What a runtime worker is given when it starts. */
export interface WorkerData {
  readonly program: Program;
  readonly layout: Layout;
  readonly sab: SharedArrayBuffer;
  readonly pid: number;
  /** Template index, or -1 for a pool worker. */
  readonly template: number;
  readonly i: number;
  readonly parent: number;
  readonly workers: number;
  readonly itersPerNs: number;
  readonly seed: number;
  /**
   * The run's time origin (ms, on the shared performance.timeOrigin clock),
   * written in [0] when the start gate opens.
   */
  readonly clock: SharedArrayBuffer;
  /** Waits at the start gate (the first wave), or starts at once (spawned later). */
  readonly gated: boolean;
  readonly traceCap: number;
  /** CPU time between the read and the write of a non-atomic increment. */
  readonly valueGapNs: number;
}

export interface LockStatsOut {
  acquisitions: number;
  contended: number;
  waitNs: number;
  maxWaitNs: number;
  holdNs: number;
}

/** What a worker reports when it ends. */
export interface WorkerReport {
  readonly type: 'done';
  readonly pid: number;
  /** State spans [state, start, end, resource] and ops [time, op, resource]. */
  readonly spans: readonly (readonly [number, number, number, number])[];
  readonly ops: readonly (readonly [number, string, number])[];
  readonly dropped: number;
  readonly locks: Readonly<Record<number, LockStatsOut>>;
  readonly timeIn: readonly number[];
  readonly blockedOn: Readonly<Record<number, number>>;
  readonly misuse: readonly { readonly resource: number; readonly what: string; readonly line: number; readonly atNs: number }[];
  /** Why it stopped early: a misuse, or the run being stopped; null when it ran to its end. */
  readonly stopped: string | null;
  /** When its first step ran (after the start gate, for the first wave). */
  readonly startNs: number;
  readonly endNs: number;
}

export interface SpawnRequest {
  readonly type: 'spawn';
  readonly parent: number;
  readonly template: number;
  readonly count: number;
  /** When the spawn step ran (run clock, ns): the children's start-up begins here. */
  readonly atNs: number;
}

/** The first pool call of the run: the pool's workers start now, as `Pool()` starts them. */
export interface PoolRequest {
  readonly type: 'pool';
  /** When that call ran (run clock, ns). */
  readonly atNs: number;
}

export type WorkerMessage = WorkerReport | SpawnRequest | PoolRequest;
