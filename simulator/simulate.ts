import type { Program } from './profile/ir.js';
import { amdahlSpeedup, estimateWork } from './profile/work-estimate.js';
import { NO_OVERHEADS, type CostModel } from './engine/cost-model.js';
import { Engine, type Outcome } from './engine/engine.js';
import type { CycleLink, Finding, LockOrder } from './engine/findings.js';
import type { LockStats } from './engine/lock.js';
import { BLOCKED, type SimProcess } from './engine/sim-process.js';
import { blockedForGood, describeBlocked, detectCycleFrom, lastWaitBegan, reportCycle, searchAtEnd } from './engine/wait-for.js';
import { PROCESS_STATES, TRACE_VERSION, type Trace } from './trace/trace-format.js';

export interface SimulateOptions {
  /** Worker counts to run; default the profile's sweep. */
  readonly workers?: readonly number[];
  /** Virtual cores; default as many as the run has workers. */
  readonly cores?: number | null;
  /** Default the profile's seed. */
  readonly seed?: number;
  /** Default `none`, the ideal machine. */
  readonly cost?: CostModel;
  /** Time slice when more processes are runnable than cores; default 5 ms. */
  readonly quantumNs?: number;
  /** Keep a trace of each run with at most this many records; 0 (default) keeps none. */
  readonly traceCap?: number;
  /** Give up a run after this many events; default 200 million. */
  readonly maxEvents?: number;
}

export const DEFAULT_QUANTUM_NS = 5_000_000;
export const DEFAULT_MAX_EVENTS = 200_000_000;

/** Per lock or semaphore: how often it was taken, and the waiting and holding. */
export interface LockSummary {
  readonly acquisitions: number;
  readonly contended: number;
  readonly wait_ms: number;
  readonly max_wait_ms: number;
  readonly hold_ms: number;
}

/** Per process template (instances together): time in each state. */
export interface ProcessSummary {
  readonly instances: number;
  readonly running_ms: number;
  readonly ready_ms: number;
  readonly blocked_ms: number;
  readonly sleeping_ms: number;
  /** Blocked time by what was waited on. */
  readonly blocked_on: Readonly<Record<string, number>>;
}

export interface SimulatedRun {
  readonly makespan_ms: number;
  /** Against the one-worker run; null unless both ran to completion. */
  readonly speedup: number | null;
  /** Speedup per worker; null with speedup. */
  readonly efficiency: number | null;
  readonly outcome: Outcome;
  readonly deadlock: { readonly cycle: readonly CycleLink[] } | null;
  readonly locks: Readonly<Record<string, LockSummary>>;
  readonly values: Readonly<Record<string, number | readonly number[]>>;
  readonly processes: Readonly<Record<string, ProcessSummary>>;
  readonly events: number;
  /** The trace kept of this run: its cap, and the records past it that were dropped; null when none was kept. */
  readonly trace: { readonly cap: number; readonly dropped: number } | null;
}

export interface RunEntry {
  readonly workers: number;
  readonly cores: number;
  readonly simulated: SimulatedRun;
  /** Amdahl's prediction from the profile's serial fraction; null where it cannot be computed. */
  readonly amdahl_speedup: number | null;
}

/** The result document of `interleave simulate` (DESIGN.md). */
export interface SimulationResult {
  readonly profile: string;
  readonly mode: 'simulate';
  readonly seed: number;
  readonly serial_fraction: number | null;
  readonly cost_model: { readonly name: string; readonly source: string };
  readonly quantum_ms: number;
  readonly runs: readonly RunEntry[];
  readonly findings: readonly Finding[];
}

export interface Simulation {
  readonly result: SimulationResult;
  /** One per run, in order, when a trace cap was given. */
  readonly traces: readonly Trace[];
}

interface OneRun {
  readonly engine: Engine;
  readonly findings: Finding[];
}

// `+ 0` turns the -0 an unused time field starts as (ZERO_NS) into 0.
const ms = (ns: number) => ns / 1e6 + 0;

/** Simulates one worker count. Deterministic: same program, options and seed, same run. */
function simulateOne(program: Program, workers: number, cores: number, seed: number, options: SimulateOptions): OneRun {
  const engine = new Engine(program, {
    workers,
    cores,
    seed,
    cost: options.cost ?? NO_OVERHEADS,
    quantumNs: options.quantumNs ?? DEFAULT_QUANTUM_NS,
    traceCap: options.traceCap ?? 0,
    maxEvents: options.maxEvents ?? DEFAULT_MAX_EVENTS,
  });
  const outcome = engine.run();
  const ended = searchAtEnd();
  if (outcome !== 'completed') {
    // Cycles not seen as they formed (or formed at the end), then whatever else cannot move. Whatever
    // ended the run (run_for, the event budget, the process limit): a releaser held up after a cycle
    // formed makes it a deadlock that was not looked at again then.
    for (const p of engine.procs) {
      if (p.state === BLOCKED && !p.isPoolWorker && !p.deadlocked) {
        // Where the run can go no further, a cycle through a semaphore is one too: nobody is left to release it.
        const cycle = detectCycleFrom(engine, p, outcome !== 'stuck', ended);
        if (cycle) reportCycle(engine, cycle);
      }
    }
  }
  const findings = [...engine.findings];
  const unexplained = (p: SimProcess) => p.state === BLOCKED && !p.isPoolWorker && !p.deadlocked;
  if (outcome === 'stuck') {
    const blocked = engine.procs.filter(unexplained);
    if (blocked.length > 0) findings.push({ kind: 'hang', workers, at_ms: ms(engine.endTime), blocked: blocked.map((p) => describeBlocked(engine, p)) });
  } else if (outcome !== 'completed') {
    // Stopped while others went on: those that nothing can ever free hang too, from when the last of them began to wait.
    const held = blockedForGood(engine, engine.procs.filter(unexplained), ended);
    if (held.length > 0) findings.push({ kind: 'hang', workers, at_ms: ms(lastWaitBegan(held)), blocked: held.map((p) => describeBlocked(engine, p)) });
  }
  findings.push(...lockOrderInversions(engine, findings));
  if (outcome === 'completed') findings.push(...lostUpdates(engine));
  return { engine, findings };
}

/** Cycles in the lock-order graph that no deadlock of this run already shows. */
function lockOrderInversions(engine: Engine, findings: readonly Finding[]): Finding[] {
  const edges = new Map<number, number[]>();
  for (const key of engine.lockOrder.keys()) {
    const [a, b] = key.split(',').map(Number) as [number, number];
    edges.set(a, [...(edges.get(a) ?? []), b]);
  }
  const names = engine.program.resources.map((r) => r.name);
  const deadlocked = new Set(findings.flatMap((f) => (f.kind === 'deadlock' ? f.cycle.flatMap((c) => [...c.holds, c.waits_for]) : [])));
  const out: Finding[] = [];
  const seen = new Set<string>();
  const starts = [...edges.keys()].sort((x, y) => x - y);
  for (const start of starts) {
    const cycle = lockCycleFrom(start, edges);
    if (!cycle) continue;
    const key = [...cycle].sort((x, y) => x - y).join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    const locks = cycle.map((r) => names[r]!);
    if (locks.every((l) => deadlocked.has(l))) continue;
    const orders: LockOrder[] = cycle.map((a, k) => {
      const b = cycle[(k + 1) % cycle.length]!;
      const edge = engine.lockOrder.get(`${a},${b}`)!;
      return { process: edge.process.name, first: names[a]!, then: names[b]!, line: edge.line };
    });
    out.push({ kind: 'lock_order_inversion', workers: engine.workers, locks, orders });
  }
  return out;
}

/**
 * A cycle of lock-order edges back to `start` through larger-numbered locks
 * only (so that each cycle is found once), depth first; null if none. With a
 * stack and a set of its own: recursing, and looking along the path for each
 * lock, a chain of 9,000 locks took seconds and neared the call stack's end.
 * A lock searched to its end without finding `start` is not searched again:
 * without that, locks taken nested in one order (every lock an edge to each
 * later one) took time doubling with each lock, 3.4 s for 26. (Searched again,
 * it would fail again: any way from it back to `start` passes through a lock
 * that was on the path when it was searched, and that lock's search, still
 * going on, finds a way back before this one comes up again; so the cycle
 * found is the one found before.)
 */
function lockCycleFrom(start: number, edges: ReadonlyMap<number, readonly number[]>): number[] | null {
  const path = [start];
  const onPath = new Set(path);
  const searched = new Set<number>();
  // Per lock of the path, which of its edges to follow next.
  const tried = [0];
  while (path.length > 0) {
    const outs = edges.get(path[path.length - 1]!) ?? [];
    const k = tried[tried.length - 1]!++;
    if (k === outs.length) {
      const done = path.pop()!;
      onPath.delete(done);
      searched.add(done);
      tried.pop();
      continue;
    }
    const next = outs[k]!;
    if (next === start) return path;
    if (next > start && !onPath.has(next) && !searched.has(next)) {
      path.push(next);
      onPath.add(next);
      tried.push(0);
    }
  }
  return null;
}

function lostUpdates(engine: Engine): Finding[] {
  const out: Finding[] = [];
  for (const e of engine.program.expect) {
    const s = engine.res[e.r]!;
    if (s.kind !== 'value') continue;
    const resource = engine.program.resources[e.r]!;
    const actual = resource.kind === 'value' ? s.values[0]! : [...s.values];
    const same = Array.isArray(e.value) ? JSON.stringify(e.value) === JSON.stringify(actual) : e.value === actual;
    if (!same) out.push({ kind: 'lost_update', workers: engine.workers, resource: resource.name, expected: e.value, actual, line: e.at.line });
  }
  return out;
}

function summarize(engine: Engine, baseline: Baseline): SimulatedRun {
  const program = engine.program;
  const locks: Record<string, LockSummary> = {};
  const values: Record<string, number | readonly number[]> = {};
  engine.res.forEach((s, r) => {
    const resource = program.resources[r]!;
    if (s.kind === 'lock' || s.kind === 'rlock') {
      // A lock still held at the end (a deadlock, a time limit) was held until then.
      const open = s.owner ? engine.endTime - s.acquiredAt : 0;
      locks[resource.name] = lockSummary({ ...s.stats, holdNs: s.stats.holdNs + open });
    }
    if (s.kind === 'semaphore') {
      const open = [...s.acquiredAt.values()].flat().reduce((sum, t) => sum + engine.endTime - t, 0);
      locks[resource.name] = lockSummary({ ...s.stats, holdNs: s.stats.holdNs + open });
    }
    if (s.kind === 'value') values[resource.name] = resource.kind === 'value' ? s.values[0]! : [...s.values];
  });
  const processes: Record<string, ProcessSummary> = {};
  const groups = new Map<string, { instances: number; timeIn: number[]; blockedOn: Map<string, number> }>();
  for (const p of engine.procs) {
    const key = p.isPoolWorker ? 'pool' : program.templates[p.template]!.name;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { instances: 0, timeIn: [0, 0, 0, 0], blockedOn: new Map() }));
    g.instances++;
    const timeIn = p.timeIn; // (a new array at each read)
    for (let k = 0; k < 4; k++) g.timeIn[k]! += timeIn[k]!;
    for (const [r, ns] of p.blockedOn) {
      const name = program.resources[r]!.name;
      g.blockedOn.set(name, (g.blockedOn.get(name) ?? 0) + ns);
    }
  }
  for (const [name, g] of groups) {
    processes[name] = {
      instances: g.instances,
      running_ms: ms(g.timeIn[PROCESS_STATES.indexOf('running')]!),
      ready_ms: ms(g.timeIn[PROCESS_STATES.indexOf('ready')]!),
      blocked_ms: ms(g.timeIn[PROCESS_STATES.indexOf('blocked')]!),
      sleeping_ms: ms(g.timeIn[PROCESS_STATES.indexOf('sleeping')]!),
      blocked_on: Object.fromEntries([...g.blockedOn].map(([n, ns]) => [n, ms(ns)])),
    };
  }
  const makespan = engine.endTime;
  const comparable = engine.outcome === 'completed' && baseline.outcome === 'completed';
  const speedup = !comparable ? null : makespan > 0 ? baseline.endTime / makespan : 1;
  const deadlock = engine.findings.find((f) => f.kind === 'deadlock');
  return {
    makespan_ms: ms(makespan),
    speedup,
    efficiency: speedup === null ? null : speedup / engine.workers,
    outcome: engine.outcome,
    deadlock: deadlock && deadlock.kind === 'deadlock' ? { cycle: deadlock.cycle } : null,
    locks,
    values,
    processes,
    events: engine.events,
    trace: engine.trace ? { cap: engine.trace.cap, dropped: engine.trace.dropped } : null,
  };
}

function lockSummary(s: LockStats): LockSummary {
  return { acquisitions: s.acquisitions, contended: s.contended, wait_ms: ms(s.waitNs), max_wait_ms: ms(s.maxWaitNs), hold_ms: ms(s.holdNs) };
}

function traceOf(engine: Engine): Trace {
  const program = engine.program;
  const recorder = engine.trace!;
  return {
    version: TRACE_VERSION,
    clock: 'simulated',
    processes: engine.procs.map((p) => ({ id: p.id, name: p.name, template: p.isPoolWorker ? 'pool' : program.templates[p.template]!.name })),
    resources: program.resources.map((r, id) => ({ id, name: r.name, kind: r.kind })),
    spans: recorder.spans,
    ops: recorder.ops,
    cap: recorder.cap,
    dropped: recorder.dropped,
  };
}

/** The one-worker run every speedup is measured against: when it ended, and how. */
export interface Baseline {
  readonly endTime: number;
  readonly outcome: Outcome;
}

/** The sweep's runs, done; `finish` makes the result document. */
export interface Sweep {
  /**
   * Whether `finish` needs a one-worker baseline that the sweep did not run
   * (the sweep lacks 1). A caller may run it elsewhere, on another thread, with
   * `simulateBaseline` and the same program and options, and pass it in.
   */
  readonly needsBaseline: boolean;
  /** The sweep's own one-worker run, when it has one: the baseline of another sweep of the same program and options. */
  readonly oneWorker: Baseline | null;
  /** The result document. Without `baseline`, runs the missing one-worker run here. */
  finish(baseline?: Baseline): Simulation;
}

/** Runs every worker count of the sweep. */
export function simulateSweep(program: Program, options: SimulateOptions = {}): Sweep {
  const sweep = options.workers ?? program.sweep;
  const seed = options.seed ?? program.seed;
  const coresFor = (workers: number) => options.cores ?? workers;
  const runs = sweep.map((workers) => ({ workers, run: simulateOne(program, workers, coresFor(workers), seed, options) }));
  const ran = runs.find((r) => r.workers === 1)?.run.engine;
  return {
    needsBaseline: ran === undefined,
    oneWorker: ran ? { endTime: ran.endTime, outcome: ran.outcome } : null,
    finish(baseline?: Baseline): Simulation {
      const one = ran ?? baseline ?? simulateBaseline(program, options);
      const work = estimateWork(program);
      const cost = options.cost ?? NO_OVERHEADS;
      const result: SimulationResult = {
        profile: program.name,
        mode: 'simulate',
        seed,
        serial_fraction: work.known ? work.serialFraction : null,
        cost_model: { name: cost.name, source: cost.source },
        quantum_ms: ms(options.quantumNs ?? DEFAULT_QUANTUM_NS),
        runs: runs.map(({ workers, run }) => ({
          workers,
          cores: coresFor(workers),
          simulated: summarize(run.engine, one),
          amdahl_speedup: work.known ? amdahlSpeedup(work.serialFraction, workers) : null,
        })),
        findings: runs.flatMap(({ run }) => run.findings),
      };
      const traces = options.traceCap ? runs.map(({ run }) => traceOf(run.engine)) : [];
      return { result, traces };
    },
  };
}

/** The one-worker run of a sweep that lacks one, alone (no trace, no findings: only its end). */
export function simulateBaseline(program: Program, options: SimulateOptions = {}): Baseline {
  const { engine } = simulateOne(program, 1, options.cores ?? 1, options.seed ?? program.seed, { ...options, traceCap: 0 });
  return { endTime: engine.endTime, outcome: engine.outcome };
}

/**
 * Simulates a program over its sweep and returns the result document. The
 * speedup of each run is against a one-worker run of the same program (run
 * for the purpose when the sweep lacks 1).
 */
export function simulate(program: Program, options: SimulateOptions = {}): Simulation {
  return simulateSweep(program, options).finish();
}
