import type { Program } from '../profile/ir.js';
import type { ResourceState } from './engine.js';
import { BLOCKED, DONE, type SimProcess } from './sim-process.js';

/**
 * Whether q's wait is one that only what other processes do ends: a release
 * (of a lock, an rlock, a semaphore, or a condition's lock to take back), or
 * children ending (a join). Not one anyone may end (an event, a queue, a
 * barrier, a notify).
 */
export function heldUpByOthers(res: readonly ResourceState[], q: SimProcess): boolean {
  const w = q.waiting;
  if (w?.kind === 'reacquire' || w?.kind === 'join') return true;
  if (w?.kind !== 'resource') return false;
  const kind = res[w.r]!.kind;
  return kind === 'lock' || kind === 'rlock' || kind === 'semaphore';
}

/**
 * Who is free to release each semaphore, kept counted as processes change:
 * the live processes whose template has a step that releases it, holding its
 * units or not, that are not held up where only what other processes do can
 * free them (`heldUpByOthers`, with no timeout). Where one is, a wait on the
 * semaphore is taken to be no deadlock; where none is, wait-for.ts looks at
 * what holds up each of them, and at those that may spawn a releaser (one
 * spawned later was not looked at, and a run that completed reported a
 * deadlock). Counted, not
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
  /** Per template: the semaphores its processes may release, by a step of their own or through what they spawn. */
  private readonly ofTemplate: readonly (readonly number[])[];
  /** Per template: the semaphores it has a step that releases (the count is of these). */
  private readonly directly: readonly (readonly number[])[];
  private readonly program: Program;
  /** Per resource: the templates whose processes may release it. */
  readonly templatesReleasing: readonly (readonly number[])[];
  /** Per resource: the releaser last found free to release it, looked at first the next time (wait-for.ts). */
  readonly lastFree: (SimProcess | null)[];

  constructor(
    program: Program,
    private readonly res: readonly ResourceState[],
  ) {
    this.program = program;
    this.free = new Int32Array(res.length);
    this.lastFree = res.map(() => null);
    const released = program.templates.map((t) => new Set(t.code.flatMap((ins) => (ins.op === 'release' && res[ins.r]!.kind === 'semaphore' ? [ins.r] : []))));
    this.directly = released.map((own) => [...own].sort((a, b) => a - b));
    const spawned = program.templates.map((t) => t.code.flatMap((ins) => (ins.op === 'spawn' ? [ins.t] : [])));
    // What a template spawns may release it too: grown until nothing is added.
    for (let grew = true; grew;) {
      grew = false;
      released.forEach((own, t) => {
        for (const child of spawned[t]!) for (const r of released[child]!) if (!own.has(r)) grew = own.add(r) !== undefined;
      });
    }
    this.ofTemplate = released.map((own) => [...own].sort((a, b) => a - b));
    this.templatesReleasing = res.map((_, r) => program.templates.flatMap((_t, k) => (this.ofTemplate[k]!.includes(r) ? [k] : [])));
  }

  /** Whether template t has a step that releases a semaphore (a process of it is then counted). */
  releasesAny(t: number): boolean {
    return this.ofTemplate[t]!.length > 0;
  }

  /**
   * Whether p may still release semaphore r from the step it is at: a step
   * that releases it, or spawns a template that may, is still ahead of it
   * (anywhere in a loop it is in, which may come round again). A parent past
   * its last spawn of a releaser, waiting on an event, was taken for one, and
   * the deadlock it stood beside was not reported while the run went on.
   */
  mayStillRelease(p: SimProcess, r: number): boolean {
    const code = this.program.templates[p.template]?.code;
    if (!code) return false;
    let from = p.pc;
    for (let k = 0; k < p.pc && k < code.length; k++) {
      const ins = code[k]!;
      if (ins.op === 'loop' && ins.end > p.pc) {
        from = k; // the outermost loop around it
        break;
      }
    }
    for (let k = from; k < code.length; k++) {
      const ins = code[k]!;
      if (ins.op === 'release' && ins.r === r) return true;
      if (ins.op === 'spawn' && this.ofTemplate[ins.t]!.includes(r)) return true;
    }
    return false;
  }

  /** Whether a live process that may release semaphore r is free to (not held up by others). */
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
    if (p.state === DONE || (p.state === BLOCKED && !p.waitTimesOut && heldUpByOthers(this.res, p))) return;
    for (const r of this.directly[p.template]!) {
      const s = this.res[r]!;
      if (s.kind !== 'semaphore') continue;
      this.free[r]! += by;
      // A change made without its bracket would leave the count wrong, and deadlocks misjudged, silently.
      if (this.free[r]! < 0) throw new Error(`${p.name} taken out of the count of semaphore ${r} without being in it`);
    }
  }
}
