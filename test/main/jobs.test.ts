import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRequest, JobResult } from '../../preload/contract.js';
import { createHandlers } from '../../main/api/handlers.js';
import { JobManager } from '../../main/api/jobs.js';
import { sharedBaseline, TIMELINE_CAP } from '../../main/simulation/job-simulation.js';
import { jobWorkerScript, runJobSimulation } from '../../main/simulation/job-thread.js';
import { costModelFrom } from '../../main/cli/simulate-command.js';
import { parseProfile, simulate, simulateBaseline, simulateSweep } from '../../simulator/index.js';

// Four processes whatever the worker count, so a one-worker run on four cores is faster than on one.
const CREW = `version: 1
name: A fixed crew
workers: [2, 4]
resources:
  l: lock
processes:
  crew:
    count: 4
    steps:
      - repeat: 20
        steps:
          - acquire: l
          - compute: 100us
          - release: l
          - compute: 1ms
`;

let config: string;
const before = process.env.INTERLEAVE_CONFIG_DIR;
beforeAll(() => {
  config = mkdtempSync(join(tmpdir(), 'interleave-jobs-'));
  process.env.INTERLEAVE_CONFIG_DIR = config;
});
afterAll(() => {
  if (before === undefined) delete process.env.INTERLEAVE_CONFIG_DIR;
  else process.env.INTERLEAVE_CONFIG_DIR = before;
  rmSync(config, { recursive: true, force: true });
});

async function finished(jobs: JobManager, request: JobRequest): Promise<JobResult> {
  const started = jobs.start(request);
  if (typeof started === 'string') throw new Error(started);
  for (;;) {
    const status = jobs.status(started.jobId);
    if (status?.state === 'done') return status.result;
    if (status?.state !== 'running') throw new Error(`the job ended ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a simulate job', () => {
  const parsed = parseProfile(CREW, 'crew.yaml');
  if (!parsed.ok) throw new Error('the test profile does not load');
  const program = parsed.program;

  it('gives the result a plain simulation of its sweep gives (its baseline, from the curve, is the same run)', async () => {
    const job = await finished(new JobManager(), { kind: 'simulate', file: 'crew.yaml', text: CREW });
    const alone = simulate(program, { cost: costModelFrom(undefined), cores: null, traceCap: TIMELINE_CAP });
    expect(job.simulation).toEqual(alone.result);
  });

  it('on cores of its own, measures against one worker on those cores, not the curve’s one-core run', async () => {
    const job = await finished(new JobManager(), { kind: 'simulate', file: 'crew.yaml', text: CREW, cores: 4 });
    const cost = costModelFrom(undefined);
    const alone = simulate(program, { cost, cores: 4, traceCap: TIMELINE_CAP });
    expect(job.simulation).toEqual(alone.result);
    // The same sweep measured against the curve's one-core run reads otherwise, so the check above tells the two apart.
    const againstOneCore = simulateSweep(program, { cost, cores: 4, traceCap: TIMELINE_CAP }).finish(simulateBaseline(program, { cost }));
    expect(againstOneCore.result).not.toEqual(alone.result);
  });
});

describe('the requests a page may make', () => {
  const handlers = () => createHandlers({ capabilities: { nativeDialog: false }, openProfileDialog: async () => null });
  const base = { kind: 'simulate', file: 'crew.yaml', text: CREW };

  it('are refused, saying which option, past the limits the command line holds them to', async () => {
    const h = handlers();
    const refused = async (extra: object) => {
      const r = await h.startJob({ ...base, ...extra });
      return r.ok ? 'started' : r.error;
    };
    expect(await refused({ cores: 4097 })).toBe('cores must be a whole number from 1 to 4096');
    expect(await refused({ seed: -1 })).toBe('seed must be a whole number >= 0');
    // As many repetitions as `run --reps` takes (the page allowed 20), no more.
    expect(await refused({ reps: 101 })).toBe('reps must be a whole number from 1 to 100');
    expect(await refused({ reps: 1.5 })).toBe('reps must be a whole number from 1 to 100');
    expect(await refused({ workers: Array.from({ length: 65 }, (_, k) => k + 1) })).toBe('workers must be a list of at most 64 whole numbers from 1 to 1024');
    // A count twice went through to the simulator.
    expect(await refused({ workers: [2, 2] })).toBe('workers lists a count twice');
    expect(await refused({ workers: Array.from({ length: 64 }, (_, k) => k + 1), cores: 4096, seed: 0, reps: 100 })).toBe('started');
  });

  it('start one job at a time, whatever its kind (eight simulations at once took eight threads)', async () => {
    const jobs = new JobManager();
    const endless = 'version: 1\nname: endless\nworkers: [1]\nmain:\n  - repeat: forever\n    steps:\n      - compute: 1ms\n';
    const first = jobs.start({ kind: 'simulate', file: 'endless.yaml', text: endless });
    if (typeof first === 'string') throw new Error(first);
    expect(jobs.start({ kind: 'simulate', file: 'crew.yaml', text: CREW })).toBe('a simulation is already going; wait for it or cancel it first');
    expect(jobs.start({ kind: 'run', file: 'crew.yaml', text: CREW })).toBe('a simulation is already going; wait for it or cancel it first');
    jobs.cancel(first.jobId);
    const next = jobs.start({ kind: 'simulate', file: 'crew.yaml', text: CREW });
    if (typeof next === 'string') throw new Error(next);
    // Nothing left running for the tests after this one (one measures this process's CPU).
    jobs.cancel(next.jobId);
  });
});

describe('a long simulation job', () => {
  // Work without end and no run_for: simulated until the event budget, some twenty seconds.
  const ENDLESS = 'version: 1\nname: endless\nworkers: [1]\nmain:\n  - repeat: forever\n    steps:\n      - compute: 1ms\n';

  it('leaves this thread free while it runs, and stops its work at once when cancelled', async () => {
    const jobs = new JobManager();
    const started = jobs.start({ kind: 'simulate', file: 'endless.yaml', text: ENDLESS });
    if (typeof started === 'string') throw new Error(started);
    // The thread that answers the app: a timer every 10 ms must keep its time (the job held it for 20 s).
    let worst = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
    }, 10);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    clearInterval(timer);
    expect(worst).toBeLessThan(300);
    expect(jobs.status(started.jobId)).toMatchObject({ state: 'running', progress: { message: 'simulating 1 worker...' } });
    jobs.cancel(started.jobId);
    expect(jobs.status(started.jobId)?.state).toBe('cancelled');
    // Its thread is gone: this process spends next to no CPU from then on (it spent a core on the job).
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 700));
    const spent = process.cpuUsage(before);
    expect((spent.user + spent.system) / 1000).toBeLessThan(250);
    expect(jobs.status(started.jobId)?.state).toBe('cancelled');
  });
});

describe('the speedup curve of a job', () => {
  it('runs on the virtual cores a simulation asks for, as its table does (it ran on as many as workers)', async () => {
    const job = await finished(new JobManager(), { kind: 'simulate', file: 'crew.yaml', text: CREW, cores: 1 });
    expect(job.curveCores).toBe(1);
    const onOne = (w: number) => job.simulation.runs.find((r) => r.workers === w)!.simulated.speedup;
    const curveAt = (w: number) => job.curve.find((c) => c.workers === w)!.speedup;
    // A fixed crew on one core gains nothing from workers: the curve says so, as the table does.
    for (const w of [2, 4]) expect(curveAt(w)).toBeCloseTo(onOne(w)!, 9);
    expect(Math.max(...job.curve.map((c) => c.speedup ?? 0))).toBeLessThanOrEqual(1.0001);
    const free = await finished(new JobManager(), { kind: 'simulate', file: 'crew.yaml', text: CREW });
    expect(free.curveCores).toBeNull();
    expect(free.curve.find((c) => c.workers === 4)!.speedup).toBeGreaterThan(1.5);
  });
});

describe('the worker counts a job checks', () => {
  // An index inside its four slots up to three workers: fine over its sweep, past the end from four on.
  const INDEXED =
    'version: 1\nname: indexed\nworkers: [1, 2]\nresources:\n  arr: {array: 4}\nprocesses:\n  w:\n    count: $workers\n    steps:\n      - increment: arr[$workers]\n';

  it('refuses worker counts asked for that the profile does not hold at, saying where', () => {
    const refused = new JobManager().start({ kind: 'simulate', file: 'indexed.yaml', text: INDEXED, workers: [2, 4] });
    expect(refused).toContain('indexed.yaml:');
  });

  it('draws the 1-64 curve over the counts the profile holds at, and leaves the others out', async () => {
    const job = await finished(new JobManager(), { kind: 'simulate', file: 'indexed.yaml', text: INDEXED });
    expect(job.curve.map((c) => c.workers)).toEqual([1, 2]);
    expect(job.simulation.runs.map((r) => r.workers)).toEqual([1, 2]);
  });
});

describe('a measure job', () => {
  it('measures as many repetitions as asked for, up to the limit (it cut them to 20 after the request allowed 100)', async () => {
    // A calibration on file, as \`interleave calibrate\` writes one, so that the job measures at once.
    writeFileSync(
      join(config, 'cost-model.json'),
      JSON.stringify({
        name: 'calibrated',
        source: 'a test',
        spawnNs: 20e6,
        dispatchNs: 2000,
        byteNs: 0.5,
        lockNs: 20,
        wakeNs: 40000,
        queueNs: 900,
        valueNs: 20,
        kernelItersPerNs: 0.5,
      }),
    );
    try {
      const one = 'version: 1\nname: one\nworkers: [1]\nmain:\n  - compute: 100us\n';
      const result = await finished(new JobManager(), { kind: 'run', file: 'one.yaml', text: one, reps: 23 });
      expect(result.run?.runs[0]!.measured.spread.reps_ms).toHaveLength(23);
    } finally {
      rmSync(join(config, 'cost-model.json'));
    }
  }, 60_000);

  it('fails at once, saying why, for a profile that starts more processes than a real run holds', async () => {
    const crowd = 'version: 1\nname: crowd\nworkers: [4]\nprocesses:\n  w:\n    count: 600\n    steps:\n      - compute: 1ms\n';
    const jobs = new JobManager();
    const started = jobs.start({ kind: 'run', file: 'crowd.yaml', text: crowd });
    if (typeof started === 'string') throw new Error(started);
    let status = jobs.status(started.jobId);
    while (status?.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 10));
      status = jobs.status(started.jobId);
    }
    expect(status).toMatchObject({ state: 'failed' });
    expect(status?.state === 'failed' && status.error).toContain('a run with 4 workers would start 600 processes');
  });

  it('fails before calibrating, saying why, where the config folder cannot take the calibration', async () => {
    const folder = process.env.INTERLEAVE_CONFIG_DIR;
    // The folder is a file: a calibration of many seconds could not be saved there.
    const file = join(config, 'not-a-folder');
    writeFileSync(file, '');
    process.env.INTERLEAVE_CONFIG_DIR = file;
    try {
      const jobs = new JobManager();
      const lines: string[] = [];
      const started = jobs.start({ kind: 'run', file: 'crew.yaml', text: CREW, workers: [2], reps: 1 });
      if (typeof started === 'string') throw new Error(started);
      let status = jobs.status(started.jobId);
      while (status?.state === 'running') {
        lines.push(status.progress.message);
        await new Promise((resolve) => setTimeout(resolve, 10));
        status = jobs.status(started.jobId);
      }
      expect(status).toMatchObject({ state: 'failed' });
      expect(status?.state === 'failed' && status.error).toContain(`the config folder ${file} is not a folder (INTERLEAVE_CONFIG_DIR names it)`);
      expect(lines.join('\n')).not.toContain('calibrating');
    } finally {
      process.env.INTERLEAVE_CONFIG_DIR = folder;
    }
  });
});

describe('sharedBaseline', () => {
  const completed = { endTime: 5e6, outcome: 'completed' as const };
  it('shares the curve’s one-worker run with a sweep on the same cores (one, where each run has as many as workers)', () => {
    expect(sharedBaseline(completed, null, null)).toBe(completed);
    expect(sharedBaseline(completed, null, 1)).toBe(completed);
    expect(sharedBaseline(completed, 4, 4)).toBe(completed);
    expect(sharedBaseline({ endTime: 5e6, outcome: 'stuck' }, null, null)?.outcome).toBe('stuck');
  });
  it('does not share it with a sweep on other cores, nor one the curve cut short, nor one the curve lacks', () => {
    expect(sharedBaseline(completed, null, 4)).toBeUndefined();
    expect(sharedBaseline(completed, 4, null)).toBeUndefined();
    expect(sharedBaseline({ endTime: 5e6, outcome: 'event_limit' }, null, null)).toBeUndefined();
    expect(sharedBaseline(null, null, null)).toBeUndefined();
  });
});

describe("a job's simulation thread", () => {
  it('runs the bundle beside a bundled host, and where that is missing says so instead of simulating on the host’s thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-bundle-'));
    try {
      const host = pathToFileURL(join(dir, 'index.js')).href;
      const missing = `the simulation thread's code is missing (${join(dir, 'job-worker.mjs')} or .js): this build lacks it`;
      expect(() => jobWorkerScript(host)).toThrow(missing);
      // The job fails so; it was simulated on the host's own thread.
      const request = { kind: 'simulate' as const, file: 'crew.yaml', text: CREW, cost: costModelFrom('none'), machineCores: 2 };
      const simulating = runJobSimulation(request, new AbortController().signal, () => {}, host);
      await expect(simulating).rejects.toThrow(missing);
      // Electron's main process has its bundles as .js beside it.
      writeFileSync(join(dir, 'job-worker.js'), '');
      expect(jobWorkerScript(host).href).toBe(pathToFileURL(join(dir, 'job-worker.js')).href);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
