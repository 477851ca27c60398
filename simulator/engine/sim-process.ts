import type { Instr } from '../profile/ir.js';
import type { CountEnv } from '../profile/count.js';
import { ZERO_NS } from './zero-ns.js';

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

/**
 * Each step's operation as a small integer, in a table beside the code. The
 * interpreter switches on these rather than on the steps' `op` strings: the
 * steps are objects of a dozen shapes, and reading a property of whichever
 * one comes next is a slow, megamorphic load on every step of a large run.
 */
export const OPCODE = {
  loop: 0,
  next: 1,
  compute: 2,
  acquire: 3,
  release: 4,
  sleep: 5,
  wait: 6,
  set: 7,
  clear: 8,
  notify: 9,
  notify_all: 10,
  put: 11,
  get: 12,
  add: 13,
  spawn: 14,
  join: 15,
  pool: 16,
  apply_async: 17,
  wait_pool: 18,
} as const satisfies Record<Instr['op'], number>;

/**
 * Opcodes of steps on a semaphore, told apart from those on a lock when the
 * table is made: the interpreter then need not look up the resource's kind
 * (a string) on every acquire and release, most of what a contended run does.
 */
export const ACQUIRE_SEMAPHORE = 19;
export const RELEASE_SEMAPHORE = 20;

/** The opcode table of a template's code; `isSemaphore` says which resources are semaphores. */
export function opcodesOf(code: readonly Instr[], isSemaphore: (r: number) => boolean): Uint8Array {
  return Uint8Array.from(code, (ins) => {
    if (ins.op === 'acquire' && isSemaphore(ins.r)) return ACQUIRE_SEMAPHORE;
    if (ins.op === 'release' && isSemaphore(ins.r)) return RELEASE_SEMAPHORE;
    return OPCODE[ins.op];
  });
}

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

/** Shared, never written: see SimProcess's `unfinished`. */
const NO_CHILDREN = new Map<number, Set<SimProcess>>();
const NONE: ReadonlySet<SimProcess> = new Set();
const NO_TOTALS = new Map<number, number>();

/**
 * One simulated process: a template instance, the main process, or a pool worker.
 *
 * The fields every event touches come first and the rarely used ones last,
 * and the maps are made only when first needed: a large run cycles through
 * thousands of processes, and each one's hot state should sit in few cache
 * lines. (Moving the times into a shared Float64Array instead was measured,
 * and was slower.)
 */
export class SimProcess {
  // Hot: read or written on most events.
  pc = 0;
  phase = PHASE_START;
  state = READY;
  stateResource = -1;
  /** The core it holds, or -1. */
  core = -1;
  /** Bumped when a slice of work is cut short (preempted): its end event is then stale. */
  sliceSeq = 0;
  /** Still doing its start-up work. */
  starting = false;
  /** Preempted: when it gets a core back it goes on with what was left of its time slice. */
  preempted = false;
  /** Bumped at every wake-up: a timeout event with an older token is stale. */
  token = 0;
  stateSince = ZERO_NS;
  /** Nanoseconds of the current compute (or overhead) still to run. */
  remaining = ZERO_NS;
  sliceLength = ZERO_NS;
  /** What is left of its time slice since it last got a core. */
  quantumLeft = ZERO_NS;
  /** When it started waiting, for wait statistics. */
  waitSince = ZERO_NS;
  waiting: WaitReason | null = null;
  /** Its wait has a timeout: it ends by itself, so it is no deadlock (see wait-for.ts). */
  waitTimesOut = false;
  /** Time in each state, as fields on the process itself (added up by the engine's setState): one object to touch per state change. */
  running = ZERO_NS;
  readyNs = ZERO_NS;
  blockedNs = ZERO_NS;
  sleepingNs = ZERO_NS;
  /**
   * Blocked time on the resource blocked on last, not yet in the totals (a process mostly blocks on one
   * thing). Written by addBlocked, and by the engine's setState alone outside, which adds to it for that resource.
   */
  lastBlocked = -1;
  lastBlockedNs = ZERO_NS;
  /** Locks and rlocks held, in the order taken (for lock-order edges). */
  readonly heldLocks: number[] = [];
  /** Semaphore units held, of every semaphore: where it ends with some, the semaphores drop it as a holder. */
  semaphoreUnits = 0;
  /** Its template may end waits on a semaphore, an event, a condition, a queue, a barrier or a lock used as a signal (wait-enders.ts), itself or through what it spawns. */
  mayEndWaits = false;
  /** Its template has a step that releases a semaphore: it is in the count of who is free to (wait-enders.ts). */
  countedFree = false;
  /** Loop counters, one slot per nesting depth. */
  readonly loops: number[];
  readonly code: readonly Instr[];
  /** The opcode of each step of `code`. */
  readonly ops: Uint8Array;
  readonly id: number;

  // Cold: used by some steps only.
  /** The next default item this process puts on a queue. */
  putNext = 0;
  /** Scratch for multi-phase steps: the value read by an increment, an item, an rlock's count. */
  scratch: number | string | boolean = 0;
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
  // Made when first needed; until then the shared empty maps below (not null: a
  // field that changes from null to a map also makes V8 discard optimised code).
  private blockedTotals = NO_TOTALS;
  /**
   * Per template, the children spawned and not yet ended: a join, and the
   * wait-for graph, look at these alone, not at every child ever spawned (a
   * parent that spawned 80,000 and joined them looked at every one as each
   * ended: quadratic, 5 s).
   */
  private unfinished = NO_CHILDREN;
  readonly name: string;
  /** Template index, or -1 for a pool worker. */
  readonly template: number;
  /** A pool worker (template -1): not a user process. A field rather than a getter, as it is read on most events. */
  readonly isPoolWorker: boolean;
  readonly env: CountEnv;
  readonly parent: SimProcess | null;

  constructor(id: number, name: string, template: number, code: readonly Instr[], ops: Uint8Array, env: CountEnv, slots: number, parent: SimProcess | null) {
    this.loops = new Array<number>(slots).fill(0);
    this.code = code;
    this.ops = ops;
    this.id = id;
    this.name = name;
    this.template = template;
    this.isPoolWorker = template < 0;
    this.env = env;
    this.parent = parent;
  }

  /** A child of template t has started. */
  childStarted(t: number, child: SimProcess): void {
    if (this.unfinished === NO_CHILDREN) this.unfinished = new Map();
    const set = this.unfinished.get(t);
    if (set) set.add(child);
    else this.unfinished.set(t, new Set([child]));
  }

  /** A child of template t has ended; how many of them are left. */
  childEnded(t: number, child: SimProcess): number {
    const set = this.unfinished.get(t);
    if (!set) return 0;
    set.delete(child);
    return set.size;
  }

  /** Children of template t not yet ended, in the order they started. */
  unfinishedChildren(t: number): ReadonlySet<SimProcess> {
    return this.unfinished.get(t) ?? NONE;
  }

  /** Time in each state, indexed as PROCESS_STATES. */
  get timeIn(): readonly number[] {
    return [this.running + 0, this.readyNs + 0, this.blockedNs + 0, this.sleepingNs + 0];
  }

  addBlocked(r: number, ns: number): void {
    if (r !== this.lastBlocked) {
      this.flushBlocked();
      this.lastBlocked = r;
    }
    this.lastBlockedNs += ns;
  }

  private flushBlocked(): void {
    if (this.lastBlocked >= 0) {
      if (this.blockedTotals === NO_TOTALS) this.blockedTotals = new Map();
      const totals = this.blockedTotals;
      totals.set(this.lastBlocked, (totals.get(this.lastBlocked) ?? 0) + this.lastBlockedNs);
    }
    this.lastBlocked = -1;
    this.lastBlockedNs = ZERO_NS;
  }

  /** Blocked time per resource. */
  get blockedOn(): ReadonlyMap<number, number> {
    this.flushBlocked();
    return this.blockedTotals;
  }
}
