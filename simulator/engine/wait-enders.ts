import { assertNever } from '../profile/duration.js';
import type { Instr, Program } from '../profile/ir.js';
import type { ResourceState } from './engine.js';
import { BLOCKED, DONE, type SimProcess } from './sim-process.js';

/**
 * Whether q's wait is one that only what other processes do ends: a release
 * (of a lock, an rlock, a semaphore, or a condition's lock to take back), an
 * event set, a condition notified, a put or a get on a queue, arrivals at a
 * barrier, or children ending (a join).
 */
export function heldUpByOthers(res: readonly ResourceState[], q: SimProcess): boolean {
  const w = q.waiting;
  if (w?.kind === 'reacquire' || w?.kind === 'join') return true;
  if (w?.kind !== 'resource') return false;
  const s = res[w.r]!;
  switch (s.kind) {
    case 'lock':
    case 'rlock':
    case 'semaphore':
    case 'event':
    case 'condition':
    case 'queue':
    case 'barrier':
      return true;
    case 'value':
      return false; // (no wait on one)
    default:
      return assertNever(s);
  }
}

/**
 * For each step of a template's code, the plain locks its process surely
 * holds as it comes to that step: taken, on every way there, by an acquire
 * with no timeout, and not released since (every pass of a loop counted, as a
 * loop may come round again). Null for a step no way reaches.
 */
export function locksSurelyHeld(code: readonly Instr[], res: readonly ResourceState[]): (ReadonlySet<number> | null)[] {
  const at: (Set<number> | null)[] = code.map(() => null);
  if (code.length === 0) return at;
  at[0] = new Set();
  const work = [0];
  while (work.length > 0) {
    const k = work.pop()!;
    const ins = code[k]!;
    const out = new Set(at[k]);
    if (ins.op === 'acquire' && ins.timeout === null && res[ins.r]!.kind === 'lock') out.add(ins.r);
    if (ins.op === 'release') out.delete(ins.r);
    const next = ins.op === 'loop' ? [k + 1, ins.end] : ins.op === 'next' ? [ins.head] : ins.op === 'get' && ins.until ? [k + 1, ins.until.exit] : [k + 1];
    for (const j of next) {
      if (j >= code.length) continue;
      const before = at[j] ?? null;
      // What is surely held where ways meet is what each way holds.
      const met = before === null ? out : new Set([...before].filter((r) => out.has(r)));
      if (before !== null && met.size === before.size) continue;
      at[j] = met;
      work.push(j);
    }
  }
  return at;
}

/**
 * The plain locks some step of the program may release without holding: a
 * lock used as a signal (another process holds it; misuse that Python
 * allows), or one whose acquire timed out. Such a release takes the lock
 * from whoever holds it, so that any release of it, even one after the
 * releaser surely took it, may then be of a lock another process holds.
 */
function locksReleasedUnheld(program: Program, res: readonly ResourceState[]): Set<number> {
  const out = new Set<number>();
  for (const t of program.templates) {
    const held = locksSurelyHeld(t.code, res);
    t.code.forEach((ins, k) => {
      if (ins.op === 'release' && res[ins.r]!.kind === 'lock' && !held[k]?.has(ins.r)) out.add(ins.r);
    });
  }
  return out;
}

/**
 * What ends a wait, as the waits-ended table counts it: the resource's own
 * number, but for a put waiting on a full queue, which only a get ends (not
 * another put), the queue's number past every resource's.
 */
export function waitEnded(res: readonly ResourceState[], q: SimProcess, r: number): number {
  return res[r]!.kind === 'queue' && q.code[q.pc]?.op === 'put' ? res.length + r : r;
}

/**
 * For each step of a template's code, the waits it may end (as `waitEnded`
 * numbers them), or -1: a semaphore it releases, an event it sets, a
 * condition it notifies, a queue's gets it puts to, a queue's puts it gets
 * from, a barrier it arrives at, and a plain lock that some step of the
 * program may release unheld (`unheld`; such releases were not foreseen, and
 * a cycle through the lock was reported though one would end it).
 */
function endingSteps(code: readonly Instr[], res: readonly ResourceState[], unheld: ReadonlySet<number>): number[] {
  return code.map((ins) => {
    if (ins.op === 'get') return res.length + ins.r;
    if (ins.op === 'set' || ins.op === 'notify' || ins.op === 'notify_all' || ins.op === 'put') return ins.r;
    if (ins.op === 'wait') return res[ins.r]!.kind === 'barrier' ? ins.r : -1;
    if (ins.op !== 'release') return -1;
    return res[ins.r]!.kind === 'semaphore' || unheld.has(ins.r) ? ins.r : -1;
  });
}

/**
 * Who may end the waits on a semaphore, an event, a condition, a queue, a
 * barrier, or a plain lock used as a signal (wait-for.ts asks whether any of them still can,
 * before it calls a cycle through a semaphore or such a lock a deadlock, and
 * of a releaser held up on one of them): the live processes of templates with
 * a step that releases the semaphore or the lock (`endingSteps`), sets the
 * event or notifies the condition, or that spawn one, itself or through what
 * it spawns.
 *
 * For semaphores, who is free to release each is also kept counted as
 * processes change: the live processes whose template has a step that
 * releases it, holding its units or not, that are not held up where only what
 * other processes do can free them (`heldUpByOthers`, with no timeout). Where
 * one is, a wait on the semaphore is taken to be no deadlock at once. Counted,
 * not looked for at each wait: looked for, 20,000 processes blocking in turn
 * on one semaphore each went over those blocked before them (4 s). The engine
 * (and a condition's waiter taking its lock back) brackets every change to
 * what the count reads (a process starting or ending, blocking or woken) with
 * `uncount` before it and `count` after it.
 */
export class WaitEnders {
  /** Per resource: the processes counted (0 for all but semaphores). */
  private readonly free: Int32Array;
  /** Per template: the resources whose waits its processes may end, by a step of their own or through what they spawn. */
  private readonly ofTemplate: readonly (readonly number[])[];
  /** Per template: the semaphores it has a step that releases (the count is of these). */
  private readonly releasedDirectly: readonly (readonly number[])[];
  /** Per wait ended (as waitEnded numbers them): the templates whose processes may end it. */
  readonly templatesEnding: readonly (readonly number[])[];
  /** Per wait ended: the process last found free to end it, looked at first the next time (wait-for.ts). */
  readonly lastFree: (SimProcess | null)[];
  /** Per template, per step: where what may still run from there begins (the outermost loop around it, or the step). */
  private readonly runsFrom: readonly Int32Array[];
  /** Per template: for each resource whose waits it may end, the last step that may (releases, sets, notifies, spawns). */
  private readonly lastEnding: readonly ReadonlyMap<number, number>[];

  constructor(
    program: Program,
    private readonly res: readonly ResourceState[],
  ) {
    this.free = new Int32Array(res.length);
    // Per wait ended, as waitEnded numbers them: every resource, then every queue's puts.
    this.lastFree = [...res, ...res].map(() => null);
    const unheld = locksReleasedUnheld(program, res);
    const steps = program.templates.map((t) => endingSteps(t.code, res, unheld));
    const ended = steps.map((own) => new Set(own.filter((r) => r >= 0)));
    this.releasedDirectly = ended.map((own) => [...own].filter((r) => r < res.length && res[r]!.kind === 'semaphore').sort((a, b) => a - b));
    const spawned = program.templates.map((t) => t.code.flatMap((ins) => (ins.op === 'spawn' ? [ins.t] : [])));
    // What a template spawns may end them too: grown until nothing is added.
    for (let grew = true; grew;) {
      grew = false;
      ended.forEach((own, t) => {
        for (const child of spawned[t]!) for (const r of ended[child]!) if (!own.has(r)) grew = own.add(r) !== undefined;
      });
    }
    this.ofTemplate = ended.map((own) => [...own].sort((a, b) => a - b));
    this.templatesEnding = [...res, ...res].map((_, r) => program.templates.flatMap((_t, k) => (this.ofTemplate[k]!.includes(r) ? [k] : [])));
    this.runsFrom = program.templates.map((t) => {
      const from = Int32Array.from(t.code, (_, k) => k);
      // From the last loop to the first, so that an outer loop's head is what stays.
      for (let k = t.code.length - 1; k >= 0; k--) {
        const ins = t.code[k]!;
        if (ins.op === 'loop') for (let j = k; j < ins.end; j++) from[j] = k;
      }
      return from;
    });
    this.lastEnding = program.templates.map((t, k0) => {
      const last = new Map<number, number>();
      t.code.forEach((ins, k) => {
        const r = steps[k0]![k]!;
        if (r >= 0) last.set(r, k);
        if (ins.op === 'spawn') for (const s of this.ofTemplate[ins.t]!) last.set(s, k);
      });
      return last;
    });
  }

  /** Whether template t's processes may end some wait (they are then followed: engine.liveEnders). */
  endsAny(t: number): boolean {
    return this.ofTemplate[t]!.length > 0;
  }

  /**
   * Whether p may still end waits on r from the step it is at: a step that
   * releases, sets or notifies it, or spawns a template that may, is still
   * ahead of it (anywhere in a loop it is in, which may come round again). A
   * parent past its last spawn of a releaser, waiting on an event, was taken
   * for one, and the deadlock it stood beside was not reported while the run
   * went on.
   */
  mayStillEnd(p: SimProcess, r: number): boolean {
    const last = this.lastEnding[p.template]?.get(r);
    if (last === undefined) return false;
    const from = this.runsFrom[p.template]!;
    return last >= (p.pc < from.length ? from[p.pc]! : p.pc);
  }

  /** Whether template t has a step that releases a semaphore (its processes are then counted). */
  releasesSemaphore(t: number): boolean {
    return this.releasedDirectly[t]!.length > 0;
  }

  /** Whether a live process with a step that releases semaphore r is free to (not held up by others). */
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
    if (!p.countedFree) return;
    if (p.state === DONE || (p.state === BLOCKED && !p.waitTimesOut && heldUpByOthers(this.res, p))) return;
    for (const r of this.releasedDirectly[p.template]!) {
      this.free[r]! += by;
      // A change made without its bracket would leave the count wrong, and deadlocks misjudged, silently.
      if (this.free[r]! < 0) throw new Error(`${p.name} taken out of the count of semaphore ${r} without being in it`);
    }
  }
}
