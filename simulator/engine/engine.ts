import { evalExpr } from '../profile/count.js';
import { firstWave } from '../profile/first-wave.js';
import { LIMITS } from '../profile/limits.js';
import type { Count, Duration, Instr, Program } from '../profile/ir.js';
import { TraceRecorder } from '../trace/trace-format.js';
import { acquireBarrierWait, createBarrier, type BarrierState } from './barrier.js';
import { conditionNotify, conditionTimeout, conditionWait, createCondition, type ConditionState } from './condition.js';
import type { CostModel } from './cost-model.js';
import { eventClear, eventSet, eventWait, createEvent, type EventState } from './event.js';
import { EventQueue } from './event-queue.js';
import { Cores } from './cores.js';
import { Fifo } from './fifo.js';
import type { Finding } from './findings.js';
import { acquireLock, createLock, releaseLock, type LockState } from './lock.js';
import { applyAsync, poolCall, runPoolWorker, waitPool, type PoolState } from './pool.js';
import { queueGet, queuePut, createQueue, type QueueState } from './queue.js';
import { Random } from './random.js';
import { acquireSemaphore, createSemaphore, dropEndedHolder, releaseSemaphore, type SemaphoreState } from './semaphore.js';
import { WaitEnders } from './wait-enders.js';
import { addToValue, createValue, type ValueState } from './shared-value.js';
import {
  ACQUIRE_SEMAPHORE,
  BLOCKED,
  DONE,
  PHASE_START,
  PHASE_TIMED_OUT,
  READY,
  RELEASE_SEMAPHORE,
  RUNNING,
  SLEEPING,
  OPCODE,
  SimProcess,
  opcodesOf,
  type WaitReason,
} from './sim-process.js';
import { detectCycleFrom, reportCycle } from './wait-for.js';
import { ZERO_NS } from './zero-ns.js';

/** The step of one operation, as the opcode table says it is. */
type Step<K extends Instr['op']> = Extract<Instr, { op: K }>;

export type ResourceState = LockState | SemaphoreState | EventState | ConditionState | BarrierState | QueueState | ValueState;

export interface EngineOptions {
  readonly workers: number;
  readonly cores: number;
  readonly seed: number;
  readonly cost: CostModel;
  /** Time slice when more processes are runnable than there are cores. */
  readonly quantumNs: number;
  /** Keep a trace of at most this many records; 0 keeps none. */
  readonly traceCap: number;
  /** Give up after this many events (a run that never settles). */
  readonly maxEvents: number;
}

/** How a run ended. */
export type Outcome =
  | 'completed'
  /** Stopped at the profile's run_for. */
  | 'time_limit'
  /** Some processes can never go on (a deadlock or a hang was found). */
  | 'stuck'
  /** Stopped at the event budget, or time stood still. */
  | 'event_limit'
  /** Stopped because the program started more processes than a run may hold. */
  | 'process_limit';

/** Processes one simulated run may start in all (a profile can spawn without end; memory must not). */
export const MAX_RUN_PROCESSES = 2 * LIMITS.processes;

const NO_OPS = new Uint8Array(0);

/**
 * How long a process must have held its core before a process that wakes
 * (and finds every core taken) may preempt it: Linux's scheduler lets a
 * waking thread preempt a running one that is ahead of it by about this much
 * (sched_wakeup_granularity, 1 ms on one CPU), and a real run's hand-offs
 * (a lock passed on, a task's result) move at that pace, not a time slice's.
 */
export const WAKE_GRANULARITY_NS = 1_000_000;

const EV_RUN = 0;
const EV_SLICE = 1;
const EV_READY = 2;
const EV_TIMEOUT = 3;
const EV_STOP = 4;
const EV_PREEMPT = 5;
/** The token of an EV_READY that ends a wait (a wake-up, a sleep), not a start. */
const WOKEN = 1;

/** Zero-time steps a process may run before it lets others at the same instant go. */
const STEPS_PER_TURN = 10_000;
/** Events at one instant, without time moving, before the run is declared stuck in a zero-time loop. */
const EVENTS_WITHOUT_TIME = 5_000_000;
/**
 * Zero-time steps at one instant before the same: a loop of steps that take
 * no time (setting an event forever) yields every STEPS_PER_TURN steps, an
 * event each time, so the events alone would let it run for hours.
 */
const STEPS_WITHOUT_TIME = 20_000_000;

/**
 * A count that came out below zero for an instance the profile's checks did
 * not reach (they look at the first 64 and the last): a misuse, as an index
 * past an array's end is, where it ran as zero without a word.
 */
function negativeCount(what: string, n: number, p: SimProcess): string {
  return `${what} ${n} times (with $workers = ${p.env.workers}, $i = ${p.env.i}); a count is at least 0`;
}

/**
 * The discrete-event engine: virtual cores, a ready queue with time slicing,
 * and the core wait/wake operations the primitives are built on. It
 * interprets the program IR one process at a time; every choice comes from
 * the event order or the one seeded generator.
 */
export class Engine {
  now = ZERO_NS;
  readonly rng: Random;
  readonly procs: SimProcess[] = [];
  readonly res: ResourceState[];
  readonly findings: Finding[] = [];
  readonly trace: TraceRecorder | null;
  /** First time each lock-order edge was seen: `a,b` means b taken while holding a. */
  readonly lockOrder = new Map<string, { process: SimProcess; line: number }>();
  pool: PoolState | null = null;
  events = 0;
  outcome: Outcome = 'completed';
  endTime = ZERO_NS;
  /**
   * The future events. Whenever an event is dispatched, `now` is the queue's current instant (a stale
   * event popped moves the queue's instant and not `now`, and nothing is pushed before the next
   * dispatch), so an event for now is pushed with pushNow.
   */
  private readonly queue = new EventQueue();
  private readonly ready = new Fifo<SimProcess>();
  /** Processes woken from a wait and waiting for a core: served before `ready`. */
  private readonly woken = new Fifo<SimProcess>();
  /** When a pending EV_PREEMPT will look again for a core to preempt (Infinity: none pending). */
  private preemptCheckAt = Infinity;
  private readonly cores: Cores;
  private liveUser = 0;
  /** Starts made whose start-up work is not yet done. */
  private starting = 0;
  private readonly instanceCounts: number[];
  /** Who may end waits on semaphores, events and conditions, and who is free to release each semaphore (wait-for.ts). */
  readonly waitEnders: WaitEnders;
  /** Per template that may end such waits, its processes started and not yet ended (wait-for.ts). */
  readonly liveEnders: Set<SimProcess>[];
  private readonly templateOps: Uint8Array[];
  private stopped = false;
  /**
   * The time of the event popped last, stale or not. A field, not a local of the run loop: V8 compiles
   * that loop on stack replacement, where a local holding a double is boxed, a new heap number each time
   * it changes.
   */
  private lastEventTime = -Infinity;
  /** Whole turns of STEPS_PER_TURN zero-time steps at this instant; reset when time moves. */
  private turnsAtInstant = 0;
  /** When the next spawn can begin its start-up: starts that cannot overlap queue here. */
  private spawnerFreeAt = ZERO_NS;
  /** One wait reason per resource, made once: blocking on a resource allocates nothing. */
  readonly waitOn: readonly WaitReason[];
  readonly workers: number;
  readonly cost: CostModel;
  private readonly quantumNs: number;
  private readonly maxEvents: number;

  constructor(
    readonly program: Program,
    readonly options: EngineOptions,
  ) {
    // The options the hot paths read are copied into fields of the engine:
    // read through the options object, they made V8 discard the optimised
    // code of those paths whenever a later run came with an options object of its own.
    this.workers = options.workers;
    this.cost = options.cost;
    this.quantumNs = options.quantumNs;
    this.maxEvents = options.maxEvents;
    this.now = 0; // a double from here on (see ZERO_NS), and +0
    this.rng = new Random(options.seed);
    this.cores = new Cores(options.cores);
    this.trace = options.traceCap > 0 ? new TraceRecorder(options.traceCap) : null;
    const env = { workers: options.workers, i: 0 };
    this.res = program.resources.map((r, index): ResourceState => {
      switch (r.kind) {
        case 'lock':
        case 'rlock':
          return createLock(r.kind);
        case 'semaphore':
        case 'bounded_semaphore':
          return createSemaphore(evalExpr(r.initial, env), r.kind === 'bounded_semaphore');
        case 'event':
          return createEvent();
        case 'condition':
          return createCondition(r.lock);
        case 'barrier':
          return createBarrier(evalExpr(r.parties, env));
        case 'queue':
          return createQueue(r.capacity ? evalExpr(r.capacity, env) : null);
        case 'value':
          return createValue([r.initial]);
        case 'array':
          return createValue(new Array<number>(evalExpr(r.length, env)).fill(0));
        default:
          throw new Error(`resource ${index} has no simulator state`);
      }
    });
    this.instanceCounts = program.templates.map(() => 0);
    this.waitEnders = new WaitEnders(program, this.res);
    this.liveEnders = program.templates.map(() => new Set<SimProcess>());
    this.templateOps = program.templates.map((t) => opcodesOf(t.code, (r) => this.res[r]!.kind === 'semaphore'));
    this.waitOn = program.resources.map((_, r) => ({ kind: 'resource', r }));
  }

  /** Runs the program to its end; the outcome says how it ended. */
  run(): Outcome {
    const program = this.program;
    for (const { template, count } of firstWave(program, this.workers)) {
      for (let i = 0; i < count; i++) this.startProcess(template, i, null, 0);
    }
    if (program.runForNs !== null) this.queue.push(program.runForNs, 9, EV_STOP, -1, 0);
    const ev = { time: ZERO_NS, kind: 0, target: 0, token: 0 };
    let sameTime = 0;
    while (!this.stopped && this.liveUser > 0 && this.queue.pop(ev)) {
      if (++this.events > this.maxEvents) {
        this.outcome = 'event_limit';
        break;
      }
      if (ev.time === this.lastEventTime) {
        if (++sameTime > EVENTS_WITHOUT_TIME) {
          this.outcome = 'event_limit';
          break;
        }
      } else {
        sameTime = 0;
        this.turnsAtInstant = 0;
        this.lastEventTime = ev.time;
      }
      // An event made stale (a slice cut short, a wait that ended before its timeout) does nothing, and
      // must not move the clock: a stuck run's end, and its findings' times, were a cancelled timer's.
      if (this.isStale(ev.kind, ev.target, ev.token)) continue;
      this.now = ev.time;
      this.dispatch(ev.kind, ev.target, ev.token);
    }
    this.endTime = this.now;
    if (this.outcome === 'completed' && this.liveUser > 0 && !this.stopped) this.outcome = 'stuck';
    this.closeSpans();
    return this.outcome;
  }

  private isStale(kind: number, target: number, token: number): boolean {
    if (kind === EV_SLICE) return token !== this.procs[target]!.sliceSeq;
    if (kind === EV_TIMEOUT) {
      const p = this.procs[target]!;
      return p.token !== token || p.state !== BLOCKED;
    }
    return false;
  }

  private dispatch(kind: number, target: number, token: number): void {
    switch (kind) {
      case EV_RUN: {
        const p = this.procs[target]!;
        if (p.state !== RUNNING) {
          if (p.preempted) p.preempted = false;
          else p.quantumLeft = this.quantumNs;
          this.cores.turnSince[p.core] = this.now;
        }
        this.setState(p, RUNNING, -1);
        if (p.remaining > 0) this.scheduleSlice(p);
        else {
          // (A start preempted within a rounding step of its end comes back with no work left.)
          if (p.starting) this.startedUp(p);
          this.interpret(p);
        }
        return;
      }
      case EV_SLICE: {
        const p = this.procs[target]!;
        // (A slice cut short by a preemption leaves its end event behind: the run loop drops it as stale. A
        // slice that has ended leaves its end time on the core, a time past: no slice to preempt, nothing to reset.)
        p.remaining -= p.sliceLength;
        p.quantumLeft -= p.sliceLength;
        // Work done: go on with the next steps (startBusy checks the slice before more work).
        if (p.remaining <= 0) {
          if (p.starting) this.startedUp(p);
          this.interpret(p);
        } else this.continueBusy(p);
        return;
      }
      case EV_READY:
        this.makeReady(this.procs[target]!, token === WOKEN);
        return;
      case EV_TIMEOUT:
        // (One for a wait that has ended is dropped by the run loop as stale.)
        this.timeout(this.procs[target]!);
        return;
      case EV_PREEMPT:
        if (this.now === this.preemptCheckAt) this.preemptCheckAt = Infinity;
        this.preemptForWoken();
        return;
      case EV_STOP:
        this.stopped = true;
        this.outcome = 'time_limit';
        return;
    }
  }

  /**
   * Creates a process of template t. Its start-up (the spawn cost) is work on
   * a core before its first step, as loading a worker's code is: many
   * processes starting at once compete for the cores.
   */
  startProcess(t: number, i: number, parent: SimProcess | null, startupNs: number): SimProcess | null {
    if (this.procs.length >= MAX_RUN_PROCESSES) {
      this.outcome = 'process_limit';
      this.stopped = true;
      return null;
    }
    const template = this.program.templates[t]!;
    const k = this.instanceCounts[t]!++;
    // Worked out for a template's first instance alone: a count of one names it without an index. (Not when the
    // engine is made: a template never started may have a count that cannot be worked out at this worker count.)
    const alone = k === 0 && (this.program.main === t || evalExpr(template.count, { workers: this.workers, i: 0 }) === 1);
    const name = alone ? template.name : `${template.name}[${k}]`;
    const p = new SimProcess(this.procs.length, name, t, template.code, this.templateOps[t]!, { workers: this.workers, i }, template.slots, parent);
    p.stateSince = this.now;
    this.procs.push(p);
    p.mayEndWaits = this.waitEnders.endsAny(t);
    p.countedFree = this.waitEnders.releasesSemaphore(t);
    if (p.mayEndWaits) this.liveEnders[t]!.add(p);
    if (p.countedFree) this.waitEnders.count(p);
    this.liveUser++;
    if (parent) {
      parent.childStarted(t, p);
    }
    this.trace?.op(this.now, p.id, 'start', -1, parent ? parent.id : -1);
    this.beginStart(p, startupNs);
    return p;
  }

  /** Creates a pool worker (start-up as above); it is not a user process and never keeps the program alive. */
  startPoolWorker(index: number, startupNs: number): SimProcess {
    const p = new SimProcess(this.procs.length, `pool[${index}]`, -1, [], NO_OPS, { workers: this.workers, i: index }, 0, null);
    p.stateSince = this.now;
    this.procs.push(p);
    this.beginStart(p, startupNs);
    return p;
  }

  /** p's start-up work is done (callers check that it had some: p.starting). */
  private startedUp(p: SimProcess): void {
    p.starting = false;
    this.starting--;
  }

  /** A start: its work grows with the starts still in progress (spawnContention); it is ready after its serial part. */
  private beginStart(p: SimProcess, startupNs: number): void {
    if (startupNs > 0) {
      p.remaining = startupNs * (1 + (this.cost.spawnContention ?? 0) * this.starting);
      p.starting = true;
      this.starting++;
    }
    this.queue.push(this.startAt(startupNs), 0, EV_READY, p.id, 0);
  }

  /** When a spawned process can begin its start-up: after the serial part of every start before it. */
  private startAt(startupNs: number): number {
    const serial = this.cost.spawnSerialNs ?? 0;
    if (startupNs === 0 || serial === 0) return this.now;
    this.spawnerFreeAt = Math.max(this.now, this.spawnerFreeAt) + serial;
    return this.spawnerFreeAt;
  }

  /**
   * Gives p a core now if one is free; else, if p has just woken from a wait,
   * the core of a process it may preempt (WAKE_GRANULARITY_NS); else queues it.
   */
  makeReady(p: SimProcess, woken = false): void {
    if (p.state === DONE) return;
    this.setState(p, READY, -1);
    if (this.cores.freeCount > 0) {
      this.cores.take(p);
      this.queue.pushNow(EV_RUN, p.id, 0);
      return;
    }
    if (!woken) {
      this.ready.push(p);
      return;
    }
    // A waking process goes ahead of those that used up their time slice, and takes a core as
    // soon as one has been held for the wake-up granularity.
    // With others already waiting, every core has been looked at: none is held long enough yet, and
    // a check is due when the first will be (offerCore keeps that so as slices begin).
    const first = this.woken.length === 0;
    this.woken.push(p);
    if (first) this.preemptForWoken();
  }

  /** Preempts, for each woken process waiting, a core held long enough; else checks again when one will be. */
  private preemptForWoken(): void {
    while (this.woken.length > 0) {
      const c = this.cores.victim(this.now, WAKE_GRANULARITY_NS);
      if (c < 0) break;
      this.preempt(c, this.woken.shift()!);
    }
    if (this.woken.length === 0) return;
    const at = this.cores.nextEligible(this.now, WAKE_GRANULARITY_NS);
    if (at > this.now && at < this.preemptCheckAt) {
      this.preemptCheckAt = at;
      this.queue.push(at, 0, EV_PREEMPT, -1, 0);
    }
  }

  /** Gives core c to p, its holder going back to the ready queue at the front with the work it has done. */
  private preempt(c: number, p: SimProcess): void {
    const victim = this.cores.holder[c]!;
    const done = victim.sliceLength - (this.cores.sliceEnd[c]! - this.now);
    victim.remaining -= done;
    victim.quantumLeft -= done;
    victim.sliceSeq++;
    victim.preempted = true;
    this.setState(victim, READY, -1);
    this.cores.vacate(victim);
    this.ready.unshift(victim);
    this.trace?.op(this.now, victim.id, 'preempt', -1, p.id);
    this.cores.assign(c, p);
    this.queue.pushNow(EV_RUN, p.id, 0);
  }

  private releaseCore(p: SimProcess): void {
    if (p.core < 0) return;
    const c = this.cores.vacate(p);
    const next = this.woken.length > 0 ? this.woken.shift() : this.ready.shift();
    if (next) {
      this.cores.assign(c, next);
      this.queue.pushNow(EV_RUN, next.id, 0);
    } else this.cores.release(c);
  }

  /** Work on a core for ns (compute, or an overhead); the process goes on after. */
  startBusy(p: SimProcess, ns: number): void {
    p.remaining = ns;
    this.continueBusy(p);
  }

  /** Runs the next slice of p's work, unless its time slice is used up and another process waits for a core. */
  private continueBusy(p: SimProcess): void {
    if (p.quantumLeft <= 0) {
      if (this.ready.length > 0 || this.woken.length > 0) {
        this.setState(p, READY, -1);
        this.releaseCore(p);
        this.ready.push(p);
        return;
      }
      p.quantumLeft = this.quantumNs;
    }
    this.scheduleSlice(p);
  }

  private scheduleSlice(p: SimProcess): void {
    p.sliceLength = p.remaining < p.quantumLeft ? p.remaining : p.quantumLeft;
    this.cores.sliceEnd[p.core] = this.now + p.sliceLength;
    this.queue.push(this.now + p.sliceLength, 0, EV_SLICE, p.id, p.sliceSeq);
    if (this.woken.length > 0) this.offerCore(p);
  }

  /**
   * p has begun a slice of work while woken processes wait for a core: its
   * core is theirs now if p has held it long enough, else a check is due when
   * it will have. (Every other core was offered when its own slice began, so
   * looking at this one alone is enough, and cheap on a busy run.)
   */
  private offerCore(p: SimProcess): void {
    const c = p.core;
    const at = this.cores.turnSince[c]! + WAKE_GRANULARITY_NS;
    if (at <= this.now) this.preempt(c, this.woken.shift()!);
    else if (at < this.cores.sliceEnd[c]! && at < this.preemptCheckAt) {
      this.preemptCheckAt = at;
      this.queue.push(at, 0, EV_PREEMPT, -1, 0);
    }
  }

  /** Waits without a core for ns. */
  sleep(p: SimProcess, ns: number): void {
    this.setState(p, SLEEPING, -1);
    this.releaseCore(p);
    this.queue.push(this.now + ns, 0, EV_READY, p.id, WOKEN);
  }

  /** Lets every other event of this instant run first, keeping the core. */
  yieldNow(p: SimProcess): void {
    this.queue.push(this.now, 1, EV_RUN, p.id, 0);
  }

  /** Blocks p on a wait; it gives up its core. The primitive wakes it, or the timeout does. */
  block(p: SimProcess, reason: WaitReason, resource: number, timeoutNs: number | null): void {
    // (Tested here, on the hot path, not only in the counts: most processes release no semaphore.)
    if (p.countedFree) this.waitEnders.uncount(p);
    p.waiting = reason;
    p.waitTimesOut = timeoutNs !== null;
    p.waitSince = this.now;
    this.setState(p, BLOCKED, resource);
    if (p.countedFree) this.waitEnders.count(p);
    this.releaseCore(p);
    if (timeoutNs !== null) this.queue.push(this.now + timeoutNs, 0, EV_TIMEOUT, p.id, p.token);
    if (reason.kind !== 'pool-idle' && !p.isPoolWorker) {
      const cycle = detectCycleFrom(this, p);
      if (cycle) reportCycle(this, cycle);
    }
  }

  /** Wakes a blocked process: its step resumes with `phase`; ready after the wake-up cost. */
  wake(p: SimProcess, phase: number, by: SimProcess | null): void {
    p.token++;
    p.phase = phase;
    if (p.countedFree) this.waitEnders.uncount(p);
    p.waiting = null;
    if (p.countedFree) this.waitEnders.count(p);
    this.trace?.op(this.now, p.id, 'wake', p.stateResource, by ? by.id : -1);
    const delay = by && by !== p ? this.cost.wakeNs : 0;
    if (delay > 0) this.queue.push(this.now + delay, 0, EV_READY, p.id, WOKEN);
    else this.makeReady(p, true);
  }

  private timeout(p: SimProcess): void {
    const ins = p.code[p.pc];
    // Pool waits have no timeout; a step that is gone has nothing to undo.
    if (p.waiting?.kind === 'pool' || !ins) return;
    this.trace?.op(this.now, p.id, 'timeout', p.stateResource, -1);
    const r = p.stateResource;
    const state = this.res[r];
    // Each primitive takes the waiter off its queue; then the step ends without success.
    switch (state?.kind) {
      case 'lock':
      case 'rlock':
      case 'semaphore':
        state.waiters.remove(p);
        break;
      case 'event':
        state.waiters.splice(state.waiters.indexOf(p), 1);
        break;
      case 'queue':
        if (!state.getters.remove(p)) state.putters.remove(p);
        break;
      case 'barrier':
        // A barrier wait that times out breaks the barrier for everyone, as in Python.
        state.waiting.splice(state.waiting.indexOf(p), 1);
        state.broken = true;
        for (const other of state.waiting.splice(0)) this.wake(other, PHASE_TIMED_OUT, p);
        break;
      case 'condition':
        conditionTimeout(this, p, r);
        return;
      default:
        break;
    }
    this.wake(p, PHASE_TIMED_OUT, null);
  }

  /** The process has run its last step. */
  finish(p: SimProcess): void {
    if (p.countedFree) this.waitEnders.uncount(p);
    this.setState(p, DONE, -1);
    this.releaseCore(p);
    this.trace?.op(this.now, p.id, p.died ? 'died' : 'end', -1, -1);
    // Units it never gave back are lost with it (a semaphore's value stays down), and it is no longer a
    // holder the wait-for graph could follow: read whole at each wait, thousands of ended holders made it quadratic.
    if (p.semaphoreUnits > 0) dropEndedHolder(this, p);
    if (p.isPoolWorker) return;
    this.liveUser--;
    if (p.mayEndWaits) this.liveEnders[p.template]!.delete(p);
    const parent = p.parent;
    if (parent && parent.childEnded(p.template, p) === 0 && parent.state === BLOCKED && parent.waiting?.kind === 'join' && parent.waiting.t === p.template)
      this.wake(parent, 1, p);
  }

  /** Misuse: recorded as a finding, and the process stops, as Python's would raise. */
  misuse(p: SimProcess, r: number, what: string, ins: Instr): void {
    this.findings.push({
      kind: 'misuse',
      workers: this.workers,
      process: p.name,
      resource: this.program.resources[r]?.name ?? '',
      what,
      at_ms: this.now / 1e6,
      line: ins.at.line,
    });
    p.died = what;
    this.finish(p);
  }

  setState(p: SimProcess, state: number, resource: number): void {
    const was = p.state;
    if (was !== DONE) {
      // The time spent in the state left, added here rather than through a method (this runs on most
      // events, and a call costs the most before V8 has optimised the loop).
      const spent = this.now - p.stateSince;
      if (was === RUNNING) p.running += spent;
      else if (was === READY) p.readyNs += spent;
      else if (was === BLOCKED) {
        p.blockedNs += spent;
        // Added here for the resource it blocked on last, through addBlocked for any other resource (a
        // time passed to a call that V8 does not inline is boxed: a new heap number at each wait's end).
        if (p.stateResource >= 0) {
          if (p.stateResource === p.lastBlocked) p.lastBlockedNs += spent;
          else p.addBlocked(p.stateResource, spent);
        }
      } else p.sleepingNs += spent;
      if (this.trace !== null) this.trace.span(p.id, was, p.stateSince, this.now, p.stateResource);
    }
    p.state = state;
    p.stateSince = this.now;
    p.stateResource = resource;
  }

  private closeSpans(): void {
    for (const p of this.procs) {
      if (p.state === DONE) continue;
      // A process blocked for good gets a `stuck` op, so views can draw its wait past the end.
      if (this.outcome === 'stuck' && p.state === BLOCKED && !p.isPoolWorker) this.trace?.op(this.now, p.id, 'stuck', p.stateResource, -1);
      this.setState(p, p.state, p.stateResource);
    }
  }

  count(c: Count, p: SimProcess): number {
    return c.kind === 'geometric' ? this.rng.geometric(c.p) : evalExpr(c.expr, p.env);
  }

  duration(d: Duration): number {
    return this.rng.duration(d);
  }

  /** Records that `r` was taken while `p` held its other locks. */
  noteLockOrder(p: SimProcess, r: number, line: number): void {
    for (const held of p.heldLocks) {
      if (held === r) continue;
      const key = `${held},${r}`;
      if (!this.lockOrder.has(key)) this.lockOrder.set(key, { process: p, line });
    }
  }

  /** Runs p's steps until it needs time, blocks or ends. */
  interpret(p: SimProcess): void {
    if (p.isPoolWorker) {
      runPoolWorker(this, p);
      return;
    }
    const code = p.code;
    const ops = p.ops;
    for (let steps = 0; ; steps++) {
      if (p.pc >= code.length) {
        this.finish(p);
        return;
      }
      if (steps === STEPS_PER_TURN) {
        // A turn of zero-time steps: past STEPS_WITHOUT_TIME of them at one instant, time stands still.
        if (++this.turnsAtInstant * STEPS_PER_TURN > STEPS_WITHOUT_TIME) {
          this.outcome = 'event_limit';
          this.stopped = true;
          return;
        }
        this.yieldNow(p);
        return;
      }
      switch (ops[p.pc]) {
        case OPCODE.loop: {
          const ins = code[p.pc] as Step<'loop'>;
          const bound = ins.bound;
          if (p.phase === PHASE_START) {
            // Entering the loop: set its counter.
            const n = bound.kind === 'count' ? this.count(bound.count, p) : 0;
            if (n < 0) {
              this.misuse(p, -1, negativeCount('repeats', n, p), ins);
              return;
            }
            p.loops[ins.slot] = n;
          }
          p.phase = PHASE_START;
          let again: boolean;
          if (bound.kind === 'count') again = p.loops[ins.slot]! > 0;
          else if (bound.kind === 'forever') again = true;
          else again = (this.res[bound.event] as EventState).set;
          if (again) {
            if (bound.kind === 'count') p.loops[ins.slot]!--;
            p.pc++;
          } else p.pc = ins.end;
          break;
        }
        case OPCODE.next: {
          const ins = code[p.pc] as Step<'next'>;
          // Back to the head, which must not reset the counter: phase marks a pass.
          p.pc = ins.head;
          p.phase = 1;
          break;
        }
        case OPCODE.compute: {
          const ins = code[p.pc] as Step<'compute'>;
          p.pc++;
          const d = ins.d;
          const ns = d.kind === 'fixed' ? d.ns : this.rng.duration(d);
          if (ns > 0) {
            // startBusy's two lines, without the call (the step most runs take most often).
            p.remaining = ns;
            this.continueBusy(p);
            return;
          }
          break;
        }
        case OPCODE.acquire: {
          // A lock or an rlock (opcodesOf).
          if (!acquireLock(this, p, code[p.pc] as Step<'acquire'>)) return;
          break;
        }
        case ACQUIRE_SEMAPHORE: {
          if (!acquireSemaphore(this, p, code[p.pc] as Step<'acquire'>)) return;
          break;
        }
        case OPCODE.release: {
          if (!releaseLock(this, p, code[p.pc] as Step<'release'>)) return;
          break;
        }
        case RELEASE_SEMAPHORE: {
          if (!releaseSemaphore(this, p, code[p.pc] as Step<'release'>)) return;
          break;
        }
        case OPCODE.sleep: {
          const ins = code[p.pc] as Step<'sleep'>;
          p.pc++;
          this.sleep(p, this.rng.duration(ins.d));
          return;
        }
        case OPCODE.wait: {
          const ins = code[p.pc] as Step<'wait'>;
          const kind = this.res[ins.r]!.kind;
          const go = kind === 'event' ? eventWait(this, p, ins) : kind === 'barrier' ? acquireBarrierWait(this, p, ins) : conditionWait(this, p, ins);
          if (!go) return;
          break;
        }
        case OPCODE.set: {
          const ins = code[p.pc] as Step<'set'>;
          eventSet(this, p, ins.r);
          p.pc++;
          break;
        }
        case OPCODE.clear: {
          const ins = code[p.pc] as Step<'clear'>;
          eventClear(this, p, ins.r);
          p.pc++;
          break;
        }
        case OPCODE.notify:
        case OPCODE.notify_all: {
          const ins = code[p.pc] as Step<'notify' | 'notify_all'>;
          if (!conditionNotify(this, p, ins)) return;
          break;
        }
        case OPCODE.put: {
          const ins = code[p.pc] as Step<'put'>;
          if (!queuePut(this, p, ins)) return;
          break;
        }
        case OPCODE.get: {
          const ins = code[p.pc] as Step<'get'>;
          if (!queueGet(this, p, ins)) return;
          break;
        }
        case OPCODE.add: {
          const ins = code[p.pc] as Step<'add'>;
          if (!addToValue(this, p, ins)) return;
          break;
        }
        case OPCODE.spawn: {
          const ins = code[p.pc] as Step<'spawn'>;
          const n = ins.count ? this.count(ins.count, p) : evalExpr(this.program.templates[ins.t]!.count, p.env);
          if (n < 0) {
            this.misuse(p, -1, negativeCount(`spawns ${this.program.templates[ins.t]!.name}`, n, p), ins);
            return;
          }
          for (let i = 0; i < n && !this.stopped; i++) this.startProcess(ins.t, i, p, this.cost.spawnNs);
          // Cut short at the limit of processes: the spawner stays at its spawn, which is still ahead of it
          // (gone past, its later steps were taken as never to come, and a deadlock they would end was reported).
          if (this.stopped) return;
          this.trace?.op(this.now, p.id, 'spawn', -1, -1);
          p.pc++;
          break;
        }
        case OPCODE.join: {
          const ins = code[p.pc] as Step<'join'>;
          if (p.phase !== PHASE_START) {
            p.phase = PHASE_START;
            p.pc++;
            break;
          }
          if (p.unfinishedChildren(ins.t).size === 0) {
            p.pc++;
            break;
          }
          this.block(p, { kind: 'join', t: ins.t }, -1, null);
          return;
        }
        case OPCODE.pool: {
          const ins = code[p.pc] as Step<'pool'>;
          if (!poolCall(this, p, ins)) return;
          break;
        }
        case OPCODE.apply_async: {
          const ins = code[p.pc] as Step<'apply_async'>;
          applyAsync(this, p, ins);
          p.pc++;
          break;
        }
        case OPCODE.wait_pool: {
          if (!waitPool(this, p)) return;
          break;
        }
        default: {
          throw new Error(`no interpreter for step ${JSON.stringify(code[p.pc])}`);
        }
      }
    }
  }
}
