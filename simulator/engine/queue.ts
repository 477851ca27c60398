import type { Instr, Scalar } from '../profile/ir.js';
import type { Engine } from './engine.js';
import { Fifo } from './fifo.js';
import { PHASE_START, PHASE_TIMED_OUT, PHASE_WOKEN, type SimProcess } from './sim-process.js';

/**
 * Queue, unbounded or bounded. A put with a waiting getter hands the item
 * straight over; getters and blocked putters are each served first come,
 * first served. A timed-out put or get ends without its item (Python raises
 * Full or Empty, which programs catch).
 */
export interface QueueState {
  readonly kind: 'queue';
  readonly items: Fifo<Scalar>;
  /** null: unbounded. */
  readonly capacity: number | null;
  readonly getters: Fifo<SimProcess>;
  readonly putters: Fifo<SimProcess>;
  puts: number;
  gets: number;
}

export const createQueue = (capacity: number | null): QueueState => ({
  kind: 'queue',
  items: new Fifo(),
  capacity,
  getters: new Fifo(),
  putters: new Fifo(),
  puts: 0,
  gets: 0,
});

function queueCost(engine: Engine, p: SimProcess): boolean {
  const ns = engine.cost.queueNs;
  if (ns <= 0) return true;
  engine.startBusy(p, ns);
  return false;
}

export function queuePut(engine: Engine, p: SimProcess, ins: Extract<Instr, { op: 'put' }>): boolean {
  const s = engine.res[ins.r] as QueueState;
  if (p.phase === PHASE_WOKEN || p.phase === PHASE_TIMED_OUT) {
    const put = p.phase === PHASE_WOKEN;
    p.phase = PHASE_START;
    p.pc++;
    return put ? queueCost(engine, p) : true;
  }
  const item: Scalar = ins.item ?? p.putNext++;
  s.puts++;
  engine.trace?.op(engine.now, p.id, 'put', ins.r, -1);
  const getter = s.getters.shift();
  if (getter) {
    getter.scratch = item;
    engine.wake(getter, PHASE_WOKEN, p);
  } else if (s.capacity === null || s.items.length < s.capacity) {
    s.items.push(item);
  } else {
    p.scratch = item;
    s.putters.push(p);
    engine.block(p, engine.waitOn[ins.r]!, ins.r, ins.timeout ? engine.duration(ins.timeout) : null);
    return false;
  }
  p.pc++;
  return queueCost(engine, p);
}

export function queueGet(engine: Engine, p: SimProcess, ins: Extract<Instr, { op: 'get' }>): boolean {
  const s = engine.res[ins.r] as QueueState;
  if (p.phase === PHASE_TIMED_OUT) {
    p.phase = PHASE_START;
    p.pc++;
    return true;
  }
  let item: Scalar;
  if (p.phase === PHASE_WOKEN) {
    item = p.scratch;
  } else if (s.items.length > 0) {
    item = s.items.shift()!;
    const putter = s.putters.shift();
    if (putter) {
      s.items.push(putter.scratch);
      engine.wake(putter, PHASE_WOKEN, p);
    }
  } else {
    s.getters.push(p);
    engine.block(p, engine.waitOn[ins.r]!, ins.r, ins.timeout ? engine.duration(ins.timeout) : null);
    return false;
  }
  s.gets++;
  engine.trace?.op(engine.now, p.id, 'get', ins.r, -1);
  p.phase = PHASE_START;
  p.pc = ins.until && item === ins.until.item ? ins.until.exit : p.pc + 1;
  return queueCost(engine, p);
}
