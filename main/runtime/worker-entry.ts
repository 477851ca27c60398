import { parentPort, workerData } from 'node:worker_threads';
// Imported module by module (not the simulator's facade) so the worker's bundle stays small and starts fast.
import { evalExpr } from '../../simulator/profile/count.js';
import type { Count, Duration, Instr } from '../../simulator/profile/ir.js';
import { Random } from '../../simulator/engine/random.js';
import { burn } from './cpu-kernel.js';
import { lockSlow, tryLock, unlock } from './futex-lock.js';
import {
  H_POOL_COUNT,
  H_POOL_HEAD,
  H_POOL_LOCK,
  H_POOL_STARTED,
  H_POOL_TAIL,
  H_GO,
  H_READY,
  H_STOP,
  itemCode,
  joinWord,
  P_DEADLINE,
  P_OUTSTANDING_ASYNC,
  P_OUTSTANDING_CALL,
  P_SLEEP,
  P_STATE,
  P_WAIT_KIND,
  P_LINE,
  P_WAIT_RES,
  POOL_RING,
  procWord,
  PS_BLOCKED,
  PS_DONE,
  PS_RUNNING,
  PS_SLEEPING,
  R_A,
  R_B,
  R_C,
  R_D,
  resWord,
  TASK_WORDS,
  WK_BARRIER,
  WK_CONDITION,
  WK_EVENT,
  WK_JOIN,
  WK_LOCK,
  WK_NONE,
  WK_POOL,
  WK_QUEUE_GET,
  WK_QUEUE_PUT,
  WK_SEMAPHORE,
} from './layout.js';
import type { LockStatsOut, WorkerData, WorkerReport } from './worker-data.js';

/** The run was stopped (cancel, time limit, deadlock): unwind and report. */
class Stopped extends Error {}
/** The process misused a primitive and stops, as Python's would raise. */
class Died extends Error {}

const data = workerData as WorkerData;
const { program, layout, pid } = data;
const mem = new Int32Array(data.sab);
const rng = new Random(data.seed * 1_000_003 + pid);
const env = { workers: data.workers, i: data.i };

// Trace and statistics, kept in this thread (no lock per record) and sent once at the end.
const spans: [number, number, number, number][] = [];
const ops: [number, string, number][] = [];
let dropped = 0;
const locks: Record<number, LockStatsOut> = {};
const timeIn = [0, 0, 0, 0];
const blockedOn: Record<number, number> = {};
const misuse: { resource: number; what: string; line: number; atNs: number }[] = [];
let state = 0; // trace state index: 0 running, 1 ready, 2 blocked, 3 sleeping
let stateSince = 0;
let stateResource = -1;
/** When each lock was taken (ns), or -1 where this hold is not timed. */
const heldSince = new Float64Array(program.resources.length).fill(-1);
/** Holds timed per lock, to scale the sampled hold time to every acquisition. */
const timedHolds = new Int32Array(program.resources.length);

/**
 * Whether to time this hold: the first 64 of each lock, then one in 16, so
 * measuring costs little on hot locks (a clock read is ~40 ns); the hold time
 * reported is the sampled mean times the acquisitions.
 */
function timeThisHold(r: number): boolean {
  const n = stats(r).acquisitions;
  return n <= 64 || n % 16 === 0;
}

const clock = new Float64Array(data.clock);

function nowNs(): number {
  return (performance.timeOrigin + performance.now() - clock[0]!) * 1e6;
}

// Spans and operations have half of the cap each (as in the simulator's recorder).
function record(span: [number, number, number, number]): void {
  if (spans.length >= data.traceCap / 2) dropped++;
  else spans.push(span);
}

function op(name: string, r: number): void {
  if (ops.length >= data.traceCap / 2) dropped++;
  else ops.push([nowNs(), name, r]);
}

function startHold(r: number): void {
  heldSince[r] = timeThisHold(r) ? nowNs() : -1;
}

function endHold(r: number): void {
  const since = heldSince[r]!;
  if (since < 0) return;
  stats(r).holdNs += nowNs() - since;
  timedHolds[r]!++;
  heldSince[r] = -1;
}

function setState(next: number, r: number): void {
  const now = nowNs();
  const spent = now - stateSince;
  timeIn[state]! += spent;
  if (state === 2 && stateResource >= 0) blockedOn[stateResource] = (blockedOn[stateResource] ?? 0) + spent;
  record([state, stateSince, now, stateResource]);
  state = next;
  stateSince = now;
  stateResource = r;
}

/** Per-resource statistics in an array (the hot path looks them up on every acquire). */
const lockStats: (LockStatsOut | undefined)[] = new Array(program.resources.length);

function stats(r: number): LockStatsOut {
  let s = lockStats[r];
  if (!s) locks[r] = s = lockStats[r] = { acquisitions: 0, contended: 0, waitNs: 0, maxWaitNs: 0, holdNs: 0 };
  return s;
}

const self = (field: number) => procWord(layout, pid, field);

/** The line of the step running, which a wait publishes for the watchdog's findings. */
let stepLine = 0;

function block(kind: number, r: number, timed: boolean): void {
  Atomics.store(mem, self(P_LINE), stepLine);
  Atomics.store(mem, self(P_WAIT_KIND), kind);
  Atomics.store(mem, self(P_WAIT_RES), r);
  Atomics.store(mem, self(P_DEADLINE), timed ? 1 : 0);
  Atomics.store(mem, self(P_STATE), PS_BLOCKED);
  setState(2, kind === WK_JOIN || kind === WK_POOL ? -1 : r);
}

function unblock(): void {
  Atomics.store(mem, self(P_STATE), PS_RUNNING);
  Atomics.store(mem, self(P_WAIT_KIND), WK_NONE);
  setState(0, -1);
}

/**
 * Waits while mem[index] === expected, in slices short enough to notice a
 * stop. Returns false when the deadline (ms on this thread's clock) passed.
 */
function waitWhile(index: number, expected: number, deadline: number | null): boolean {
  // Spin briefly first: a hand-off between two running threads then costs
  // microseconds instead of a sleep and a wake-up.
  for (let k = 0; k < SPIN; k++) {
    if (Atomics.load(mem, index) !== expected) return true;
  }
  for (;;) {
    if (Atomics.load(mem, H_STOP) !== 0) throw new Stopped();
    if (Atomics.load(mem, index) !== expected) return true;
    const left = deadline === null ? 20 : Math.min(20, deadline - performance.now());
    if (left <= 0) return false;
    if (Atomics.wait(mem, index, expected, left) === 'ok') return true;
  }
}

/** Loads of the word before a waiter sleeps (a few microseconds). */
const SPIN = 2000;

const deadlineOf = (timeout: Duration | null): number | null => (timeout ? performance.now() + rng.duration(timeout) / 1e6 : null);

function checkStop(): void {
  if (Atomics.load(mem, H_STOP) !== 0) throw new Stopped();
}

function compute(ns: number): void {
  // In slices of about a millisecond, so a stop is noticed.
  let iterations = Math.round(ns * data.itersPerNs);
  const slice = Math.max(1, Math.round(1e6 * data.itersPerNs));
  while (iterations > 0) {
    checkStop();
    const n = Math.min(iterations, slice);
    burn(n);
    iterations -= n;
  }
}

function sleep(ns: number): void {
  const deadline = performance.now() + ns / 1e6;
  Atomics.store(mem, self(P_STATE), PS_SLEEPING);
  setState(3, -1);
  while (performance.now() < deadline) {
    checkStop();
    Atomics.wait(mem, self(P_SLEEP), 0, Math.min(20, deadline - performance.now()));
  }
  Atomics.store(mem, self(P_STATE), PS_RUNNING);
  setState(0, -1);
}

function die(r: number, what: string, ins: Instr): never {
  misuse.push({ resource: r, what, line: ins.at.line, atNs: nowNs() });
  throw new Died(what);
}

const nameOf = (r: number) => program.resources[r]!.name;

// ---- raw futex lock (queue and pool internals) ----

const waitForever = (word: number, expected: number) => waitWhile(word, expected, null);

function rawLock(word: number): void {
  const c = tryLock(mem, word);
  if (c !== 0) lockSlow(mem, word, c, waitForever);
}

function rawUnlock(word: number): void {
  unlock(mem, word);
}

// ---- Lock and RLock: R_A state (0 free, 1 taken, 2 taken with waiters), R_B owner pid + 1, R_C rlock depth ----

/** Takes the lock's word; false when the timeout passed first. */
function takeLockWord(r: number, deadline: number | null): boolean {
  const word = resWord(layout, r, R_A);
  const c = tryLock(mem, word);
  if (c === 0) return true;
  const start = nowNs();
  block(WK_LOCK, r, deadline !== null);
  const taken = lockSlow(mem, word, c, (w, expected) => waitWhile(w, expected, deadline));
  unblock();
  if (!taken) return false;
  const waited = nowNs() - start;
  const s = stats(r);
  s.contended++;
  s.waitNs += waited;
  if (waited > s.maxWaitNs) s.maxWaitNs = waited;
  return true;
}

function giveLockWord(r: number): void {
  // The owner word is for the watchdog and misuse checks: a plain write, published by the unlock's atomic.
  mem[resWord(layout, r, R_B)] = 0;
  unlock(mem, resWord(layout, r, R_A));
}

function acquireLock(r: number, deadline: number | null): boolean {
  const rlock = program.resources[r]!.kind === 'rlock';
  if (rlock && Atomics.load(mem, resWord(layout, r, R_B)) === pid + 1) {
    Atomics.add(mem, resWord(layout, r, R_C), 1);
    return true;
  }
  if (!takeLockWord(r, deadline)) return false;
  mem[resWord(layout, r, R_B)] = pid + 1;
  if (rlock) Atomics.store(mem, resWord(layout, r, R_C), 1);
  stats(r).acquisitions++;
  startHold(r);
  op('acquire', r);
  return true;
}

function releaseLock(r: number, ins: Instr): void {
  const kind = program.resources[r]!.kind;
  const state = Atomics.load(mem, resWord(layout, r, R_A));
  const owner = Atomics.load(mem, resWord(layout, r, R_B)) - 1;
  if (state === 0) die(r, `released ${kind} ${nameOf(r)}, which is not held (Python raises ValueError)`, ins);
  if (owner !== pid) {
    if (kind === 'rlock') die(r, `released rlock ${nameOf(r)}, held by another process (Python raises RuntimeError)`, ins);
    misuse.push({ resource: r, what: `released lock ${nameOf(r)}, held by another process`, line: ins.at.line, atNs: nowNs() });
  }
  if (kind === 'rlock' && Atomics.sub(mem, resWord(layout, r, R_C), 1) > 1) return;
  endHold(r);
  op('release', r);
  giveLockWord(r);
}

// ---- Semaphore: R_A value, R_B initial, R_C bounded ----

function acquireSemaphore(r: number, deadline: number | null): boolean {
  const word = resWord(layout, r, R_A);
  const start = nowNs();
  let waited = false;
  for (;;) {
    const v = Atomics.load(mem, word);
    if (v > 0) {
      if (Atomics.compareExchange(mem, word, v, v - 1) === v) break;
      continue;
    }
    if (!waited) {
      block(WK_SEMAPHORE, r, deadline !== null);
      waited = true;
    }
    if (!waitWhile(word, 0, deadline)) {
      unblock();
      return false;
    }
  }
  const s = stats(r);
  s.acquisitions++;
  if (waited) {
    unblock();
    const w = nowNs() - start;
    s.contended++;
    s.waitNs += w;
    if (w > s.maxWaitNs) s.maxWaitNs = w;
  }
  op('acquire', r);
  return true;
}

function releaseSemaphore(r: number, ins: Instr): void {
  const word = resWord(layout, r, R_A);
  if (Atomics.load(mem, resWord(layout, r, R_C)) === 1) {
    const initial = Atomics.load(mem, resWord(layout, r, R_B));
    for (;;) {
      const v = Atomics.load(mem, word);
      if (v + 1 > initial) die(r, `released bounded_semaphore ${nameOf(r)} above its initial value ${initial} (Python raises ValueError)`, ins);
      if (Atomics.compareExchange(mem, word, v, v + 1) === v) break;
    }
  } else Atomics.add(mem, word, 1);
  op('release', r);
  Atomics.notify(mem, word, 1);
}

// ---- Event: R_A flag ----

function eventWait(r: number, deadline: number | null): void {
  const word = resWord(layout, r, R_A);
  if (Atomics.load(mem, word) !== 0) return;
  block(WK_EVENT, r, deadline !== null);
  waitWhile(word, 0, deadline);
  unblock();
}

// ---- Condition: R_A sequence ----

function conditionWait(r: number, ins: Instr, deadline: number | null): void {
  const res = program.resources[r]!;
  if (res.kind !== 'condition') throw new Error(`${res.name} is not a condition`);
  const lock = res.lock;
  if (Atomics.load(mem, resWord(layout, lock, R_B)) !== pid + 1)
    die(r, `waited on condition ${res.name} without holding its lock (Python raises RuntimeError)`, ins);
  const seqWord = resWord(layout, r, R_A);
  const seq = Atomics.load(mem, seqWord);
  const depth = Atomics.load(mem, resWord(layout, lock, R_C));
  endHold(lock);
  giveLockWord(lock);
  block(WK_CONDITION, r, deadline !== null);
  waitWhile(seqWord, seq, deadline);
  unblock();
  takeLockWord(lock, null);
  Atomics.store(mem, resWord(layout, lock, R_B), pid + 1);
  Atomics.store(mem, resWord(layout, lock, R_C), depth);
  stats(lock).acquisitions++;
  startHold(lock);
}

function conditionNotify(r: number, ins: Extract<Instr, { op: 'notify' | 'notify_all' }>): void {
  const res = program.resources[r]!;
  if (res.kind !== 'condition') throw new Error(`${res.name} is not a condition`);
  if (Atomics.load(mem, resWord(layout, res.lock, R_B)) !== pid + 1)
    die(r, `notified condition ${res.name} without holding its lock (Python raises RuntimeError)`, ins);
  const n = ins.op === 'notify_all' ? Infinity : ins.n ? count(ins.n) : 1;
  Atomics.add(mem, resWord(layout, r, R_A), 1);
  op(ins.op, r);
  Atomics.notify(mem, resWord(layout, r, R_A), n === Infinity ? undefined : n);
}

// ---- Barrier: R_A arrived, R_B generation, R_C broken ----

function barrierWait(r: number, ins: Instr, deadline: number | null): void {
  const res = program.resources[r]!;
  if (res.kind !== 'barrier') throw new Error(`${res.name} is not a barrier`);
  const parties = evalExpr(res.parties, env);
  const genWord = resWord(layout, r, R_B);
  const broken = () => die(r, `waited at barrier ${res.name}, which is broken because a wait timed out (Python raises BrokenBarrierError)`, ins);
  if (Atomics.load(mem, resWord(layout, r, R_C)) !== 0) broken();
  const gen = Atomics.load(mem, genWord);
  const arrived = Atomics.add(mem, resWord(layout, r, R_A), 1) + 1;
  if (arrived >= parties) {
    Atomics.store(mem, resWord(layout, r, R_A), 0);
    Atomics.add(mem, genWord, 1);
    op('barrier', r);
    Atomics.notify(mem, genWord);
    return;
  }
  block(WK_BARRIER, r, deadline !== null);
  const passed = waitWhile(genWord, gen, deadline);
  unblock();
  if (!passed) {
    Atomics.store(mem, resWord(layout, r, R_C), 1);
    Atomics.add(mem, genWord, 1);
    Atomics.notify(mem, genWord);
    broken();
  }
  if (Atomics.load(mem, resWord(layout, r, R_C)) !== 0) broken();
}

// ---- Queue: R_A lock word, R_B head, R_C tail, R_D count ----

/**
 * One queue operation: under the queue's lock, when `ready(count, slots)`
 * holds, `act` moves an item and the count changes (waking whoever waits on
 * it); otherwise the process blocks until the count changes, or its deadline.
 * Returns act's result, or null on timeout.
 */
function queueOp<T>(
  r: number,
  wait: number,
  deadline: number | null,
  ready: (count: number, slots: number) => boolean,
  act: (base: number, slots: number) => T,
): T | null {
  const ring = layout.queueRing.get(r)!;
  const lockWord = resWord(layout, r, R_A);
  const countWord = resWord(layout, r, R_D);
  let blocked = false;
  for (;;) {
    rawLock(lockWord);
    const n = Atomics.load(mem, countWord);
    if (ready(n, ring.slots)) {
      const result = act(ring.base, ring.slots);
      rawUnlock(lockWord);
      Atomics.notify(mem, countWord);
      if (blocked) unblock();
      return result;
    }
    rawUnlock(lockWord);
    if (!blocked) {
      block(wait, r, deadline !== null);
      blocked = true;
    }
    if (!waitWhile(countWord, n, deadline)) {
      unblock();
      return null;
    }
  }
}

function queuePut(r: number, item: number, deadline: number | null): boolean {
  const done = queueOp(
    r,
    WK_QUEUE_PUT,
    deadline,
    (n, slots) => n < slots,
    (base, slots) => {
      const tail = Atomics.load(mem, resWord(layout, r, R_C));
      Atomics.store(mem, base + tail, item);
      Atomics.store(mem, resWord(layout, r, R_C), (tail + 1) % slots);
      Atomics.add(mem, resWord(layout, r, R_D), 1);
      return true;
    },
  );
  if (done) op('put', r);
  return done !== null;
}

function queueGet(r: number, deadline: number | null): number | null {
  const item = queueOp(
    r,
    WK_QUEUE_GET,
    deadline,
    (n) => n > 0,
    (base, slots) => {
      const head = Atomics.load(mem, resWord(layout, r, R_B));
      Atomics.store(mem, resWord(layout, r, R_B), (head + 1) % slots);
      Atomics.sub(mem, resWord(layout, r, R_D), 1);
      return Atomics.load(mem, base + head);
    },
  );
  if (item !== null) op('get', r);
  return item;
}

// ---- Values ----

function add(ins: Extract<Instr, { op: 'add' }>): void {
  const cells = layout.cells.get(ins.r)!;
  const index = ins.index ? evalExpr(ins.index, env) : 0;
  if (index < 0 || index >= cells.length) die(ins.r, `indexed ${nameOf(ins.r)}[${index}], past its ${cells.length} slots (Python raises IndexError)`, ins);
  // A genuinely unsynchronised read, then write: another worker's write in between is lost.
  const read = Atomics.load(mem, cells.base + index);
  if (data.valueGapNs > 0) burn(Math.round(data.valueGapNs * data.itersPerNs));
  Atomics.store(mem, cells.base + index, (read + evalExpr(ins.by, env)) | 0);
}

// ---- Pool ----

function submit(owner: number, template: number, pc: number, costIndex: number, items: number): void {
  if (Atomics.compareExchange(mem, H_POOL_STARTED, 0, 1) === 0) parentPort!.postMessage({ type: 'pool', atNs: nowNs() });
  for (;;) {
    rawLock(H_POOL_LOCK);
    const n = Atomics.load(mem, H_POOL_COUNT);
    if (n < POOL_RING) {
      const tail = Atomics.load(mem, H_POOL_TAIL);
      const at = layout.poolBase + tail * TASK_WORDS;
      mem[at] = owner;
      mem[at + 1] = template;
      mem[at + 2] = pc;
      mem[at + 3] = costIndex;
      mem[at + 4] = items;
      Atomics.store(mem, H_POOL_TAIL, (tail + 1) % POOL_RING);
      Atomics.add(mem, H_POOL_COUNT, 1);
      rawUnlock(H_POOL_LOCK);
      Atomics.notify(mem, H_POOL_COUNT, 1);
      return;
    }
    rawUnlock(H_POOL_LOCK);
    waitWhile(H_POOL_COUNT, n, null);
  }
}

function waitOutstanding(field: number): void {
  const word = self(field);
  if (Atomics.load(mem, word) === 0) return;
  block(WK_POOL, -1, false);
  // Woken at zero only; a timed slice of the wait re-reads the count.
  for (let v = Atomics.load(mem, word); v !== 0; v = Atomics.load(mem, word)) waitWhile(word, v, null);
  unblock();
}

function poolWorkerLoop(): void {
  for (;;) {
    rawLock(H_POOL_LOCK);
    const n = Atomics.load(mem, H_POOL_COUNT);
    if (n === 0) {
      rawUnlock(H_POOL_LOCK);
      Atomics.store(mem, self(P_STATE), PS_BLOCKED);
      waitWhile(H_POOL_COUNT, 0, null);
      Atomics.store(mem, self(P_STATE), PS_RUNNING);
      continue;
    }
    const head = Atomics.load(mem, H_POOL_HEAD);
    const at = layout.poolBase + head * TASK_WORDS;
    const [owner, template, pc, costIndex, items] = [mem[at]!, mem[at + 1]!, mem[at + 2]!, mem[at + 3]!, mem[at + 4]!];
    Atomics.store(mem, H_POOL_HEAD, (head + 1) % POOL_RING);
    Atomics.sub(mem, H_POOL_COUNT, 1);
    rawUnlock(H_POOL_LOCK);
    // Only a full ring has submitters waiting for room.
    if (n === POOL_RING) Atomics.notify(mem, H_POOL_COUNT);
    const ins = program.templates[template]!.code[pc]!;
    if (ins.op === 'pool') {
      for (let k = 0; k < items; k++) compute(rng.duration(ins.cost));
      // The owner waits for the last chunk only: waking it for each would cost a wake-up per chunk.
      const word = procWord(layout, owner, P_OUTSTANDING_CALL);
      if (Atomics.sub(mem, word, 1) === 1) Atomics.notify(mem, word);
    } else if (ins.op === 'apply_async') {
      compute(rng.duration(ins.costs[costIndex]!));
      const word = procWord(layout, owner, P_OUTSTANDING_ASYNC);
      if (Atomics.sub(mem, word, 1) === 1) Atomics.notify(mem, word);
    }
  }
}

// ---- the interpreter ----

function count(c: Count): number {
  return c.kind === 'geometric' ? rng.geometric(c.p) : evalExpr(c.expr, env);
}

let putNext = 0;

function run(code: readonly Instr[], slots: number): void {
  const loops = new Array<number>(slots).fill(0);
  let pc = 0;
  let enteringLoop = true;
  // The stop word is read where time passes (compute, sleep, every wait) and at each loop turn.
  while (pc < code.length) {
    const ins = code[pc]!;
    stepLine = ins.at.line;
    switch (ins.op) {
      case 'compute':
        compute(rng.duration(ins.d));
        break;
      case 'sleep':
        sleep(rng.duration(ins.d));
        break;
      case 'acquire': {
        const res = program.resources[ins.r]!;
        const deadline = deadlineOf(ins.timeout);
        if (res.kind === 'semaphore' || res.kind === 'bounded_semaphore') acquireSemaphore(ins.r, deadline);
        else acquireLock(ins.r, deadline);
        break;
      }
      case 'release': {
        const res = program.resources[ins.r]!;
        if (res.kind === 'semaphore' || res.kind === 'bounded_semaphore') releaseSemaphore(ins.r, ins);
        else releaseLock(ins.r, ins);
        break;
      }
      case 'wait': {
        const kind = program.resources[ins.r]!.kind;
        const deadline = deadlineOf(ins.timeout);
        if (kind === 'event') eventWait(ins.r, deadline);
        else if (kind === 'barrier') barrierWait(ins.r, ins, deadline);
        else conditionWait(ins.r, ins, deadline);
        break;
      }
      case 'set':
        Atomics.store(mem, resWord(layout, ins.r, R_A), 1);
        op('set', ins.r);
        Atomics.notify(mem, resWord(layout, ins.r, R_A));
        break;
      case 'clear':
        Atomics.store(mem, resWord(layout, ins.r, R_A), 0);
        op('clear', ins.r);
        break;
      case 'notify':
      case 'notify_all':
        conditionNotify(ins.r, ins);
        break;
      case 'put':
        queuePut(ins.r, ins.item === null ? putNext++ : itemCode(layout, ins.item), deadlineOf(ins.timeout));
        break;
      case 'get': {
        const item = queueGet(ins.r, deadlineOf(ins.timeout));
        if (item !== null && ins.until && item === itemCode(layout, ins.until.item)) {
          pc = ins.until.exit;
          enteringLoop = true;
          continue;
        }
        break;
      }
      case 'add':
        add(ins);
        break;
      case 'loop': {
        const bound = ins.bound;
        if (enteringLoop && bound.kind === 'count') {
          const n = count(bound.count);
          // As the simulator says it: a count below zero is misuse (it ran as zero without a word).
          if (n < 0) die(-1, `repeats ${n} times (with $workers = ${env.workers}, $i = ${env.i}); a count is at least 0`, ins);
          loops[ins.slot] = n;
        }
        enteringLoop = true;
        let again: boolean;
        if (bound.kind === 'count') again = loops[ins.slot]! > 0;
        else if (bound.kind === 'forever') again = true;
        else again = Atomics.load(mem, resWord(layout, bound.event, R_A)) !== 0;
        if (again) {
          if (bound.kind === 'count') loops[ins.slot]!--;
          pc++;
        } else pc = ins.end;
        continue;
      }
      case 'next':
        checkStop();
        pc = ins.head;
        enteringLoop = false;
        continue;
      case 'spawn': {
        const n = ins.count ? count(ins.count) : evalExpr(program.templates[ins.t]!.count, env);
        if (n < 0) die(-1, `spawns ${program.templates[ins.t]!.name} ${n} times (with $workers = ${env.workers}, $i = ${env.i}); a count is at least 0`, ins);
        if (n > 0) {
          // Counted before the request leaves, so a join right after sees the children.
          Atomics.add(mem, joinWord(layout, pid, ins.t), n);
          op('spawn', -1);
          parentPort!.postMessage({ type: 'spawn', parent: pid, template: ins.t, count: n, atNs: nowNs() });
        }
        break;
      }
      case 'join': {
        const word = joinWord(layout, pid, ins.t);
        if (Atomics.load(mem, word) > 0) {
          block(WK_JOIN, ins.t, false);
          for (let v = Atomics.load(mem, word); v > 0; v = Atomics.load(mem, word)) waitWhile(word, v, null);
          unblock();
        }
        break;
      }
      case 'pool': {
        const items = count(ins.items);
        if (items < 0) die(-1, `${ins.call}s ${items} items (with $workers = ${env.workers}, $i = ${env.i}); a count is at least 0`, ins);
        const pool = program.poolWorkers ? evalExpr(program.poolWorkers, env) : data.workers;
        const chunksize = ins.chunksize === 'auto' ? (items === 0 ? 0 : Math.ceil(items / (4 * pool))) : Math.max(1, count(ins.chunksize));
        if (items > 0) {
          const chunks = Math.ceil(items / chunksize);
          Atomics.store(mem, self(P_OUTSTANDING_CALL), chunks);
          op(ins.call, -1);
          for (let start = 0; start < items; start += chunksize) submit(pid, data.template, pc, -1, Math.min(chunksize, items - start));
          waitOutstanding(P_OUTSTANDING_CALL);
        }
        break;
      }
      case 'apply_async':
        Atomics.add(mem, self(P_OUTSTANDING_ASYNC), ins.costs.length);
        op('apply_async', -1);
        ins.costs.forEach((_, k) => submit(pid, data.template, pc, k, 1));
        break;
      case 'wait_pool':
        waitOutstanding(P_OUTSTANDING_ASYNC);
        break;
    }
    pc++;
    enteringLoop = true;
  }
}

function main(): void {
  // Warm the kernel up before the program's time starts, so the first compute
  // does not run in a cold, unoptimised loop (a runtime artefact, not the program's).
  for (let k = 0; k < 4; k++) burn(250_000);
  if (data.gated) {
    // Loaded: wait at the start gate so every first-wave process starts together.
    Atomics.add(mem, H_READY, 1);
    Atomics.notify(mem, H_READY);
    while (Atomics.load(mem, H_GO) === 0 && Atomics.load(mem, H_STOP) === 0) Atomics.wait(mem, H_GO, 0, 20);
  }
  stateSince = nowNs();
  const startNs = stateSince;
  Atomics.store(mem, self(P_STATE), PS_RUNNING);
  let stopped: string | null = null;
  try {
    if (data.template < 0) poolWorkerLoop();
    else {
      const t = program.templates[data.template]!;
      run(t.code, t.slots);
    }
  } catch (e) {
    if (e instanceof Stopped) stopped = 'stopped';
    else if (e instanceof Died) stopped = e.message;
    else throw e;
  }
  const end = nowNs();
  setState(state, -1);
  Atomics.store(mem, self(P_STATE), PS_DONE);
  if (data.template >= 0 && data.parent >= 0) {
    const word = joinWord(layout, data.parent, data.template);
    Atomics.sub(mem, word, 1);
    Atomics.notify(mem, word);
  }
  for (const [r, s] of Object.entries(locks)) {
    const timed = timedHolds[Number(r)]!;
    if (timed > 0 && timed < s.acquisitions) s.holdNs = (s.holdNs / timed) * s.acquisitions;
  }
  const report: WorkerReport = { type: 'done', pid, spans, ops, dropped, locks, timeIn, blockedOn, misuse, stopped, startNs, endNs: end };
  parentPort!.postMessage(report);
}

main();
