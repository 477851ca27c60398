import type { Instr } from '../profile/ir.js';
import type { Engine } from './engine.js';
import { PHASE_START, PHASE_WOKEN, type SimProcess } from './sim-process.js';

/** Event: `set` wakes every waiter, in the order they began to wait. */
export interface EventState {
  readonly kind: 'event';
  set: boolean;
  readonly waiters: SimProcess[];
}

export const createEvent = (): EventState => ({ kind: 'event', set: false, waiters: [] });

export function eventWait(engine: Engine, p: SimProcess, ins: Extract<Instr, { op: 'wait' }>): boolean {
  const s = engine.res[ins.r] as EventState;
  if (p.phase !== PHASE_START || s.set) {
    p.phase = PHASE_START;
    p.pc++;
    return true;
  }
  s.waiters.push(p);
  engine.block(p, engine.waitOn[ins.r]!, ins.r, ins.timeout ? engine.duration(ins.timeout) : null);
  return false;
}

export function eventSet(engine: Engine, p: SimProcess, r: number): void {
  const s = engine.res[r] as EventState;
  s.set = true;
  engine.trace?.op(engine.now, p.id, 'set', r, -1);
  for (const w of s.waiters.splice(0)) engine.wake(w, PHASE_WOKEN, p);
}

export function eventClear(engine: Engine, p: SimProcess, r: number): void {
  (engine.res[r] as EventState).set = false;
  engine.trace?.op(engine.now, p.id, 'clear', r, -1);
}
