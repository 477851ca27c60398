import { evalExpr } from '../profile/count.js';
import type { Duration, Instr } from '../profile/ir.js';
import type { Engine } from './engine.js';
import { Fifo } from './fifo.js';
import { BLOCKED, PHASE_START, PHASE_WOKEN, type PoolTask, type SimProcess } from './sim-process.js';

/**
 * multiprocessing.Pool: worker processes started at the first pool call, one
 * task queue of chunks served first come, first served, and an idle worker
 * (the one idle longest) taking each chunk. A chunk costs the dispatch
 * overhead, the bytes crossing both ways, and each item's cost, drawn afresh
 * per item.
 */
export interface PoolState {
  readonly size: number;
  readonly workers: SimProcess[];
  readonly idle: Fifo<SimProcess>;
  readonly tasks: Fifo<PoolBatch>;
  chunks: number;
  items: number;
}

/**
 * A pool call's chunks, or an apply_async's tasks, queued as one entry and
 * taken a chunk at a time, in order: made one object a chunk up front, a map
 * of 100,000,000 items (the limit) ran out of memory before its first chunk.
 */
interface PoolBatch {
  readonly owner: SimProcess;
  readonly async: boolean;
  /** Items in all, and per chunk (the last may hold fewer). */
  readonly items: number;
  readonly chunksize: number;
  /** A pool call's one cost, each item's; apply_async's (`async`, chunks of one), each task's own. */
  readonly costs: readonly Duration[];
  readonly bytesPerItem: number;
  /** Chunks taken so far. */
  taken: number;
}

function ensurePool(engine: Engine): PoolState {
  if (engine.pool) return engine.pool;
  const program = engine.program;
  const size = program.poolWorkers ? evalExpr(program.poolWorkers, { workers: engine.workers, i: 0 }) : engine.workers;
  const pool: PoolState = { size, workers: [], idle: new Fifo(), tasks: new Fifo(), chunks: 0, items: 0 };
  engine.pool = pool;
  for (let i = 0; i < size; i++) pool.workers.push(engine.startPoolWorker(i, engine.cost.spawnNs));
  return pool;
}

/** CPython's Pool.map rule: ceil(items / (4 * workers)), and 0 for no items. */
export function autoChunksize(items: number, workers: number): number {
  if (items === 0) return 0;
  return Math.ceil(items / (4 * workers));
}

/** Queues a batch of chunks, and wakes an idle worker for each, as far as there are idle workers. */
function submit(engine: Engine, pool: PoolState, batch: PoolBatch): void {
  const chunks = Math.ceil(batch.items / batch.chunksize);
  pool.tasks.push(batch);
  pool.chunks += chunks;
  pool.items += batch.items;
  for (let k = 0; k < chunks && pool.idle.length > 0; k++) engine.wake(pool.idle.shift()!, PHASE_WOKEN, batch.owner);
}

/** The next chunk of the queue, taken from its first batch (which leaves the queue with its last chunk). */
function takeChunk(pool: PoolState): PoolTask | undefined {
  const batch = pool.tasks.peek();
  if (!batch) return undefined;
  const k = batch.taken++;
  if (batch.taken * batch.chunksize >= batch.items) pool.tasks.shift();
  return {
    owner: batch.owner,
    items: Math.min(batch.chunksize, batch.items - k * batch.chunksize),
    cost: batch.costs[batch.async ? k : 0]!,
    bytesPerItem: batch.bytesPerItem,
    async: batch.async,
  };
}

export function poolCall(engine: Engine, p: SimProcess, ins: Extract<Instr, { op: 'pool' }>): boolean {
  if (p.phase === PHASE_WOKEN) {
    p.phase = PHASE_START;
    p.pc++;
    return true;
  }
  const pool = ensurePool(engine);
  const items = engine.count(ins.items, p);
  if (items < 0) {
    // As a repeat's count below zero is (the call waited for -1 chunks, for ever).
    engine.misuse(p, -1, `${ins.call}s ${items} items (with $workers = ${p.env.workers}, $i = ${p.env.i}); a count is at least 0`, ins);
    return false;
  }
  const chunksize = ins.chunksize === 'auto' ? autoChunksize(items, pool.size) : Math.max(1, engine.count(ins.chunksize, p));
  if (items === 0) {
    p.pc++;
    return true;
  }
  const bytesPerItem = (ins.argBytes ? engine.count(ins.argBytes, p) : 0) + (ins.resultBytes ? engine.count(ins.resultBytes, p) : 0);
  engine.trace?.op(engine.now, p.id, ins.call, -1, -1);
  p.outstandingCall = Math.ceil(items / chunksize);
  submit(engine, pool, { owner: p, async: false, items, chunksize, costs: [ins.cost], bytesPerItem, taken: 0 });
  engine.block(p, { kind: 'pool' }, -1, null);
  return false;
}

export function applyAsync(engine: Engine, p: SimProcess, ins: Extract<Instr, { op: 'apply_async' }>): void {
  const pool = ensurePool(engine);
  engine.trace?.op(engine.now, p.id, 'apply_async', -1, -1);
  if (ins.costs.length === 0) return;
  p.outstandingAsync += ins.costs.length;
  submit(engine, pool, { owner: p, async: true, items: ins.costs.length, chunksize: 1, costs: ins.costs, bytesPerItem: 0, taken: 0 });
}

export function waitPool(engine: Engine, p: SimProcess): boolean {
  if (p.phase === PHASE_WOKEN || p.outstandingAsync === 0) {
    p.phase = PHASE_START;
    p.pc++;
    return true;
  }
  engine.block(p, { kind: 'pool' }, -1, null);
  return false;
}

/** A pool worker's turn: finish the chunk it ran, then take the next or go idle. */
export function runPoolWorker(engine: Engine, w: SimProcess): void {
  const pool = engine.pool!;
  for (;;) {
    const done = w.poolTask;
    if (done) {
      w.poolTask = null;
      complete(engine, done, w);
    }
    const task = takeChunk(pool);
    if (!task) {
      pool.idle.push(w);
      engine.block(w, { kind: 'pool-idle' }, -1, null);
      return;
    }
    w.poolTask = task;
    let ns = engine.cost.dispatchNs + Math.round(task.items * task.bytesPerItem * engine.cost.byteNs);
    for (let k = 0; k < task.items; k++) ns += engine.duration(task.cost);
    if (ns > 0) {
      engine.startBusy(w, ns);
      return;
    }
  }
}

function complete(engine: Engine, task: PoolTask, w: SimProcess): void {
  const owner = task.owner;
  const waitingOnPool = owner.state === BLOCKED && owner.waiting?.kind === 'pool';
  if (task.async) {
    owner.outstandingAsync--;
    if (owner.outstandingAsync === 0 && waitingOnPool && owner.code[owner.pc]?.op === 'wait_pool') engine.wake(owner, PHASE_WOKEN, w);
  } else {
    owner.outstandingCall--;
    if (owner.outstandingCall === 0 && waitingOnPool) engine.wake(owner, PHASE_WOKEN, w);
  }
}
