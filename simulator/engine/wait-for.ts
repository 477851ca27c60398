import type { Engine } from './engine.js';
import type { BlockedProcess, CycleLink } from './findings.js';
import type { LockState } from './lock.js';
import type { SemaphoreState } from './semaphore.js';
import { BLOCKED, type SimProcess } from './sim-process.js';

/**
 * The wait-for graph: a blocked process points, through what it waits for,
 * at the processes that could release it. Locks point at their owner,
 * semaphores at their holders, a join at the unfinished children. Events,
 * barriers, queues and notifies have no holder: waits on them can hang, but
 * not be part of a cycle.
 */
const NONE: readonly SimProcess[] = [];

/**
 * Who could end p's wait. `certain`: only those alone who can, for a wait
 * that ends no other way (a lock's owner, a join's children, a semaphore's
 * holders where no other live process has a step that releases it); not a
 * semaphore's holders where another could (any process may release one), nor
 * anyone for a wait with a timeout, which ends by itself. A cycle of certain
 * edges is a deadlock as it forms; one through the others only if the run can
 * go no further (both were reported as deadlocks in runs that completed).
 */
function holdersOf(engine: Engine, p: SimProcess, certain: boolean): Iterable<SimProcess> {
  const w = p.waiting;
  if (!w || (certain && p.waitTimesOut)) return NONE;
  switch (w.kind) {
    case 'resource': {
      const s = engine.res[w.r]!;
      if (s.kind === 'lock' || s.kind === 'rlock') return s.owner ? [s.owner] : NONE;
      // Read as they are, not copied: a semaphore may have thousands of holders.
      if (s.kind === 'semaphore') return certain && engine.semaphoreReleasers.anyFree(w.r) ? NONE : s.holders.keys();
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

/** A wait-for cycle through `start`, as the processes in order, or null; `certain` as holdersOf says. */
export function detectCycleFrom(engine: Engine, start: SimProcess, certain = true): SimProcess[] | null {
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
  const path: SimProcess[] = [];
  const seen = new Set<SimProcess>();
  function visit(p: SimProcess): boolean {
    path.push(p);
    // Back to start through a semaphore it holds a unit of, at once: else every holder's own holders were
    // searched first (2,000 processes each holding a unit and waiting for another took 45 s).
    const w = p.waiting;
    const held = w?.kind === 'resource' ? engine.res[w.r] : undefined;
    const holders = holdersOf(engine, p, certain);
    if (held?.kind === 'semaphore' && holders !== NONE && held.holders.has(start)) return true;
    for (const h of holders) {
      if (h === start) return true;
      if (h.state === BLOCKED && !seen.has(h)) {
        seen.add(h);
        if (visit(h)) return true;
      }
    }
    path.pop();
    return false;
  }
  return visit(start) ? path : null;
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
  const formed = Math.max(...cycle.map((p) => p.waitSince));
  engine.findings.push({ kind: 'deadlock', workers: engine.workers, at_ms: formed / 1e6, cycle: links });
}

/** Blocked processes no cycle explains, described for a hang finding. */
export function describeBlocked(engine: Engine, p: SimProcess): BlockedProcess {
  const target = waitTarget(engine, p);
  return { process: p.name, waits_for: target.name, on: target.on, holds: holdings(engine, p), line: p.code[p.pc]?.at.line ?? null };
}
