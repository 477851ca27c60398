import type { Engine } from './engine.js';
import type { BlockedProcess, CycleLink } from './findings.js';
import type { LockState } from './lock.js';
import type { SemaphoreState } from './semaphore.js';
import { heldUpByOthers, waitEnded } from './wait-enders.js';
import { BLOCKED, DONE, type SimProcess } from './sim-process.js';

// The wait-for graph: a blocked process points, through what it waits for,
// at the processes that could release it. Locks point at their owner,
// semaphores at their holders, a join at the unfinished children. Events,
// barriers, queues and notifies have no holder: waits on them can hang, but
// not be part of a cycle (they can hold up a semaphore's releaser, below).

const NONE: readonly SimProcess[] = [];

/**
 * Whom p waits on, for the cycle search: a lock's owner, a join's children, a
 * semaphore's holders. `certain`: only for a wait that ends no other way:
 * none for a wait with a timeout, which ends by itself, nor for a semaphore
 * that a live process with a step releasing it is free to release (any
 * process may release one; a wait on it ends at any one release). A cycle
 * through a semaphore, or a lock someone may release as a signal, found so is
 * a deadlock as it forms only once every process that could release it is
 * seen to be held up for good (`waitsHeldForGood`); any cycle is one where the
 * run can go no further.
 */
function holdersOf(engine: Engine, p: SimProcess, certain: boolean): Iterable<SimProcess> {
  const w = p.waiting;
  if (!w || (certain && p.waitTimesOut)) return NONE;
  switch (w.kind) {
    case 'resource': {
      const s = engine.res[w.r]!;
      if (s.kind === 'lock' || s.kind === 'rlock') return s.owner ? [s.owner] : NONE;
      // Read as they are, not copied: a semaphore may have thousands of holders. (A cycle through them found
      // while the run goes on is a deadlock only if no one else will release it: waitsHeldForGood.)
      if (s.kind === 'semaphore') return certain && engine.waitEnders.anyFree(w.r) ? NONE : s.holders.keys();
      return NONE;
    }
    case 'reacquire': {
      const owner = (engine.res[w.lock] as LockState).owner;
      return owner ? [owner] : NONE;
    }
    case 'join':
      return p.unfinishedChildren(w.t);
    case 'pool':
    case 'pool-idle':
      return NONE;
  }
}

/**
 * A wait-for cycle through `start`, as the processes in order, or null;
 * `certain` as holdersOf says. `ended`: for the searches made where the run
 * has ended, which nothing changes between (searchAtEnd).
 */
export function detectCycleFrom(engine: Engine, start: SimProcess, certain = true, ended?: EndSearch): SimProcess[] | null {
  if (certain && start.waitTimesOut) return null;
  // The common case, checked without allocating: the lock start waits on is held by a running process.
  const w = start.waiting;
  if (w?.kind === 'resource') {
    const s = engine.res[w.r]!;
    if (s.kind === 'lock' || s.kind === 'rlock') {
      const owner = s.owner;
      if (!owner || (owner !== start && owner.state !== BLOCKED)) return null;
    }
  }
  const path = cyclePath(engine, start, certain);
  if (!path) return null;
  return !certain || waitsHeldForGood(engine, path, ended?.seen) ? path : null;
}

/**
 * A path of blocked processes from `start` back to it through what each waits
 * on, depth first; null if none. With a stack of its own, not recursion: a
 * cycle of 9,000 processes overflowed the call stack.
 */
function cyclePath(engine: Engine, start: SimProcess, certain: boolean): SimProcess[] | null {
  const path: SimProcess[] = [];
  const next: Iterator<SimProcess>[] = [];
  const seen = new Set<SimProcess>();
  // Goes into p: true if that closes the cycle at once.
  const enter = (p: SimProcess): boolean => {
    path.push(p);
    // Back to start through a semaphore it holds a unit of, at once: else every holder's own holders were
    // searched first (2,000 processes each holding a unit and waiting for another took 45 s).
    const w = p.waiting;
    const held = w?.kind === 'resource' ? engine.res[w.r] : undefined;
    const holders = holdersOf(engine, p, certain);
    if (held?.kind === 'semaphore' && holders !== NONE && held.holders.has(start)) return true;
    next.push(holders[Symbol.iterator]());
    return false;
  };
  if (enter(start)) return path;
  while (next.length > 0) {
    const step = next[next.length - 1]!.next();
    if (step.done) {
      next.pop();
      path.pop();
      continue;
    }
    const h = step.value;
    if (h === start) return path;
    if (h.state === BLOCKED && !seen.has(h)) {
      seen.add(h);
      if (enter(h)) return path;
    }
  }
  return null;
}

/**
 * Whether each semaphore, or lock used as a signal, that a process of `cycle`
 * waits on is one that no one will release: every live process that may
 * still release it is held up for good, the cycle's own processes taken to be.
 */
function waitsHeldForGood(engine: Engine, cycle: readonly SimProcess[], shared?: HeldUp): boolean {
  const seen = shared ?? heldUpNone();
  const mark = seen.added.length;
  for (const p of cycle) if (!seen.processes.has(p)) take(seen, p);
  for (const p of cycle) {
    const w = p.waiting;
    const r = w?.kind === 'resource' ? w.r : w?.kind === 'reacquire' ? w.lock : -1;
    if (r < 0) continue;
    const kind = engine.res[r]!.kind;
    if ((kind === 'semaphore' || kind === 'lock') && !endersHeldForGood(engine, r, seen)) {
      takeBack(seen, mark);
      return false;
    }
  }
  return true;
}

const heldUpNone = (): HeldUp => ({ processes: new Set(), resources: new Set(), added: [], free: new Set(), hops: 0 });

/**
 * The searches made where a run has ended, shared: nothing moves any more,
 * so what one found held up for good stays so for the next, and what it found
 * free stays free; what a search that found its process free had taken to be
 * is taken back. A fresh search for each of 10,000 processes, each holding a
 * unit of one semaphore and waiting for another, went over all of them again (9 s).
 */
export interface EndSearch {
  readonly seen: HeldUp;
}

export function searchAtEnd(): EndSearch {
  return { seen: heldUpNone() };
}

/** What a search for processes held up for good has taken to be: the processes, and the resources whose waits no one will end. */
interface HeldUp {
  readonly processes: Set<SimProcess>;
  readonly resources: Set<number>;
  /** What was taken to be, in order: a join's child that turns out free takes back what its search took. */
  readonly added: (SimProcess | number)[];
  /**
   * Processes found free to go on (a process, or a wait that ends by itself,
   * at the end of what holds them up), whatever is taken back: looked into
   * again under each of a join's children, nested joins made the search
   * grow as their children multiplied.
   */
  readonly free: Set<SimProcess>;
  /** How deep the search is now, in processes (heldUpForGood). */
  hops: number;
}

function take(seen: HeldUp, x: SimProcess | number): void {
  if (typeof x === 'number') seen.resources.add(x);
  else seen.processes.add(x);
  seen.added.push(x);
}

/** Takes back what was taken to be since `mark` (the length `added` had). */
function takeBack(seen: HeldUp, mark: number): void {
  while (seen.added.length > mark) {
    const x = seen.added.pop()!;
    if (typeof x === 'number') seen.resources.delete(x);
    else seen.processes.delete(x);
  }
}

/**
 * Whether every live process that may still end waits on r (release the
 * semaphore, set the event, notify the condition) is held up for good, what
 * `seen` holds taken to be.
 */
function endersHeldForGood(engine: Engine, r: number, seen: HeldUp): boolean {
  const enders = engine.waitEnders;
  // Looked at once in a search: each of its thousands of waiters went over every ender again.
  if (seen.resources.has(r)) return true;
  take(seen, r);
  // The one found free last time first: thousands of searches, one per waiter, each went over
  // thousands of releasers held up for good before the one that was not.
  const last = enders.lastFree[r];
  if (last && !enderHeldForGood(engine, last, r, seen)) return false;
  for (const t of enders.templatesEnding[r]!) {
    for (const q of engine.liveEnders[t]!) {
      if (enderHeldForGood(engine, q, r, seen)) continue;
      enders.lastFree[r] = q;
      return false;
    }
  }
  return true;
}

/** Whether q will not end waits on r: it has ended, has no step left that may, or is held up for good. */
function enderHeldForGood(engine: Engine, q: SimProcess, r: number, seen: HeldUp): boolean {
  return q.state === DONE || !engine.waitEnders.mayStillEnd(q, r) || heldUpForGood(engine, q, seen);
}

/**
 * Whether q can never go on, given that the processes of `seen` cannot: it
 * waits, with no timeout, on a lock whose owner cannot go on; on a semaphore,
 * an event or a condition whose waits no one will end; or to join children,
 * one of which is in `seen` or cannot go on. Two semaphore holders, one of
 * them free to give its unit back, or a releaser waiting for a lock that a
 * sleeping process holds, were taken for held up, and a deadlock was reported
 * in runs that completed. (A loop of such waits, met again, holds: nothing in
 * it can move.)
 */
function heldUpForGood(engine: Engine, q: SimProcess, seen: HeldUp): boolean {
  if (seen.processes.has(q) || q.state === DONE) return true;
  if (seen.free.has(q)) return false;
  // Past MAX_HOPS, taken to be free: nothing is reported through it (a finding missed, never a false one).
  if (seen.hops === MAX_HOPS) return false;
  seen.hops++;
  const held = heldUpForGoodFirstTime(engine, q, seen);
  seen.hops--;
  if (!held) seen.free.add(q);
  return held;
}

/**
 * How long a chain of waits the search follows (each process waiting on what
 * the next one may end): each hop is a few calls deep, and a chain of 1,500
 * semaphores, each released only by a process waiting on the next,
 * overflowed the stack.
 */
const MAX_HOPS = 1_000;

function heldUpForGoodFirstTime(engine: Engine, q: SimProcess, seen: HeldUp): boolean {
  if (q.state !== BLOCKED || q.waitTimesOut || !heldUpByOthers(engine.res, q)) return false;
  const w = q.waiting!;
  if (w.kind === 'join') {
    // The join ends when its last child does: one that cannot end is enough. Each child is looked
    // into in turn, what its search took to be taken back where it can go on.
    const children = q.unfinishedChildren(w.t);
    for (const child of children) if (seen.processes.has(child)) return true;
    const mark = seen.added.length;
    take(seen, q);
    for (const child of children) {
      const before = seen.added.length;
      if (heldUpForGood(engine, child, seen)) return true;
      takeBack(seen, before);
    }
    takeBack(seen, mark);
    return false;
  }
  take(seen, q);
  const r = w.kind === 'resource' ? w.r : w.kind === 'reacquire' ? w.lock : -1;
  if (r < 0) return false;
  const s = engine.res[r]!;
  if (s.kind === 'semaphore' || s.kind === 'event' || s.kind === 'condition' || s.kind === 'queue' || s.kind === 'barrier')
    return endersHeldForGood(engine, waitEnded(engine.res, q, r), seen);
  // A lock: its owner, and anyone who may release it as a signal.
  if (s.kind !== 'lock' && s.kind !== 'rlock') return false;
  return s.owner !== null && heldUpForGood(engine, s.owner, seen) && (s.kind === 'rlock' || endersHeldForGood(engine, r, seen));
}

/**
 * Those of `blocked` that can never go on: what decides, where a run was
 * stopped (run_for, the event budget, the process limit) while others went
 * on, which of its blocked processes hang. The searches share what they find
 * (`ended`): a fresh one for each of 10,000 waiters on one semaphore went over
 * all of them again (9 s).
 */
export function blockedForGood(engine: Engine, blocked: readonly SimProcess[], ended: EndSearch): SimProcess[] {
  const seen = ended.seen;
  return blocked.filter((p) => {
    const mark = seen.added.length;
    if (heldUpForGood(engine, p, seen)) return true;
    takeBack(seen, mark);
    return false;
  });
}

/** Names what p waits for: a resource, `join:<template>`, or `pool`. */
export function waitTarget(engine: Engine, p: SimProcess): { name: string; on: string } {
  const w = p.waiting;
  const resources = engine.program.resources;
  if (!w) return { name: '', on: '' };
  switch (w.kind) {
    case 'resource': {
      const kind = resources[w.r]!.kind;
      const op = p.code[p.pc]?.op;
      const on = kind === 'queue' ? (op === 'put' ? 'queue put' : 'queue get') : kind === 'bounded_semaphore' ? 'semaphore' : kind;
      return { name: resources[w.r]!.name, on };
    }
    case 'reacquire':
      return { name: resources[w.lock]!.name, on: 'lock' };
    case 'join':
      return { name: `join:${engine.program.templates[w.t]!.name}`, on: 'join' };
    case 'pool':
    case 'pool-idle':
      return { name: 'pool', on: 'pool' };
  }
}

/** The names of everything p holds: locks, rlocks and semaphore units. */
export function holdings(engine: Engine, p: SimProcess): string[] {
  const names = p.heldLocks.map((r) => engine.program.resources[r]!.name);
  engine.res.forEach((s, r) => {
    if (s.kind === 'semaphore' && (s as SemaphoreState).holders.has(p)) names.push(engine.program.resources[r]!.name);
  });
  return names;
}

/** When the last of these processes began its wait. (Not Math.max(...): 125,000 processes hung overflowed the stack.) */
export function lastWaitBegan(processes: readonly SimProcess[]): number {
  let last = -Infinity;
  for (const p of processes) if (p.waitSince > last) last = p.waitSince;
  return last;
}

export function reportCycle(engine: Engine, cycle: readonly SimProcess[]): void {
  if (cycle.some((p) => p.deadlocked)) return;
  for (const p of cycle) p.deadlocked = true;
  const links: CycleLink[] = cycle.map((p) => ({
    process: p.name,
    holds: holdings(engine, p),
    waits_for: waitTarget(engine, p).name,
    line: p.code[p.pc]?.at.line ?? null,
  }));
  // When the cycle formed: its last wait began (found at the run's end, it had been there since).
  const formed = lastWaitBegan(cycle);
  engine.findings.push({ kind: 'deadlock', workers: engine.workers, at_ms: formed / 1e6, cycle: links });
}

/** Blocked processes no cycle explains, described for a hang finding. */
export function describeBlocked(engine: Engine, p: SimProcess): BlockedProcess {
  const target = waitTarget(engine, p);
  return { process: p.name, waits_for: target.name, on: target.on, holds: holdings(engine, p), line: p.code[p.pc]?.at.line ?? null };
}
