import type { Instr } from '../profile/ir.js';
import type { Engine } from './engine.js';
import { Fifo } from './fifo.js';
import { lockCost, newStats, type LockStats } from './lock.js';
import { PHASE_START, PHASE_TIMED_OUT, PHASE_WOKEN, type SimProcess } from './sim-process.js';

/** Semaphore and BoundedSemaphore; waiters are served first come, first served. */
export interface SemaphoreState {
  readonly kind: 'semaphore';
  value: number;
  readonly initial: number;
  readonly bounded: boolean;
  readonly waiters: Fifo<SimProcess>;
  /** Which live processes hold how many units, for the wait-for graph (one that ends holding units drops out). */
  readonly holders: Map<SimProcess, number>;
  readonly acquiredAt: Map<SimProcess, number[]>;
  readonly stats: LockStats;
}

export function createSemaphore(initial: number, bounded: boolean): SemaphoreState {
  return { kind: 'semaphore', value: initial, initial, bounded, waiters: new Fifo(), holders: new Map(), acquiredAt: new Map(), stats: newStats() };
}

function take(engine: Engine, s: SemaphoreState, p: SimProcess, r: number, waitedNs: number): void {
  s.holders.set(p, (s.holders.get(p) ?? 0) + 1);
  p.semaphoreUnits++;
  const times = s.acquiredAt.get(p);
  if (times) times.push(engine.now);
  else s.acquiredAt.set(p, [engine.now]);
  s.stats.acquisitions++;
  if (waitedNs > 0) {
    s.stats.contended++;
    s.stats.waitNs += waitedNs;
    if (waitedNs > s.stats.maxWaitNs) s.stats.maxWaitNs = waitedNs;
  }
  engine.trace?.op(engine.now, p.id, 'acquire', r, -1);
}

export function acquireSemaphore(engine: Engine, p: SimProcess, ins: Extract<Instr, { op: 'acquire' }>): boolean {
  const s = engine.res[ins.r] as SemaphoreState;
  if (p.phase === PHASE_WOKEN || p.phase === PHASE_TIMED_OUT) {
    const woken = p.phase === PHASE_WOKEN;
    p.phase = PHASE_START;
    p.pc++;
    return woken ? lockCost(engine, p) : true;
  }
  if (s.value > 0) {
    s.value--;
    take(engine, s, p, ins.r, 0);
    p.pc++;
    return lockCost(engine, p);
  }
  s.waiters.push(p);
  engine.block(p, engine.waitOn[ins.r]!, ins.r, ins.timeout ? engine.duration(ins.timeout) : null);
  return false;
}

export function releaseSemaphore(engine: Engine, p: SimProcess, ins: Extract<Instr, { op: 'release' }>): boolean {
  const s = engine.res[ins.r] as SemaphoreState;
  if (s.bounded && s.waiters.length === 0 && s.value + 1 > s.initial) {
    const name = engine.program.resources[ins.r]!.name;
    engine.misuse(p, ins.r, `released bounded_semaphore ${name} above its initial value ${s.initial} (Python raises ValueError)`, ins);
    return false;
  }
  // Any process may release a semaphore; the units it took, if any, are returned.
  const held = s.holders.get(p) ?? 0;
  if (held > 0) {
    if (held === 1) s.holders.delete(p);
    else s.holders.set(p, held - 1);
    p.semaphoreUnits--;
    const since = s.acquiredAt.get(p)!.pop()!;
    s.stats.holdNs += engine.now - since;
  }
  engine.trace?.op(engine.now, p.id, 'release', ins.r, -1);
  const next = s.waiters.shift();
  if (next) {
    take(engine, s, next, ins.r, engine.now - next.waitSince);
    engine.wake(next, PHASE_WOKEN, p);
  } else s.value++;
  p.pc++;
  return lockCost(engine, p);
}

/** p has ended: it holds none of any semaphore's units any more (they are lost, not given back). */
export function dropEndedHolder(engine: Engine, p: SimProcess): void {
  for (const s of engine.res) if (s.kind === 'semaphore') s.holders.delete(p);
  p.semaphoreUnits = 0;
}
