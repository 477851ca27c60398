import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../main/runtime/measure.js';
import type { SimulationResult } from '../../simulator/index.js';
import { root, runCli } from './run-cli.js';

const config = mkdtempSync(join(tmpdir(), 'interleave-config-'));
const env = { INTERLEAVE_CONFIG_DIR: config };

describe('interleave calibrate and run', () => {
  it('calibrate writes a model that simulate then uses by default', () => {
    const r = runCli(['calibrate', '--json'], root, env);
    expect(r.status).toBe(0);
    const model = JSON.parse(r.stdout) as { name: string; kernelItersPerNs: number; spawnNs: number; spawnSerialNs: number; spawnContention: number };
    expect(model.name).toBe('calibrated');
    expect(model.kernelItersPerNs).toBeGreaterThan(0);
    expect(model.spawnNs).toBeGreaterThan(0);
    // The fitted start: its parts are all there, and none is negative.
    expect(model.spawnSerialNs).toBeGreaterThanOrEqual(0);
    expect(model.spawnContention).toBeGreaterThanOrEqual(0);
    expect(existsSync(join(config, 'cost-model.json'))).toBe(true);
    const sim = JSON.parse(runCli(['simulate', 'profiles/talk/big-sum.yaml', '--json', '--workers', '2'], root, env).stdout) as SimulationResult;
    expect(sim.cost_model.name).toBe('calibrated');
    const out = join(config, 'other.json');
    expect(runCli(['calibrate', '--out', out], root, env).status).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ name: 'calibrated' });
  }, 120_000);

  it('run measures beside the simulated twin, with Karp–Flatt, and exits 0 when nothing is found', () => {
    const r = runCli(['run', 'profiles/talk/pool-benchmark.yaml', '--workers', '1,2', '--reps', '2', '--json'], root, env);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as RunResult;
    expect(doc.mode).toBe('run');
    expect(doc.runs.map((x) => x.workers)).toEqual([1, 2]);
    for (const run of doc.runs) {
      expect(run.measured.outcome).toBe('completed');
      expect(run.measured.spread.reps_ms).toHaveLength(2);
      expect(run.measured.makespan_ms).toBeGreaterThan(60);
      expect(run.simulated.outcome).toBe('completed');
      expect(typeof run.prediction_error).toBe('number');
    }
    expect(doc.karp_flatt.map((k) => k.workers)).toEqual([2]);
    expect(r.stderr).toContain('measuring 2 workers, repetition 2 of 2');
  }, 120_000);

  it('run on a machine with no calibration yet measures it first, saves it, and later runs use it', () => {
    const fresh = { INTERLEAVE_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'interleave-config-')) };
    const args = ['run', 'profiles/talk/adding-two-arrays.yaml', '--workers', '1', '--reps', '1', '--json'];
    const first = runCli(args, root, fresh);
    expect(first.status).toBe(0);
    expect(first.stderr).toContain('calibrating this machine first');
    expect(existsSync(join(fresh.INTERLEAVE_CONFIG_DIR, 'cost-model.json'))).toBe(true);
    expect((JSON.parse(first.stdout) as RunResult).runs[0]!.measured.outcome).toBe('completed');
    const second = runCli(args, root, fresh);
    expect(second.status).toBe(0);
    expect(second.stderr).not.toContain('calibrating');
  }, 120_000);

  it('run finds a lock-order deadlock for real and exits 1', () => {
    // Sleeping while holding the first lock makes the deadlock certain, even on a machine whose second core stalls.
    const profile = join(config, 'foo-bar.yaml');
    const steps = (x: string, y: string) => `    - acquire: ${x}\n    - sleep: 200ms\n    - acquire: ${y}\n    - release: ${y}\n    - release: ${x}\n`;
    writeFileSync(profile, `version: 1\nname: foo and bar\nresources:\n  a: lock\n  b: lock\nprocesses:\n  foo:\n${steps('a', 'b')}  bar:\n${steps('b', 'a')}`);
    const r = runCli(['run', profile, '--workers', '2', '--reps', '1'], root, env);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /deadlock at [\d.]+ ms with 2 workers: (foo holds a and waits for b; bar holds b and waits for a|bar holds b and waits for a; foo holds a and waits for b)/,
    );
    // Each link names the line of the step it waits at, as the simulator's do (they were null).
    const doc = JSON.parse(runCli(['run', profile, '--workers', '2', '--reps', '1', '--json'], root, env).stdout) as RunResult;
    const deadlock = doc.findings.find((f) => f.kind === 'deadlock');
    expect(deadlock?.kind === 'deadlock' && Object.fromEntries(deadlock.cycle.map((c) => [c.process, c.line]))).toEqual({ foo: 10, bar: 16 });
  }, 120_000);

  it('run says what the simulated twin found that the measured runs did not meet, and exits 1', () => {
    // The locks taken in both orders, bar only once foo is done: measured, nothing; the twin sees the inversion.
    const profile = join(config, 'orders.yaml');
    writeFileSync(
      profile,
      'version: 1\nname: both orders\nresources:\n  a: lock\n  b: lock\nprocesses:\n  foo:\n    - acquire: a\n    - acquire: b\n    - release: b\n    - release: a\n' +
        '  bar:\n    - sleep: 100ms\n    - acquire: b\n    - acquire: a\n    - release: a\n    - release: b\n',
    );
    const r = runCli(['run', profile, '--workers', '2', '--reps', '1'], root, env);
    // It said "findings: none" and exited 0.
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('findings: none');
    expect(r.stdout).toMatch(/the simulated twin found \(1\), under its timing:\n {2}- lock-order inversion on a, b with 2 workers/);
    const doc = JSON.parse(runCli(['run', profile, '--workers', '2', '--reps', '1', '--json'], root, env).stdout) as RunResult;
    expect(doc.findings).toEqual([]);
    expect(doc.twin_findings.map((f) => f.kind)).toEqual(['lock_order_inversion']);
  }, 120_000);

  it('bad run flags exit 2', () => {
    for (const args of [
      ['run'],
      ['run', 'profiles/talk/big-sum.yaml', '--reps', '0'],
      ['run', 'profiles/talk/big-sum.yaml', '--timeout', 'soon'],
      // As simulate reads a seed (Number() took these as 16 and 1000).
      ['run', 'profiles/talk/big-sum.yaml', '--seed', '0x10'],
      ['run', 'profiles/talk/big-sum.yaml', '--seed', '1e3'],
      ['run', 'profiles/talk/big-sum.yaml', '--reps', '0x10'],
      ['run', 'profiles/talk/big-sum.yaml', '--reps', '1e1'],
      ['run', 'profiles/talk/big-sum.yaml', '--reps', '101'],
    ]) {
      const r = runCli(args, root, env);
      expect(r.status, args.join(' ')).toBe(2);
    }
  });

  it('refuses at once, before calibrating or starting a worker, a run whose processes pass what a real run holds', () => {
    const fresh = { INTERLEAVE_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'interleave-config-')) };
    const file = join(fresh.INTERLEAVE_CONFIG_DIR, 'crowd.yaml');
    writeFileSync(file, 'version: 1\nname: crowd\nworkers: [2, 4]\nprocesses:\n  w:\n    count: $workers * 150\n    steps:\n      - compute: 1ms\n');
    const r = runCli(['run', file], root, fresh);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('a run with 4 workers would start 600 processes (main, spawned and pool workers together), and a real run starts at most 512');
    expect(r.stdout).toBe('');
    // Nothing was measured: no calibration was made.
    expect(existsSync(join(fresh.INTERLEAVE_CONFIG_DIR, 'cost-model.json'))).toBe(false);
  });

  it('checks a --trace file and options before measuring, and calibrate checks its --out before calibrating', () => {
    const fresh = { INTERLEAVE_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'interleave-config-')) };
    const folder = runCli(['run', 'profiles/talk/big-sum.yaml', '--trace', fresh.INTERLEAVE_CONFIG_DIR], root, fresh);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toContain('it is a folder');
    const notApplying = runCli(['run', 'profiles/talk/big-sum.yaml', '--overheads', 'none'], root, fresh);
    expect(notApplying.status).toBe(2);
    expect(notApplying.stderr).toContain('--overheads does not apply to run');
    const out = runCli(['calibrate', '--out', join(fresh.INTERLEAVE_CONFIG_DIR, 'missing', 'model.json')], root, fresh);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('does not exist');
    // Nothing was measured or saved.
    expect(existsSync(join(fresh.INTERLEAVE_CONFIG_DIR, 'cost-model.json'))).toBe(false);
  });

  it('says plainly when the config folder or its saved calibration cannot be used', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'interleave-config-')), 'not-a-folder');
    writeFileSync(file, '');
    const run = runCli(['run', 'profiles/talk/big-sum.yaml'], root, { INTERLEAVE_CONFIG_DIR: file });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`the config folder ${file} is not a folder`);
    // A folder above it that is a file: it cannot be made (this calibrated, then failed with ENOTDIR).
    const below = join(file, 'interleave');
    const under = runCli(['run', 'profiles/talk/big-sum.yaml'], root, { INTERLEAVE_CONFIG_DIR: below });
    expect(under.status).toBe(2);
    expect(under.stderr).toContain(`the config folder ${below} cannot be made: ${file} is a file, not a folder (INTERLEAVE_CONFIG_DIR names it)`);
    // Two folders down: the file is found higher up, not only as the parent.
    const deeper = join(file, 'config', 'interleave');
    const twoDown = runCli(['run', 'profiles/talk/big-sum.yaml'], root, { INTERLEAVE_CONFIG_DIR: deeper });
    expect(twoDown.status).toBe(2);
    expect(twoDown.stderr).toContain(`the config folder ${deeper} cannot be made: ${file} is a file, not a folder`);
    const folder = mkdtempSync(join(tmpdir(), 'interleave-config-'));
    mkdirSync(join(folder, 'cost-model.json'));
    const sim = runCli(['simulate', 'profiles/talk/big-sum.yaml', '--json'], root, { INTERLEAVE_CONFIG_DIR: folder });
    expect(sim.status).toBe(0);
    expect(sim.stderr).toContain('the saved calibration cannot be used');
    expect(sim.stderr).toContain('it is a folder, not a file');
    expect((JSON.parse(sim.stdout) as SimulationResult).cost_model.name).toBe('default');
    // A real run would calibrate, then fail to save over the folder: it is said first.
    const refused = runCli(['run', 'profiles/talk/big-sum.yaml'], root, { INTERLEAVE_CONFIG_DIR: folder });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('cost-model.json is not a file');
  });
});
