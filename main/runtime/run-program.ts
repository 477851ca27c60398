import { Worker } from 'node:worker_threads';
import {
  evalExpr,
  firstWave,
  PROCESS_STATES,
  TRACE_VERSION,
  type BlockedProcess,
  type CycleLink,
  type Finding,
  type Program,
  type Span,
  type Trace,
} from '../../simulator/index.js';
import {
  H_GO,
  H_POOL_COUNT,
  H_READY,
  H_STOP,
  joinWord,
  MAX_REAL_PROCESSES,
  P_DEADLINE,
  P_STATE,
  P_WAIT_KIND,
  P_LINE,
  P_WAIT_RES,
  planLayout,
  procWord,
  PS_BLOCKED,
  PS_DONE,
  R_A,
  R_B,
  R_C,
  resWord,
  WK_BARRIER,
  WK_CONDITION,
  WK_EVENT,
  WK_JOIN,
  WK_LOCK,
  WK_POOL,
  WK_QUEUE_GET,
  WK_QUEUE_PUT,
  WK_SEMAPHORE,
  type Layout,
} from './layout.js';
import type { LockStatsOut, WorkerData, WorkerMessage, WorkerReport } from './worker-data.js';
import { workerScript } from './worker-script.js';

export interface RealRunOptions {
  readonly workers: number;
  readonly seed: number;
  /** The calibrated kernel speed. */
  readonly itersPerNs: number;
  /** Stop the run after this long (ms): a run never hangs its caller. */
  readonly timeoutMs: number;
  readonly traceCap: number;
  readonly valueGapNs: number;
  /** Cancels the run (Ctrl-C, or the app). */
  readonly signal?: AbortSignal;
}

export type RealOutcome = 'completed' | 'time_limit' | 'deadlock' | 'hang' | 'timeout' | 'cancelled' | 'crashed';

export interface RealRun {
  readonly outcome: RealOutcome;
  readonly makespanNs: number;
  readonly findings: Finding[];
  readonly locks: Record<string, { acquisitions: number; contended: number; wait_ms: number; max_wait_ms: number; hold_ms: number }>;
  readonly values: Record<string, number | number[]>;
  readonly processes: Record<
    string,
    { instances: number; running_ms: number; ready_ms: number; blocked_ms: number; sleeping_ms: number; blocked_on: Record<string, number> }
  >;
  readonly trace: Trace;
  /** Worker threads still alive when the run returned: always 0. */
  readonly threadsLeft: number;
}

interface Proc {
  readonly pid: number;
  readonly name: string;
  readonly template: number;
  readonly parent: number;
  readonly worker: Worker;
  /** When its start was asked for (a spawn step, the first pool call); null for the first wave, which starts at the gate. */
  readonly requestedNs: number | null;
  report: WorkerReport | null;
  exited: boolean;
}

const WATCH_MS = 25;
/** How long every live process must look stuck before it is called a hang. */
const HANG_MS = 400;

/**
 * Runs a program for real: one worker thread per process (and per pool
 * worker), every primitive in shared memory with real blocking. A watchdog
 * on this thread finds deadlocks and hangs from what each worker holds and
 * waits for, and stops the run; nothing is left running when it returns.
 */
export async function runProgram(program: Program, options: RealRunOptions): Promise<RealRun> {
  const layout = planLayout(program, options.workers, MAX_REAL_PROCESSES);
  const sab = new SharedArrayBuffer(layout.words * 4);
  const mem = new Int32Array(sab);
  initialise(program, layout, mem, options.workers);
  const script = workerScript();
  const procs: Proc[] = [];
  const findings: Finding[] = [];
  const counts = program.templates.map(() => 0);
  const children = new Map<string, number[]>();
  let liveUser = 0;
  let outcome: RealOutcome = 'completed';
  let stopAt: number | null = null;
  let overLimit = false;
  // The time origin is set when the start gate opens; until then it is the time of the call.
  const clock = new Float64Array(new SharedArrayBuffer(8));
  clock[0] = performance.timeOrigin + performance.now();
  let gateOpen = false;
  const ms = () => performance.timeOrigin + performance.now() - clock[0]!;

  let settle: () => void = () => {};
  const settled = new Promise<void>((resolve) => (settle = resolve));

  const stop = (why: RealOutcome) => {
    if (Atomics.load(mem, H_STOP) !== 0) return;
    if (outcome === 'completed') outcome = why;
    stopAt = ms();
    Atomics.store(mem, H_STOP, 1);
    // Wake every waiter so it sees the stop at once.
    for (let k = 0; k < layout.words; k++) Atomics.notify(mem, k);
  };

  // The run passes the processes it may start: said once (every start after it would say the same), and the run stops.
  const passLimit = (template: number): void => {
    if (overLimit) return;
    overLimit = true;
    findings.push({
      kind: 'crash',
      workers: options.workers,
      process: program.templates[template]?.name ?? 'pool',
      message: `more than ${layout.maxProcesses} processes in one real run; that is the limit`,
      at_ms: ms(),
    });
    stop('crashed');
  };

  const start = (template: number, i: number, parent: number, requestedNs: number | null): void => {
    const pid = procs.length;
    if (pid >= layout.maxProcesses) return passLimit(template);
    const t = program.templates[template];
    const single = t !== undefined && (program.main === template || evalExpr(t.count, { workers: options.workers, i: 0 }) === 1);
    const name = t === undefined ? `pool[${i}]` : single && counts[template] === 0 ? t.name : `${t.name}[${counts[template]}]`;
    if (t) counts[template]!++;
    const data: WorkerData = {
      program,
      layout,
      sab,
      pid,
      template,
      i,
      parent,
      workers: options.workers,
      itersPerNs: options.itersPerNs,
      seed: options.seed,
      clock: clock.buffer as SharedArrayBuffer,
      gated: !gateOpen,
      traceCap: Math.max(1000, Math.floor(options.traceCap / 16)),
      valueGapNs: options.valueGapNs,
    };
    const worker = new Worker(script.url, { workerData: data, execArgv: script.execArgv });
    const proc: Proc = { pid, name, template, parent, worker, requestedNs, report: null, exited: false };
    procs.push(proc);
    if (template >= 0) {
      liveUser++;
      if (parent >= 0) {
        const key = `${parent},${template}`;
        children.set(key, [...(children.get(key) ?? []), pid]);
      }
    }
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'spawn') {
        // Once stopping, nothing more starts; a spawn that would pass the limit stops the run before
        // starting any of it (a process spawning 100,000 at a time in a loop flooded this thread with
        // requests while it started the first few hundred threads, and the run never ended).
        if (Atomics.load(mem, H_STOP) !== 0) return;
        if (procs.length + m.count > layout.maxProcesses) return passLimit(m.template);
        for (let k = 0; k < m.count; k++) start(m.template, k, m.parent, m.atNs);
        return;
      }
      if (m.type === 'pool') {
        const size = program.poolWorkers ? evalExpr(program.poolWorkers, { workers: options.workers, i: 0 }) : options.workers;
        for (let k = 0; k < size; k++) start(-1, k, -1, m.atNs);
        return;
      }
      proc.report = m;
      if (proc.template >= 0) {
        liveUser--;
        if (liveUser === 0) stop('completed');
      }
    });
    worker.on('error', (e) => {
      findings.push({ kind: 'crash', workers: options.workers, process: name, message: e.message, at_ms: ms() });
      if (proc.template >= 0 && !proc.report) liveUser--;
      stop('crashed');
    });
    worker.on('exit', () => {
      proc.exited = true;
      if (procs.every((p) => p.exited)) settle();
    });
  };

  // Start main, or every template no other spawns; the pool starts at the first pool call.
  for (const { template, count } of firstWave(program, options.workers)) for (let k = 0; k < count; k++) start(template, k, -1, null);
  // Open the start gate once the first wave has loaded (worker start-up is not the program's time).
  const started = procs.length;
  while (Atomics.load(mem, H_READY) < started && Atomics.load(mem, H_STOP) === 0 && procs.some((p) => !p.exited)) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  clock[0] = performance.timeOrigin + performance.now();
  gateOpen = true;
  Atomics.store(mem, H_GO, 1);
  Atomics.notify(mem, H_GO);
  if (liveUser === 0) stop('completed');

  // The watchdog, the time limits and cancellation.
  let stuckSince: number | null = null;
  const watchdog = setInterval(() => {
    if (Atomics.load(mem, H_STOP) !== 0) return;
    const cycle = findCycle(program, layout, mem, procs, children);
    if (cycle) {
      findings.push({ kind: 'deadlock', workers: options.workers, at_ms: ms(), cycle });
      stop('deadlock');
      return;
    }
    const blocked = allStuck(layout, mem, procs);
    if (blocked) {
      stuckSince ??= ms();
      if (ms() - stuckSince >= HANG_MS) {
        findings.push({ kind: 'hang', workers: options.workers, at_ms: stuckSince, blocked: blocked.map((p) => describe(program, layout, mem, p)) });
        stop('hang');
      }
    } else stuckSince = null;
  }, WATCH_MS);
  const timers: NodeJS.Timeout[] = [];
  if (program.runForNs !== null) timers.push(setTimeout(() => stop('time_limit'), program.runForNs / 1e6));
  timers.push(
    setTimeout(() => {
      const live = procs.filter((p) => p.template >= 0 && Atomics.load(mem, procWord(layout, p.pid, P_STATE)) === PS_BLOCKED);
      findings.push({ kind: 'timeout', workers: options.workers, at_ms: ms(), blocked: live.map((p) => describe(program, layout, mem, p)) });
      stop('timeout');
    }, options.timeoutMs),
  );
  const onAbort = () => stop('cancelled');
  options.signal?.addEventListener('abort', onAbort);
  if (options.signal?.aborted) stop('cancelled');

  // Once stopped, every worker reports and exits; any that does not within 2 s is terminated.
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (Atomics.load(mem, H_STOP) !== 0) {
        clearInterval(check);
        resolve();
      }
    }, 5);
  });
  const hard = setTimeout(() => procs.forEach((p) => void p.worker.terminate()), 2000);
  if (!procs.every((p) => p.exited)) await settled;
  clearTimeout(hard);
  clearInterval(watchdog);
  timers.forEach(clearTimeout);
  options.signal?.removeEventListener('abort', onAbort);

  const userReports = procs.filter((p) => p.template >= 0 && p.report).map((p) => p.report!);
  // The program's time runs from its first process's first step (the threads woken at the
  // start gate take a fraction of a millisecond to run) to the last process's end.
  const firstStart = Math.min(...procs.slice(0, started).flatMap((p) => (p.template >= 0 && p.report ? [p.report.startNs] : [])));
  const origin = Number.isFinite(firstStart) ? Math.max(0, firstStart) : 0;
  const makespanNs = outcome === 'completed' ? Math.max(0, ...userReports.map((r) => r.endNs)) - origin : (stopAt ?? ms()) * 1e6 - origin;
  for (const p of procs) {
    for (const m of p.report?.misuse ?? []) {
      findings.push({
        kind: 'misuse',
        workers: options.workers,
        process: p.name,
        resource: program.resources[m.resource]?.name ?? '',
        what: m.what,
        at_ms: m.atNs / 1e6,
        line: m.line,
      });
    }
  }
  const values = readValues(program, layout, mem);
  if (outcome === 'completed') findings.push(...lostUpdates(program, values, options.workers));
  return {
    outcome,
    makespanNs,
    findings,
    locks: mergeLocks(program, procs),
    values,
    processes: summarizeProcesses(program, procs),
    trace: buildTrace(program, procs),
    threadsLeft: procs.filter((p) => !p.exited).length,
  };
}

function initialise(program: Program, layout: Layout, mem: Int32Array, workers: number): void {
  const env = { workers, i: 0 };
  program.resources.forEach((r, index) => {
    if (r.kind === 'semaphore' || r.kind === 'bounded_semaphore') {
      const initial = evalExpr(r.initial, env);
      mem[resWord(layout, index, R_A)] = initial;
      mem[resWord(layout, index, R_B)] = initial;
      mem[resWord(layout, index, R_C)] = r.kind === 'bounded_semaphore' ? 1 : 0;
    } else if (r.kind === 'value') {
      mem[layout.cells.get(index)!.base] = r.initial;
    }
  });
}

function readValues(program: Program, layout: Layout, mem: Int32Array): Record<string, number | number[]> {
  const out: Record<string, number | number[]> = {};
  program.resources.forEach((r, index) => {
    const cells = layout.cells.get(index);
    if (!cells) return;
    const values = Array.from(mem.subarray(cells.base, cells.base + cells.length));
    out[r.name] = r.kind === 'value' ? values[0]! : values;
  });
  return out;
}

function lostUpdates(program: Program, values: Record<string, number | number[]>, workers: number): Finding[] {
  return program.expect.flatMap((e): Finding[] => {
    const resource = program.resources[e.r]!;
    const actual = values[resource.name]!;
    return JSON.stringify(actual) === JSON.stringify(e.value)
      ? []
      : [{ kind: 'lost_update', workers, resource: resource.name, expected: e.value, actual, line: e.at.line }];
  });
}

/** What each blocked process waits on, and who could release it (lock owners, unfinished children). */
function holders(layout: Layout, mem: Int32Array, procs: readonly Proc[], children: ReadonlyMap<string, number[]>, p: Proc): number[] {
  const kind = Atomics.load(mem, procWord(layout, p.pid, P_WAIT_KIND));
  const r = Atomics.load(mem, procWord(layout, p.pid, P_WAIT_RES));
  if (kind === WK_LOCK) {
    // A lock that reads as free is being handed over, not part of a cycle.
    if (Atomics.load(mem, resWord(layout, r, R_A)) === 0) return [];
    const owner = Atomics.load(mem, resWord(layout, r, R_B)) - 1;
    return owner >= 0 ? [owner] : [];
  }
  if (kind === WK_JOIN)
    return (children.get(`${p.pid},${r}`) ?? []).filter((c) => Atomics.load(mem, procWord(layout, c, P_STATE)) !== PS_DONE && procs[c] !== undefined);
  return [];
}

function findCycle(program: Program, layout: Layout, mem: Int32Array, procs: readonly Proc[], children: ReadonlyMap<string, number[]>): CycleLink[] | null {
  const isBlocked = (pid: number) =>
    Atomics.load(mem, procWord(layout, pid, P_STATE)) === PS_BLOCKED && Atomics.load(mem, procWord(layout, pid, P_DEADLINE)) === 0;
  for (const start of procs) {
    if (start.template < 0 || !isBlocked(start.pid)) continue;
    const path: Proc[] = [];
    const seen = new Set<number>();
    const visit = (p: Proc): boolean => {
      path.push(p);
      for (const h of holders(layout, mem, procs, children, p)) {
        if (h === start.pid) return true;
        if (!seen.has(h) && isBlocked(h)) {
          seen.add(h);
          if (visit(procs[h]!)) return true;
        }
      }
      path.pop();
      return false;
    };
    if (!visit(start)) continue;
    // Read twice: a cycle seen in the middle of a hand-off would not still be there.
    if (!path.every((p) => isBlocked(p.pid))) continue;
    return path.map((p) => {
      const d = describe(program, layout, mem, p);
      return { process: d.process, holds: d.holds, waits_for: d.waits_for, line: d.line };
    });
  }
  return null;
}

function allStuck(layout: Layout, mem: Int32Array, procs: readonly Proc[]): Proc[] | null {
  const users = procs.filter((p) => p.template >= 0 && !p.report);
  if (users.length === 0) return null;
  for (const p of users) {
    if (Atomics.load(mem, procWord(layout, p.pid, P_STATE)) !== PS_BLOCKED) return null;
    if (Atomics.load(mem, procWord(layout, p.pid, P_DEADLINE)) !== 0) return null;
    // Waiting on the pool is not stuck while the pool has work or is working.
    if (Atomics.load(mem, procWord(layout, p.pid, P_WAIT_KIND)) === WK_POOL) return null;
  }
  if (Atomics.load(mem, H_POOL_COUNT) !== 0) return null;
  return users;
}

const WAIT_NAMES: Readonly<Record<number, string>> = {
  [WK_LOCK]: 'lock',
  [WK_SEMAPHORE]: 'semaphore',
  [WK_EVENT]: 'event',
  [WK_CONDITION]: 'condition',
  [WK_BARRIER]: 'barrier',
  [WK_QUEUE_GET]: 'queue get',
  [WK_QUEUE_PUT]: 'queue put',
  [WK_JOIN]: 'join',
  [WK_POOL]: 'pool',
};

function describe(program: Program, layout: Layout, mem: Int32Array, p: Proc): BlockedProcess {
  const kind = Atomics.load(mem, procWord(layout, p.pid, P_WAIT_KIND));
  const r = Atomics.load(mem, procWord(layout, p.pid, P_WAIT_RES));
  const holds = program.resources.flatMap((res, index) =>
    (res.kind === 'lock' || res.kind === 'rlock') && Atomics.load(mem, resWord(layout, index, R_B)) === p.pid + 1 ? [res.name] : [],
  );
  const waits_for = kind === WK_JOIN ? `join:${program.templates[r]?.name ?? ''}` : kind === WK_POOL ? 'pool' : (program.resources[r]?.name ?? '');
  const line = Atomics.load(mem, procWord(layout, p.pid, P_LINE));
  return { process: p.name, waits_for, on: WAIT_NAMES[kind] ?? 'nothing', holds, line: line > 0 ? line : null };
}

function mergeLocks(program: Program, procs: readonly Proc[]): RealRun['locks'] {
  const total = new Map<number, LockStatsOut>();
  for (const p of procs) {
    for (const [r, s] of Object.entries(p.report?.locks ?? {})) {
      const t = total.get(Number(r)) ?? { acquisitions: 0, contended: 0, waitNs: 0, maxWaitNs: 0, holdNs: 0 };
      t.acquisitions += s.acquisitions;
      t.contended += s.contended;
      t.waitNs += s.waitNs;
      t.maxWaitNs = Math.max(t.maxWaitNs, s.maxWaitNs);
      t.holdNs += s.holdNs;
      total.set(Number(r), t);
    }
  }
  const out: RealRun['locks'] = {};
  program.resources.forEach((res, r) => {
    if (res.kind !== 'lock' && res.kind !== 'rlock' && res.kind !== 'semaphore' && res.kind !== 'bounded_semaphore') return;
    const s = total.get(r) ?? { acquisitions: 0, contended: 0, waitNs: 0, maxWaitNs: 0, holdNs: 0 };
    out[res.name] = { acquisitions: s.acquisitions, contended: s.contended, wait_ms: s.waitNs / 1e6, max_wait_ms: s.maxWaitNs / 1e6, hold_ms: s.holdNs / 1e6 };
  });
  return out;
}

function summarizeProcesses(program: Program, procs: readonly Proc[]): RealRun['processes'] {
  const out: RealRun['processes'] = {};
  for (const p of procs) {
    const key = p.template < 0 ? 'pool' : program.templates[p.template]!.name;
    const g = (out[key] ??= { instances: 0, running_ms: 0, ready_ms: 0, blocked_ms: 0, sleeping_ms: 0, blocked_on: {} });
    g.instances++;
    const t = p.report?.timeIn ?? [0, 0, 0, 0];
    // Its start-up counts as running, as the trace draws it and the simulator counts its spawn cost.
    g.running_ms += (t[0]! + startUpNs(p)) / 1e6;
    g.ready_ms += t[1]! / 1e6;
    g.blocked_ms += t[2]! / 1e6;
    g.sleeping_ms += t[3]! / 1e6;
    for (const [r, ns] of Object.entries(p.report?.blockedOn ?? {})) {
      const name = program.resources[Number(r)]!.name;
      g.blocked_on[name] = (g.blocked_on[name] ?? 0) + ns / 1e6;
    }
  }
  return out;
}

function buildTrace(program: Program, procs: readonly Proc[]): Trace {
  return {
    version: TRACE_VERSION,
    clock: 'measured',
    processes: procs.map((p) => ({ id: p.pid, name: p.name, template: p.template < 0 ? 'pool' : program.templates[p.template]!.name })),
    resources: program.resources.map((r, id) => ({ id, name: r.name, kind: r.kind })),
    spans: procs.flatMap((p) => [
      ...startUp(p),
      ...(p.report?.spans ?? []).filter(([state]) => state < PROCESS_STATES.length).map(([state, s, e, r]) => [p.pid, state, s, e, r] as const),
    ]),
    ops: procs.flatMap((p) => [
      // As the simulator's: each process's start (not a pool worker's), with the process that spawned it.
      ...(p.report && p.template >= 0 ? [[p.requestedNs ?? p.report.startNs, p.pid, 'start', -1, p.parent] as const] : []),
      ...(p.report?.ops ?? []).map(([t, op, r]) => [t, p.pid, op, r, -1] as const),
    ]),
    cap: procs.length * 1000,
    dropped: procs.reduce((sum, p) => sum + (p.report?.dropped ?? 0), 0),
  };
}

/**
 * A process started after the gate (spawned, or a pool worker) spends the time
 * from its request to its first step starting up: a thread made, its code
 * loaded. That is drawn as running, as the simulator draws its spawn cost
 * (work on a core before the first step), so the two timelines line up.
 */
function startUp(p: Proc): Span[] {
  const ns = startUpNs(p);
  return ns > 0 ? [[p.pid, PROCESS_STATES.indexOf('running'), p.requestedNs!, p.report!.startNs, -1]] : [];
}

/** The time from a process's request to its first step; 0 for the first wave, or a process that never reported. */
function startUpNs(p: Proc): number {
  return p.requestedNs === null || !p.report ? 0 : Math.max(0, p.report.startNs - p.requestedNs);
}

export { joinWord };
