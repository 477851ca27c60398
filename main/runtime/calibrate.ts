import { mkdirSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { availableParallelism, hostname } from 'node:os';
import { Worker } from 'node:worker_threads';
import { LIMITS, parseCostModel, parseProfile, type CostModel, type Program } from '../../simulator/index.js';
import { writeFileAtomic } from '../atomic-write.js';
import { readSmallTextFile } from '../read-text-file.js';
import { calibratedModelPath } from './config-dir.js';
import { measureKernelSpeed } from './cpu-kernel.js';
import { fitWorkerStart, starterProfile, type StartModel, type StartSample } from './fit-worker-start.js';
import { tryLock, unlock } from './futex-lock.js';
import { MAX_REAL_PROCESSES } from './layout.js';
import { runProgram } from './run-program.js';

/** A measurement that went wrong: no cost model is written, and the message says why. */
export class CalibrationError extends Error {
  constructor(message: string) {
    super(`calibration failed: ${message}`);
  }
}

/** A cost model measured on this machine, with the kernel speed the runtime needs. */
export interface Calibration extends CostModel {
  /** CPU kernel iterations per nanosecond on one core. */
  readonly kernelItersPerNs: number;
  readonly measuredAt: string;
}

function program(yaml: string): Program {
  const parsed = parseProfile(yaml, 'calibration');
  if (!parsed.ok) throw new Error(`calibration profile: ${parsed.errors[0]!.message}`);
  return parsed.program;
}

/** Median of a few measurements, each from a fresh call. */
async function median(times: number, measure: () => Promise<number> | number): Promise<number> {
  const xs: number[] = [];
  for (let k = 0; k < times; k++) xs.push(await measure());
  xs.sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)]!;
}

/**
 * Starting `count` workers at once through the runtime itself, as a program
 * does: a main process spawns that many children with no steps and joins
 * them (the very program the simulator's side of the fit runs). When the
 * first child was up and when the last was, from main's first step.
 */
async function startWorkers(count: number): Promise<{ firstNs: number; allNs: number }> {
  const run = await runProgram(program(starterProfile(count)), {
    seed: 1,
    itersPerNs: 1,
    timeoutMs: 60_000,
    traceCap: 100 * count + 100,
    valueGapNs: 0,
    workers: 1,
  });
  const main = run.trace.processes.find((p) => p.template === 'main')!.id;
  const origin = Math.min(...run.trace.spans.filter(([p]) => p === main).map(([, , start]) => start));
  const ends = new Map<number, number>();
  for (const [p, , , end] of run.trace.spans) if (p !== main) ends.set(p, Math.max(ends.get(p) ?? 0, end));
  const up = [...ends.values()].map((end) => end - origin);
  // A start that went wrong must not become a cost model: say so instead.
  if (run.outcome !== 'completed' || up.length !== count || !Number.isFinite(origin)) {
    throw new CalibrationError(`starting ${count} workers at once ended ${run.outcome}, with ${up.length} of them up; try again on a quieter machine`);
  }
  return { firstNs: Math.min(...up), allNs: Math.max(...up) };
}

/**
 * A worker's start in the simulator's terms (a serial part, work on the new
 * worker's core, and how much each other start in progress adds to it):
 * starting 1, 2, c, 2c, 3c and 4c workers at once on c cores, fitted so the
 * simulator has the first and the last of them up when they were up here
 * (fit-worker-start.ts).
 */
async function workerStart(progress: (line: string) => void): Promise<StartModel> {
  const cores = availableParallelism();
  const samples: StartSample[] = [];
  // A real run starts at most MAX_REAL_PROCESSES, main included.
  const counts = [...new Set([1, 2, cores, 2 * cores, 3 * cores, 4 * cores].map((k) => Math.min(k, MAX_REAL_PROCESSES - 1)))];
  for (const k of cores < 2 ? [1] : counts) {
    // The median of five, for the first up and for all up alike: starts vary a good deal from one to the next.
    // Of eleven for a lone start, which the fit keeps as it is and every other start is scaled from: on a
    // 16-core machine lone starts ranged over 40 to 57 ms, and two calibrations' medians of five were 47
    // and 56 ms, so that every start a run made was predicted a fifth too slow after the second.
    const repeats = k === 1 ? 11 : 5;
    const runs: { firstNs: number; allNs: number }[] = [];
    for (let r = 0; r < repeats; r++) runs.push(await startWorkers(k));
    const mid = (xs: number[]) => xs.sort((a, b) => a - b)[repeats >> 1]!;
    const sample = { k, firstNs: mid(runs.map((r) => r.firstNs)), allNs: mid(runs.map((r) => r.allNs)) };
    samples.push(sample);
    progress(`  ${k} at once: the first up after ${(sample.firstNs / 1e6).toFixed(2)} ms, all after ${(sample.allNs / 1e6).toFixed(2)} ms`);
  }
  return fitWorkerStart(samples, cores);
}

/** The runtime lock's uncontended acquire or release (its word and its owner word), in ns. */
export function lockOpNs(pairs = 2_000_000): number {
  const mem = new Int32Array(new SharedArrayBuffer(8));
  for (let k = 0; k < 10_000; k++) {
    tryLock(mem, 0);
    unlock(mem, 0);
  }
  const start = performance.now();
  for (let k = 0; k < pairs; k++) {
    if (tryLock(mem, 0) !== 0) throw new Error('the lock is taken');
    mem[1] = 1;
    mem[1] = 0;
    unlock(mem, 0);
  }
  return ((performance.now() - start) * 1e6) / pairs / 2;
}

/** Half a ping-pong between two threads through Atomics.wait/notify: the wake-up latency, in ns. */
async function wakeNs(): Promise<number> {
  const sab = new SharedArrayBuffer(8);
  const mem = new Int32Array(sab);
  const rounds = 2000;
  const source = `
    const { workerData, parentPort } = require('node:worker_threads');
    const mem = new Int32Array(workerData);
    for (let k = 0; k < ${rounds}; k++) {
      while (Atomics.load(mem, 0) !== 1) Atomics.wait(mem, 0, 0, 50);
      Atomics.store(mem, 0, 0);
      Atomics.notify(mem, 0);
    }
    parentPort.postMessage('done');`;
  const worker = new Worker(source, { eval: true, workerData: sab });
  const done = new Promise((resolve) => worker.once('message', resolve));
  const start = performance.now();
  for (let k = 0; k < rounds; k++) {
    Atomics.store(mem, 0, 1);
    Atomics.notify(mem, 0);
    while (Atomics.load(mem, 0) !== 0) Atomics.wait(mem, 0, 1, 50);
  }
  const ns = ((performance.now() - start) * 1e6) / rounds / 2;
  await done;
  await worker.terminate();
  return ns;
}

/** Structured clone of a buffer to a worker and back, per byte, in ns. */
async function byteNs(): Promise<number> {
  const worker = new Worker("const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => parentPort.postMessage(m));", {
    eval: true,
  });
  const bytes = 8 * 1024 * 1024;
  const payload = new Uint8Array(bytes);
  await new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage(new Uint8Array(16));
  });
  const start = performance.now();
  await new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage(payload);
  });
  const ns = ((performance.now() - start) * 1e6) / (2 * bytes);
  await worker.terminate();
  return ns;
}

/** A program of `steps` compute steps of 500 µs, one after another, on one worker. */
const kernelProgram = (steps: number) =>
  program(`version: 1\nname: kernel\nprocesses:\n  a:\n    - repeat: ${steps}\n      steps:\n        - compute: 500us\n`);

/** A run of compute steps: the time they were meant to take at the speed given, and the time they took. */
export interface KernelSample {
  readonly nominalNs: number;
  readonly ns: number;
}

/**
 * The kernel's speed in a worker, from the bare speed and two runs of steps
 * at that speed, a short one and a long one: the slope between them, so that
 * what a run costs once (a new worker's first compute runs before V8 has
 * optimised the kernel: 0.2 to 0.3 ms here) is not taken for a slower kernel.
 * Taken as a ratio of one run instead, 10 ms of steps came out 5% slow here
 * and 13% on a 16-core machine, and every long compute was predicted that much
 * too slow. A slope far off (a busy machine) leaves the bare speed.
 */
export function kernelSpeedFromSlope(bare: number, short: KernelSample, long: KernelSample): number {
  const ratio = (long.nominalNs - short.nominalNs) / (long.ns - short.ns);
  return ratio > 0.8 && ratio < 1.25 ? bare * ratio : bare;
}

/**
 * The kernel's speed as the runtime's workers see it: `compute` steps run
 * there in slices, with their bookkeeping between, not quite at the bare
 * loop's speed on this thread.
 */
async function kernelSpeedInWorkers(bare: number): Promise<number> {
  const run = async (steps: number): Promise<KernelSample> => {
    const ns = await median(
      3,
      async () => (await runProgram(kernelProgram(steps), { seed: 1, itersPerNs: bare, timeoutMs: 60_000, traceCap: 0, valueGapNs: 0, workers: 1 })).makespanNs,
    );
    return { nominalNs: steps * 500e3, ns };
  };
  return kernelSpeedFromSlope(bare, await run(10), await run(50));
}

/**
 * Measures this machine for the simulator: the kernel's speed, a worker's
 * start, the pool's dispatch per chunk and a queue operation (both through
 * the real runtime), a lock operation, a wake-up, and bytes between workers.
 */
export async function calibrate(progress: (line: string) => void = () => {}): Promise<Calibration> {
  progress('kernel speed...');
  const kernelItersPerNs = await kernelSpeedInWorkers(measureKernelSpeed());
  progress('worker start...');
  const start = await workerStart(progress);
  progress('lock operations...');
  const lockNs = await median(3, lockOpNs);
  progress('wake-up latency...');
  const wake = await median(3, wakeNs);
  progress('bytes between workers...');
  const bytes = await median(3, byteNs);
  const base = { seed: 1, itersPerNs: kernelItersPerNs, timeoutMs: 60_000, traceCap: 0, valueGapNs: 0 };
  progress('pool dispatch...');
  const dispatchItems = 20_000;
  const dispatch = await median(3, async () => {
    const run = await runProgram(program(`version: 1\nname: dispatch\nmain:\n  - map: {items: ${dispatchItems}, cost: 0ns, chunksize: 1}\n`), {
      ...base,
      workers: 1,
    });
    return run.makespanNs / dispatchItems;
  });
  progress('queue operations...');
  const queueItems = 20_000;
  const queue = await median(3, async () => {
    const run = await runProgram(
      program(
        `version: 1\nname: queue\nresources:\n  q: {queue: 64}\nprocesses:\n  maker:\n    - repeat: ${queueItems}\n      steps:\n        - put: q\n  taker:\n    - repeat: ${queueItems}\n      steps:\n        - get: q\n`,
      ),
      { ...base, workers: 2 },
    );
    return run.makespanNs / queueItems / 2;
  });
  return {
    name: 'calibrated',
    source: `measured by interleave calibrate on ${hostname()}`,
    spawnNs: Math.round(start.spawnNs),
    spawnSerialNs: Math.round(start.spawnSerialNs),
    spawnContention: +start.spawnContention.toFixed(4),
    dispatchNs: Math.round(dispatch),
    byteNs: Math.max(0, +bytes.toFixed(3)),
    lockNs: Math.max(1, Math.round(lockNs)),
    wakeNs: Math.round(wake),
    queueNs: Math.round(queue),
    valueNs: Math.max(1, Math.round(lockNs)),
    kernelItersPerNs,
    measuredAt: new Date().toISOString(),
  };
}

export function writeCalibration(calibration: Calibration, path = calibratedModelPath()): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, `${JSON.stringify(calibration, null, 2)}\n`);
}

/**
 * This machine's calibration: the saved one, or one measured now and saved
 * (the first real run). `say` hears why a saved one was set aside, each step
 * of a new measurement, and where it was saved.
 */
export async function savedOrNewCalibration(say: (line: string) => void): Promise<Calibration> {
  const saved = loadCalibration();
  if (saved.model) return saved.model;
  if (saved.problem) say(`ignoring the saved calibration: ${saved.problem}`);
  say('calibrating this machine first (once; `interleave calibrate` redoes it)...');
  const fresh = await calibrate((line) => say(`calibrating: ${line}`));
  writeCalibration(fresh);
  say(`saved the calibration to ${calibratedModelPath()}`);
  return fresh;
}

/** The calibrated model saved on this machine, or null (with why) where there is none or it is unreadable. */
export function loadCalibration(path = calibratedModelPath()): { model: Calibration | null; problem: string | null } {
  if (!existsSync(path)) return { model: null, problem: null };
  const text = readSmallTextFile(path, LIMITS.sourceBytes);
  if (typeof text !== 'string') return { model: null, problem: `${path}: ${text.why}` };
  const parsed = parseCostModel(text, path);
  if (typeof parsed === 'string') return { model: null, problem: parsed };
  const raw = JSON.parse(text) as { kernelItersPerNs?: unknown; measuredAt?: unknown };
  if (typeof raw.kernelItersPerNs !== 'number' || !(raw.kernelItersPerNs > 0)) return { model: null, problem: `${path}: kernelItersPerNs is missing` };
  return { model: { ...parsed, kernelItersPerNs: raw.kernelItersPerNs, measuredAt: typeof raw.measuredAt === 'string' ? raw.measuredAt : '' }, problem: null };
}
