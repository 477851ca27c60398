import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The desktop app's main process starts worker threads from its own build (out/main, made by
// `npm run build`, which runs before these tests): a real run's workers and a job's simulations. They
// were missing there, so the desktop app could not measure, and simulated on its main thread. The
// Electron binary cannot run here; the threads it would start are run under Node instead.
const root = join(import.meta.dirname, '..', '..');
const out = join(root, 'out', 'main');

test('the Electron build carries the job worker, and it simulates a job', () => {
  expect(existsSync(join(out, 'job-worker.js'))).toBe(true);
  const script = `
    const { Worker } = require('node:worker_threads');
    const w = new Worker(${JSON.stringify(join(out, 'job-worker.js'))});
    w.on('message', (m) => { if (m.type !== 'progress') { console.log(JSON.stringify(m.type === 'done' ? m.result.simulation.runs.map((r) => r.simulated.outcome) : m)); w.terminate(); } });
    w.postMessage({ kind: 'simulate', file: 'p.yaml', text: 'version: 1\\nname: p\\nworkers: [1, 2]\\nmain:\\n  - compute: 1ms\\n', cost: { name: 'none', source: 'test', spawnNs: 0, dispatchNs: 0, byteNs: 0, lockNs: 0, wakeNs: 0, queueNs: 0, valueNs: 0 }, machineCores: 2 });`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout.trim())).toEqual(['completed', 'completed']);
});

test('the Electron build carries the runtime worker, and a real run runs on it', () => {
  expect(existsSync(join(out, 'runtime-worker.js'))).toBe(true);
  // A saved calibration, so the run measures at once.
  const config = mkdtempSync(join(tmpdir(), 'interleave-electron-'));
  writeFileSync(
    join(config, 'cost-model.json'),
    JSON.stringify({
      name: 'calibrated',
      source: 'test',
      spawnNs: 20e6,
      dispatchNs: 2000,
      byteNs: 0.5,
      lockNs: 10,
      wakeNs: 30e3,
      queueNs: 700,
      valueNs: 10,
      kernelItersPerNs: 0.6,
    }),
  );
  const profile = join(config, 'p.yaml');
  writeFileSync(profile, 'version: 1\nname: p\nworkers: [1]\nmain:\n  - compute: 1ms\n');
  const r = spawnSync(process.execPath, [join(root, 'bin', 'interleave.cjs'), 'run', profile, '--reps', '1', '--json'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, INTERLEAVE_CONFIG_DIR: config, INTERLEAVE_RUNTIME_WORKER: join(out, 'runtime-worker.js') },
  });
  expect(r.status, r.stderr).toBe(0);
  expect((JSON.parse(r.stdout) as { runs: { measured: { outcome: string } }[] }).runs[0]!.measured.outcome).toBe('completed');
});

test('the code that finds those workers sits beside them, not in a chunk below (it looks beside itself)', () => {
  const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  const finders = files.filter((f) => /["']runtime-worker["']|["']job-worker["']/.test(readFileSync(join(out, f), 'utf8')));
  expect(finders.length).toBeGreaterThan(0);
  for (const f of finders) expect(f, `${f} looks for the workers beside itself`).not.toContain('/');
});
