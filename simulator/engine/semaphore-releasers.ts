import type { Program } from '../profile/ir.js';
import type { ResourceState } from './engine.js';
import { BLOCKED, DONE, type SimProcess } from './sim-process.js';

/** Whether q's wait is one that only a release ends: a lock's, an rlock's, a semaphore's, or taking a condition's lock back. */
export function heldUpByRelease(res: readonly ResourceState[], q: SimProcess): boolean {
  const w = q.waiting;
  if (w?.kind === 'reacquire') return true;
  if (w?.kind !== 'resource') return false;
  const kind = res[w.r]!.kind;
  return kind === 'lock' || kind === 'rlock' || kind === 'semaphore';
}

/**
 * Who is free to release each semaphore, kept counted as processes change:
 * the live processes whose template has a step that releases it (holding its
 * units or not) that are not held up where only another process's release can
 * free them (a lock, an rlock, a semaphore, taking a condition's lock back;
 * no timeout). Where one is, a wait on the semaphore is no deadlock; where
 * none is, wait-for.ts looks at what holds up each of them. Counted, not
 * looked for at each wait: looked for, 20,000 processes blocking in turn on
 * one semaphore each went over those blocked before them (4 s).
 *
 * The engine brackets every change to what the count reads (a process
 * starting or ending, blocking or woken) with `uncount` before it and `count`
 * after it.
 */
export class SemaphoreReleasers {
  /** Per resource: the processes counted (0 for all but semaphores). */
  private readonly free: Int32Array;
  /** Per template: the semaphores it has a step that releases. */
  private readonly ofTemplate: readonly (readonly number[])[];
  /** Per resource: the templates with a step that releases it. */
  readonly templatesReleasing: readonly (readonly number[])[];

  constructor(
    program: Program,
    private readonly res: readonly ResourceState[],
  ) {
    this.free = new Int32Array(res.length);
    this.ofTemplate = program.templates.map((t) => {
      const released = new Set<number>();
      for (const ins of t.code) if (ins.op === 'release' && res[ins.r]!.kind === 'semaphore') released.add(ins.r);
      return [...released];
    });
    this.templatesReleasing = res.map((_, r) => program.templates.flatMap((_t, k) => (this.ofTemplate[k]!.includes(r) ? [k] : [])));
  }

  /** Whether template t has a step that releases a semaphore (a process of it is then counted). */
  releasesAny(t: number): boolean {
    return this.ofTemplate[t]!.length > 0;
  }

  /** Whether a live process with a step that releases semaphore r is free to (not held up by a release). */
  anyFree(r: number): boolean {
    return this.free[r]! > 0;
  }

  /** Takes p out of the counts, before a change to it. */
  uncount(p: SimProcess): void {
    this.add(p, -1);
  }

  /** Puts p back in the counts, after a change to it. */
  count(p: SimProcess): void {
    this.add(p, 1);
  }

  private add(p: SimProcess, by: number): void {
    // (Most processes release no semaphore, pool workers none.)
    if (!p.releasesSemaphore) return;
    if (p.state === DONE || (p.state === BLOCKED && !p.waitTimesOut && heldUpByRelease(this.res, p))) return;
    for (const r of this.ofTemplate[p.template]!) {
      const s = this.res[r]!;
      if (s.kind !== 'semaphore') continue;
      this.free[r]! += by;
      // A change made without its bracket would leave the count wrong, and deadlocks misjudged, silently.
      if (this.free[r]! < 0) throw new Error(`${p.name} taken out of the count of semaphore ${r} without being in it`);
    }
  }
}
