import type { Instr } from '../profile/ir.js';
import type { CountEnv } from '../profile/count.js';

/** Process states, as indices into PROCESS_STATES of the trace, plus done. */
export const READY = 1;
export const RUNNING = 0;
export const BLOCKED = 2;
export const SLEEPING = 3;
export const DONE = 4;

/** How a blocked step ended, read when the process runs that step again. */
export const PHASE_START = 0;
export const PHASE_WOKEN = 1;
export const PHASE_TIMED_OUT = 2;
/** An increment between its read and its write. */
export const PHASE_WRITE = 3;

/** What a blocked process waits for, for the wait-for graph and the views. */
export type WaitReason =
  | { readonly kind: 'resource'; readonly r: number }
  /** Waiting to get back the lock of condition `r` after a notify or timeout. */
  | { readonly kind: 'reacquire'; readonly r: number; readonly lock: number }
  | { readonly kind: 'join'; readonly t: number }
  | { readonly kind: 'pool' }
  | { readonly kind: 'pool-idle' };

/** A chunk of pool tasks: `items` tasks of `cost` each, for `owner`. */
export interface PoolTask {
  readonly owner: SimProcess;
  readonly items: number;
  readonly cost: import('../profile/ir.js').Duration;
  readonly bytesPerItem: number;
  /** Submitted by apply_async (awaited by wait_pool) rather than a blocking map. */
  readonly async: boolean;
}

/** One simulated process: a template instance, the main process, or a pool worker. */
export class SimProcess {
  pc = 0;
  phase = PHASE_START;
  /** Loop counters, one slot per nesting depth. */
  readonly loops: number[];
  /** The next default item this process puts on a queue. */
  putNext = 0;
  state = READY;
  stateSince = 0;
  stateResource = -1;
  /** Bumped at every wake-up: a timeout event with an older token is stale. */
  token = 0;
  hasCore = false;
  /** Nanoseconds of the current compute (or overhead) still to run. */
  remaining = 0;
  sliceLength = 0;
  /** What is left of its time slice since it last got a core. */
  quantumLeft = 0;
  /** Scratch for multi-phase steps: the value read by an increment, an item, an rlock's count. */
  scratch: number | string | boolean = 0;
  /** When it started waiting, for wait statistics. */
  waitSince = 0;
  waiting: WaitReason | null = null;
  /** Locks and rlocks held, in the order taken (for lock-order edges). */
  readonly heldLocks: number[] = [];
  /** Per template, the instances this process spawned. */
  readonly children = new Map<number, SimProcess[]>();
  /** Pool tasks this process submitted with apply_async and not yet done. */
  outstandingAsync = 0;
  /** Tasks of the blocking pool call in progress. */
  outstandingCall = 0;
  /** An rlock's count to restore when a condition wait gets its lock back. */
  savedCount = 1;
  /** The phase a condition wait resumes with once it has its lock back. */
  pendingPhase = PHASE_START;
  /** The chunk a pool worker is running. */
  poolTask: PoolTask | null = null;
  /** Why it ended early (misuse), or null. */
  died: string | null = null;
  /** Part of a reported deadlock: not reported again. */
  deadlocked = false;
  /** Time in each state (indices as above), and blocked time per resource. */
  // Time in each state, as fields on the process itself rather than an array
  // beside it: one object to touch per state change in a large run.
  running = 0;
  readyNs = 0;
  blockedNs = 0;
  sleepingNs = 0;

  /** Adds time spent in a state (RUNNING, READY, BLOCKED or SLEEPING). */
  addTime(state: number, ns: number): void {
    if (state === RUNNING) this.running += ns;
    else if (state === READY) this.readyNs += ns;
    else if (state === BLOCKED) this.blockedNs += ns;
    else this.sleepingNs += ns;
  }

  /** Time in each state, indexed as PROCESS_STATES. */
  get timeIn(): readonly number[] {
    return [this.running, this.readyNs, this.blockedNs, this.sleepingNs];
  }
  private readonly blockedTotals = new Map<number, number>();
  /** Blocked time on the resource blocked on last, not yet in the totals (a process mostly blocks on one thing). */
  private lastBlocked = -1;
  private lastBlockedNs = 0;

  addBlocked(r: number, ns: number): void {
    if (r !== this.lastBlocked) {
      this.flushBlocked();
      this.lastBlocked = r;
    }
    this.lastBlockedNs += ns;
  }

  private flushBlocked(): void {
    if (this.lastBlocked >= 0) this.blockedTotals.set(this.lastBlocked, (this.blockedTotals.get(this.lastBlocked) ?? 0) + this.lastBlockedNs);
    this.lastBlocked = -1;
    this.lastBlockedNs = 0;
  }

  /** Blocked time per resource. */
  get blockedOn(): ReadonlyMap<number, number> {
    this.flushBlocked();
    return this.blockedTotals;
  }

  constructor(
    readonly id: number,
    readonly name: string,
    /** Template index, or -1 for a pool worker. */
    readonly template: number,
    readonly code: readonly Instr[],
    readonly env: CountEnv,
    slots: number,
    readonly parent: SimProcess | null,
  ) {
    this.loops = new Array<number>(slots).fill(0);
  }

  get isPoolWorker(): boolean {
    return this.template < 0;
  }
}
