// The real runtime's benchmarks, each beside its anchor measured in the same run.
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { measureKernelSpeed } from '../main/runtime/cpu-kernel.js';
import { lockOpNs } from '../main/runtime/calibrate.js';
import { runProgram } from '../main/runtime/run-program.js';
import { parseProfile, type Program } from '../simulator/index.js';
import { mkdtempSync, rmSync } from 'node:fs';

type Row = (figure: string, ours: string, anchor: string, ratio: string) => void;

function compile(yaml: string): Program {
  const parsed = parseProfile(`version: 1\nname: bench\n${yaml}`);
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  return parsed.program;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** CPython multiprocessing's own figures, from the anchor script run now. */
function cpython(root: string): Record<string, number> {
  const run = spawnSync('python3', [join(root, '..', 'shared', 'anchors', 'mp_overheads.py')], { encoding: 'utf8', env: { ...process.env, REPS: '3' } });
  const out: Record<string, number> = {};
  for (const line of run.stdout.split('\n')) {
    const [name, value] = line.split(' ');
    if (name && value) out[name] = Number(value);
  }
  return out;
}

async function piscinaPerTaskUs(): Promise<number> {
  const pool = new Piscina({ filename: new URL('./piscina-task.mjs', import.meta.url).href, minThreads: 2, maxThreads: 2 });
  await Promise.all(Array.from({ length: 1000 }, (_, k) => pool.run(k)));
  const n = 100_000;
  const start = performance.now();
  await Promise.all(Array.from({ length: n }, (_, k) => pool.run(k)));
  const us = ((performance.now() - start) * 1000) / n;
  await pool.destroy();
  return us;
}

function timeProcesses(count: number, iterations: number): Promise<number> {
  const start = performance.now();
  return Promise.all(
    Array.from(
      { length: count },
      () => new Promise((resolve) => spawn(process.execPath, [join(import.meta.dirname, 'cpu-probe.mjs'), String(iterations)]).on('exit', resolve)),
    ),
  ).then(() => performance.now() - start);
}

export async function runtimeBenchmarks(root: string, row: Row): Promise<void> {
  // The runtime's workers as shipped: the command's bundled worker (built now if stale), not the
  // sources through tsx, whose loader thread per worker costs threads computing side by side a tenth.
  spawnSync(process.execPath, [join(root, 'bin', 'interleave.cjs'), '--version'], { cwd: root });
  process.env.INTERLEAVE_RUNTIME_WORKER = join(root, 'out', 'cli', 'runtime-worker.mjs');
  const cores = availableParallelism();
  const itersPerNs = measureKernelSpeed();
  const base = { seed: 1, itersPerNs, timeoutMs: 120_000, traceCap: 0, valueGapNs: 0 };
  const py = cpython(root);

  // Pool dispatch: trivial tasks, chunksize 1, on every core, with the pool's start taken out as
  // CPython's anchor takes it out (it warms its pool first): the cost of 20,000 more tasks.
  const items = 20_000;
  const mapOf = async (n: number) =>
    (await runProgram(compile(`main:\n  - map: {items: ${n}, cost: 0ns, chunksize: 1}\n`), { ...base, workers: cores })).makespanNs;
  const small: number[] = [];
  const large: number[] = [];
  for (let k = 0; k < 5; k++) {
    small.push(await mapOf(1000));
    large.push(await mapOf(1000 + items));
  }
  const dispatchUs = Math.max(0.001, (median(large) - median(small)) / items / 1000);
  const piscinaUs = await piscinaPerTaskUs();
  row(
    'pool dispatch per trivial task (chunksize 1)',
    `${dispatchUs.toFixed(2)} µs`,
    `CPython Pool.map ${py.pool_map_chunksize1_per_item_us} µs`,
    `${(py.pool_map_chunksize1_per_item_us! / dispatchUs).toFixed(1)}× cheaper (target 5×)`,
  );
  row(
    '  the same against piscina (100,000 tasks, 2 threads)',
    `${dispatchUs.toFixed(2)} µs`,
    `piscina ${piscinaUs.toFixed(2)} µs`,
    `${(piscinaUs / dispatchUs).toFixed(1)}× cheaper (target 5×)`,
  );

  // Uncontended lock acquire + release: the runtime's lock itself, as CPython's anchor times Lock itself.
  const primitiveNs = median([0, 1, 2].map(() => lockOpNs(5_000_000) * 2));
  row(
    'lock acquire + release, uncontended (the runtime lock)',
    `${primitiveNs.toFixed(1)} ns`,
    `multiprocessing.Lock ${py.lock_acquire_release_ns} ns`,
    `${(py.lock_acquire_release_ns! / primitiveNs).toFixed(1)}× cheaper (target 2×)`,
  );
  // The same through a profile's loop in a runtime worker: the interpreter's steps and statistics included.
  const pairs = 500_000;
  const lock = await runProgram(compile(`resources:\n  m: lock\nmain:\n  - repeat: ${pairs}\n    steps:\n      - acquire: m\n      - release: m\n`), {
    ...base,
    workers: 1,
  });
  const lockNs = lock.makespanNs / pairs;
  row(
    '  the same through a profile loop (repeat, acquire, release)',
    `${lockNs.toFixed(1)} ns`,
    `multiprocessing.Lock ${py.lock_acquire_release_ns} ns`,
    `${(py.lock_acquire_release_ns! / lockNs).toFixed(1)}×`,
  );

  // Queue round trip between two workers.
  const trips = 5_000;
  const queue = await runProgram(
    compile(
      `resources:\n  ping: queue\n  pong: queue\nprocesses:\n  a:\n    - repeat: ${trips}\n      steps:\n        - put: ping\n        - get: pong\n  b:\n    - repeat: ${trips}\n      steps:\n        - get: ping\n        - put: pong\n`,
    ),
    { ...base, workers: 2 },
  );
  const tripUs = queue.makespanNs / trips / 1000;
  row(
    'queue round trip between two workers',
    `${tripUs.toFixed(1)} µs`,
    `multiprocessing.Queue ${py.queue_round_trip_us} µs`,
    `${(py.queue_round_trip_us! / tripUs).toFixed(1)}× faster`,
  );

  // CPU-bound speedup on every core, against the machine's own probe.
  const tasks = 40;
  const cpu = compile(`main:\n  - map: {items: ${tasks}, cost: 50ms, chunksize: 1}\n`);
  const one = (await runProgram(cpu, { ...base, workers: 1 })).makespanNs;
  const all = (await runProgram(cpu, { ...base, workers: cores })).makespanNs;
  const probeIters = Math.round(1000e6 * itersPerNs);
  const probeOne = await timeProcesses(1, probeIters);
  const probeAll = await timeProcesses(cores, probeIters);
  const ours = one / all;
  const probe = (probeOne * cores) / probeAll;
  row(
    `CPU-bound speedup on ${cores} cores`,
    `${ours.toFixed(2)}×`,
    `probe: ${cores} plain processes ${probe.toFixed(2)}×`,
    `${(ours / probe).toFixed(2)} of the probe (target 0.9)`,
  );
  row(`  CPython's own, for reference`, '', `Pool.map ${py[`cpu_bound_speedup_${cores}_workers`] ?? '?'}×`, '');

  // Prediction error of the simulated twin, as a user meets it: `interleave calibrate` on this
  // machine, then `interleave run --json` of each built-in that runs to completion quickly, over its
  // own sweep of worker counts (more workers than cores included), five repetitions each.
  const config = mkdtempSync(join(tmpdir(), 'interleave-bench-'));
  const cli = (args: string[]) =>
    spawnSync(process.execPath, [join(root, 'bin', 'interleave.cjs'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, INTERLEAVE_CONFIG_DIR: config },
      maxBuffer: 256 * 1024 * 1024,
    });
  cli(['calibrate']);
  const names = [
    'adding-two-arrays',
    'big-sum',
    'pool-benchmark',
    'task-parallelism-apply',
    'task-parallelism-process',
    'queue-sentinel',
    'value-safe-writers',
    'basic-pool',
    'basic-apply',
    'multiple-arguments',
  ];
  const errors: number[] = [];
  for (const name of names) {
    const run = cli(['run', join('profiles', 'talk', `${name}.yaml`), '--reps', '5', '--seed', '1', '--json']);
    const doc = JSON.parse(run.stdout) as { runs: { prediction_error: number | null }[] };
    for (const r of doc.runs) if (r.prediction_error !== null) errors.push(Math.abs(r.prediction_error));
  }
  rmSync(config, { recursive: true, force: true });
  row(
    `prediction error of the simulated twin (${names.length} built-ins, ${errors.length} runs)`,
    `${(median(errors) * 100).toFixed(1)}% median`,
    'the measured makespan',
    `worst ${(Math.max(...errors) * 100).toFixed(0)}% (target: median under 10%)`,
  );
}
