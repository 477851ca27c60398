import type { Instr } from '../profile/ir.js';
import type { Engine } from './engine.js';
import { Fifo } from './fifo.js';
import { releaseFully, takeLock, type LockState } from './lock.js';
import { BLOCKED, PHASE_START, PHASE_TIMED_OUT, PHASE_WOKEN, type SimProcess } from './sim-process.js';

/**
 * Condition: `wait` releases its lock (all levels of an rlock), waits for a
 * notify or its timeout, then waits again for the lock and resumes holding it
 * as before. Notify wakes waiters in the order they began to wait.
 */
export interface ConditionState {
  readonly kind: 'condition';
  /** The lock's resource index. */
  readonly lock: number;
  readonly waiters: Fifo<SimProcess>;
}

export const createCondition = (lock: number): ConditionState => ({ kind: 'condition', lock, waiters: new Fifo() });

export function conditionWait(engine: Engine, p: SimProcess, ins: Extract<Instr, { op: 'wait' }>): boolean {
  const s = engine.res[ins.r] as ConditionState;
  if (p.phase === PHASE_WOKEN || p.phase === PHASE_TIMED_OUT) {
    p.phase = PHASE_START;
    p.pc++;
    return true;
  }
  const lock = engine.res[s.lock] as LockState;
  if (lock.owner !== p) {
    const name = engine.program.resources[ins.r]!.name;
    engine.misuse(p, ins.r, `waited on condition ${name} without holding its lock (Python raises RuntimeError)`, ins);
    return false;
  }
  p.savedCount = lock.count;
  releaseFully(engine, lock, p, s.lock);
  s.waiters.push(p);
  engine.block(p, engine.waitOn[ins.r]!, ins.r, ins.timeout ? engine.duration(ins.timeout) : null);
  return false;
}

export function conditionNotify(engine: Engine, p: SimProcess, ins: Extract<Instr, { op: 'notify' | 'notify_all' }>): boolean {
  const s = engine.res[ins.r] as ConditionState;
  const lock = engine.res[s.lock] as LockState;
  if (lock.owner !== p) {
    const name = engine.program.resources[ins.r]!.name;
    engine.misuse(p, ins.r, `notified condition ${name} without holding its lock (Python raises RuntimeError)`, ins);
    return false;
  }
  const n = ins.op === 'notify_all' ? s.waiters.length : ins.n ? engine.count(ins.n, p) : 1;
  engine.trace?.op(engine.now, p.id, ins.op, ins.r, -1);
  for (let k = 0; k < n && s.waiters.length > 0; k++) toReacquire(engine, s.waiters.shift()!, ins.r, PHASE_WOKEN, p);
  p.pc++;
  return true;
}

/** A waiter that was notified (or timed out) now needs its lock back. */
function toReacquire(engine: Engine, w: SimProcess, r: number, phase: number, by: SimProcess | null): void {
  const s = engine.res[r] as ConditionState;
  const lock = engine.res[s.lock] as LockState;
  w.token++; // its timeout no longer applies
  if (lock.owner === null) {
    takeLock(engine, lock, w, s.lock, w.savedCount, 0, w.code[w.pc]?.at.line ?? 0);
    engine.wake(w, phase, by);
    return;
  }
  w.pendingPhase = phase;
  engine.waitEnders.uncount(w);
  w.waiting = { kind: 'reacquire', r, lock: s.lock };
  // Taking the lock back has no timeout, whatever the wait had.
  w.waitTimesOut = false;
  w.waitSince = engine.now;
  engine.setState(w, BLOCKED, s.lock);
  engine.waitEnders.count(w);
  lock.waiters.push(w);
}

export function conditionTimeout(engine: Engine, p: SimProcess, r: number): void {
  const s = engine.res[r] as ConditionState;
  // (The engine has written the timeout op: a second here wrote it twice.)
  s.waiters.remove(p);
  toReacquire(engine, p, r, PHASE_TIMED_OUT, null);
}
