import { evalExpr } from '../profile/count.js';
import type { Instr } from '../profile/ir.js';
import type { Engine } from './engine.js';
import { PHASE_START, PHASE_WRITE, type SimProcess } from './sim-process.js';

/**
 * Value and Array: shared 32-bit integers. `increment` and `add` are a read,
 * then a scheduling point (the cost model's value access time, or at least a
 * turn for every other process at the same instant), then a write of what was
 * read plus the amount: another process's write in between is lost.
 */
export interface ValueState {
  readonly kind: 'value';
  readonly values: number[];
}

export const createValue = (values: number[]): ValueState => ({ kind: 'value', values });

export function addToValue(engine: Engine, p: SimProcess, ins: Extract<Instr, { op: 'add' }>): boolean {
  const s = engine.res[ins.r] as ValueState;
  const index = ins.index ? evalExpr(ins.index, p.env) : 0;
  if (index < 0 || index >= s.values.length) {
    const name = engine.program.resources[ins.r]!.name;
    engine.misuse(p, ins.r, `indexed ${name}[${index}], past its ${s.values.length} slots (Python raises IndexError)`, ins);
    return false;
  }
  if (p.phase !== PHASE_WRITE) {
    p.scratch = s.values[index]!;
    p.phase = PHASE_WRITE;
    engine.trace?.op(engine.now, p.id, 'read', ins.r, -1);
    if (engine.cost.valueNs > 0) engine.startBusy(p, engine.cost.valueNs);
    else engine.yieldNow(p);
    return false;
  }
  s.values[index] = ((p.scratch as number) + evalExpr(ins.by, p.env)) | 0;
  engine.trace?.op(engine.now, p.id, 'write', ins.r, -1);
  p.phase = PHASE_START;
  p.pc++;
  return true;
}
