import type { Instr } from '../profile/ir.js';
import type { Engine } from './engine.js';
import { PHASE_START, PHASE_TIMED_OUT, PHASE_WOKEN, type SimProcess } from './sim-process.js';

/** Barrier: the arrival that fills it releases every waiter; a timed-out wait breaks it for good. */
export interface BarrierState {
  readonly kind: 'barrier';
  readonly parties: number;
  readonly waiting: SimProcess[];
  broken: boolean;
}

export const createBarrier = (parties: number): BarrierState => ({ kind: 'barrier', parties, waiting: [], broken: false });

export function acquireBarrierWait(engine: Engine, p: SimProcess, ins: Extract<Instr, { op: 'wait' }>): boolean {
  const s = engine.res[ins.r] as BarrierState;
  const name = engine.program.resources[ins.r]!.name;
  if (p.phase === PHASE_WOKEN) {
    p.phase = PHASE_START;
    p.pc++;
    return true;
  }
  if (p.phase === PHASE_TIMED_OUT || s.broken) {
    p.phase = PHASE_START;
    engine.misuse(p, ins.r, `waited at barrier ${name}, which is broken because a wait timed out (Python raises BrokenBarrierError)`, ins);
    return false;
  }
  s.waiting.push(p);
  if (s.waiting.length >= s.parties) {
    engine.trace?.op(engine.now, p.id, 'barrier', ins.r, -1);
    for (const w of s.waiting.splice(0)) if (w !== p) engine.wake(w, PHASE_WOKEN, p);
    p.pc++;
    return true;
  }
  engine.block(p, engine.waitOn[ins.r]!, ins.r, ins.timeout ? engine.duration(ins.timeout) : null);
  return false;
}
