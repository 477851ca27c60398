import type { Instr } from '../profile/ir.js';
import type { Engine } from './engine.js';
import { Fifo } from './fifo.js';
import { ZERO_NS } from './zero-ns.js';
import { PHASE_START, PHASE_TIMED_OUT, PHASE_WOKEN, type SimProcess } from './sim-process.js';

type Acquire = Extract<Instr, { op: 'acquire' }>;
type Release = Extract<Instr, { op: 'release' }>;

/** Acquisitions and waits of one lock or semaphore. */
export interface LockStats {
  acquisitions: number;
  /** Acquisitions that had to wait. */
  contended: number;
  waitNs: number;
  maxWaitNs: number;
  holdNs: number;
}

export const newStats = (): LockStats => ({ acquisitions: 0, contended: 0, waitNs: ZERO_NS, maxWaitNs: ZERO_NS, holdNs: ZERO_NS });

/**
 * Lock and RLock. Waiters are served first come, first served: a release hands
 * the lock straight to the longest waiter (so no barging), which is the
 * documented rule of the simulator (Python's own order is unspecified).
 */
export interface LockState {
  readonly kind: 'lock' | 'rlock';
  owner: SimProcess | null;
  /** Re-entry depth of an rlock's owner. */
  count: number;
  acquiredAt: number;
  readonly waiters: Fifo<SimProcess>;
  readonly stats: LockStats;
}

export function createLock(kind: 'lock' | 'rlock'): LockState {
  return { kind, owner: null, count: 0, acquiredAt: ZERO_NS, waiters: new Fifo(), stats: newStats() };
}

/** The process now holds the lock; waitedNs is how long it waited for it. `line` is that of its acquire step. */
export function takeLock(engine: Engine, s: LockState, p: SimProcess, r: number, count: number, waitedNs: number, line: number): void {
  if (p.heldLocks.length > 0) engine.noteLockOrder(p, r, line < 0 ? (p.code[p.pc]?.at.line ?? 0) : line);
  s.owner = p;
  s.count = count;
  s.acquiredAt = engine.now;
  s.stats.acquisitions++;
  if (waitedNs > 0) {
    s.stats.contended++;
    s.stats.waitNs += waitedNs;
    if (waitedNs > s.stats.maxWaitNs) s.stats.maxWaitNs = waitedNs;
  }
  p.heldLocks.push(r);
  engine.trace?.op(engine.now, p.id, 'acquire', r, -1);
}

/** The CPU cost of a lock operation: false when the process is now busy with it. */
export function lockCost(engine: Engine, p: SimProcess): boolean {
  const ns = engine.cost.lockNs;
  if (ns <= 0) return true;
  engine.startBusy(p, ns);
  return false;
}

export function acquireLock(engine: Engine, p: SimProcess, ins: Acquire): boolean {
  const s = engine.res[ins.r] as LockState;
  if (p.phase === PHASE_WOKEN) {
    // Handed the lock by a release (takeLock already ran).
    p.phase = PHASE_START;
    p.pc++;
    return lockCost(engine, p);
  }
  if (p.phase === PHASE_TIMED_OUT) {
    p.phase = PHASE_START;
    p.pc++;
    return true;
  }
  if (s.owner === null) {
    takeLock(engine, s, p, ins.r, 1, 0, ins.at.line);
    p.pc++;
    return lockCost(engine, p);
  }
  if (s.kind === 'rlock' && s.owner === p) {
    s.count++;
    p.pc++;
    return lockCost(engine, p);
  }
  // A plain lock taken again by its holder waits forever: the wait-for graph
  // sees the one-process cycle.
  s.waiters.push(p);
  engine.block(p, engine.waitOn[ins.r]!, ins.r, ins.timeout ? engine.duration(ins.timeout) : null);
  return false;
}

/** Gives up the lock entirely and hands it to the next waiter, if any. */
export function releaseFully(engine: Engine, s: LockState, p: SimProcess, r: number): void {
  s.stats.holdNs += engine.now - s.acquiredAt;
  // Locks are mostly released in the reverse order of taking, so the last one held is looked at first.
  const heldLocks = p.heldLocks;
  if (heldLocks[heldLocks.length - 1] === r) heldLocks.pop();
  else {
    const held = heldLocks.lastIndexOf(r);
    if (held >= 0) heldLocks.splice(held, 1);
  }
  s.owner = null;
  s.count = 0;
  engine.trace?.op(engine.now, p.id, 'release', r, -1);
  const next = s.waiters.shift();
  if (!next) return;
  // The line of the waiter's step is looked up only if a lock-order edge needs it (-1).
  if (next.waiting?.kind === 'reacquire') {
    takeLock(engine, s, next, r, next.savedCount, engine.now - next.waitSince, -1);
    engine.wake(next, next.pendingPhase, p);
  } else {
    takeLock(engine, s, next, r, 1, engine.now - next.waitSince, -1);
    engine.wake(next, PHASE_WOKEN, p);
  }
}

export function releaseLock(engine: Engine, p: SimProcess, ins: Release): boolean {
  const s = engine.res[ins.r] as LockState;
  if (s.owner !== p && !takeOverToRelease(engine, s, p, ins)) return false;
  if (s.kind === 'rlock' && s.count > 1) {
    s.count--;
    p.pc++;
    return lockCost(engine, p);
  }
  releaseFully(engine, s, p, ins.r);
  p.pc++;
  return lockCost(engine, p);
}

/**
 * A release by a process that does not hold the lock: misuse that stops it
 * (false), or, for a Lock, a release by another process, which Python allows
 * and which is still almost always a bug: recorded, and the release goes on.
 */
function takeOverToRelease(engine: Engine, s: LockState, p: SimProcess, ins: Release): boolean {
  const name = engine.program.resources[ins.r]!.name;
  const owner = s.owner;
  if (owner === null) {
    engine.misuse(p, ins.r, `released ${s.kind} ${name}, which is not held (Python raises ValueError)`, ins);
    return false;
  }
  if (s.kind === 'rlock') {
    engine.misuse(p, ins.r, `released rlock ${name}, held by ${owner.name} (Python raises RuntimeError)`, ins);
    return false;
  }
  engine.findings.push({
    kind: 'misuse',
    workers: engine.workers,
    process: p.name,
    resource: name,
    what: `released lock ${name}, held by ${owner.name}`,
    at_ms: engine.now / 1e6,
    line: ins.at.line,
  });
  s.owner = p;
  owner.heldLocks.splice(owner.heldLocks.lastIndexOf(ins.r), 1);
  p.heldLocks.push(ins.r);
  return true;
}
