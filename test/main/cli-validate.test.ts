import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'interleave-cli-'));
const bad = join(dir, 'bad.yaml');
writeFileSync(bad, 'version: 1\nname: Bad\nresources:\n  a: lock\nmain:\n  - wait: a\n  - compute: 10\n');

describe('interleave --version', () => {
  it('prints the version, and with --json a JSON document of it (stdout holds JSON alone then)', () => {
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    expect(runCli(['--version']).stdout).toBe(`${version}\n`);
    const json = runCli(['--version', '--json']);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ version });
  });
});

describe('interleave validate', () => {
  it('says one step in the singular', () => {
    const one = join(dir, 'one.yaml');
    writeFileSync(one, 'version: 1\nname: one\nmain:\n  - compute: 1ms\n');
    expect(runCli(['validate', one]).stdout).toMatch(/main: +main ×1 \(1 step\)$/m);
  });

  it('refuses a file that is not UTF-8 at the first byte that is not, and exits 2', () => {
    const latin1 = join(dir, 'latin1.yaml');
    writeFileSync(latin1, Buffer.from([...Buffer.from('version: 1\nname: caf'), 0xe9, ...Buffer.from('\nmain:\n  - compute: 1ms\n')]));
    const r = runCli(['validate', latin1]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`${latin1}:2:10: the byte 0xE9 is not UTF-8; the file must be UTF-8 text (save it as UTF-8)`);
  });

  it('prints what a valid profile holds and exits 0', () => {
    const r = runCli(['validate', 'profiles/talk/deadlock-foo-bar.yaml', 'profiles/talk/pool-benchmark.yaml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('profiles/talk/deadlock-foo-bar.yaml: valid');
    expect(r.stdout).toMatch(/at start: +foo ×1 \(6 steps\), bar ×1 \(6 steps\)/);
    expect(r.stdout).toContain('resources:   a (lock), b (lock)');
    expect(r.stdout).toMatch(/serial: +14\.3% of 70 ms of work \(10 ms serial\)/);
    expect(r.stdout).toContain('Amdahl:      1.00× at 1, 1.75× at 2');
  });

  it('says a profile of a hundred templates and locks in a few names and a count', () => {
    const r = runCli(['validate', 'bench/profiles/many-processes.yaml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/at start: +group0 ×100 \(5 steps\), .*, group5 ×100 \(5 steps\) and 94 more$/m);
    expect(r.stdout).toMatch(/resources: +lock0 \(lock\), .*, lock5 \(lock\) and 94 more$/m);
    const doc = JSON.parse(runCli(['validate', 'bench/profiles/many-processes.yaml', '--json']).stdout) as {
      profiles: { summary: { processes: unknown[] } }[];
    };
    expect(doc.profiles[0]!.summary.processes).toHaveLength(100);
  });

  it('prints each error as file:line:column and exits 2', () => {
    const r = runCli(['validate', bad]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`${bad}:6:11: wait needs an event, a barrier or a condition, but a is a lock`);
    expect(r.stdout).toContain(`${bad}:7:14: expected a duration with a unit`);
  });

  it('exits 2 when any one of several profiles is bad, and still reports the good ones', () => {
    const r = runCli(['validate', 'profiles/talk/big-sum.yaml', bad]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('profiles/talk/big-sum.yaml: valid');
    expect(r.stdout).toContain(`${bad}: 2 errors`);
  });

  it('says plainly when a file does not exist', () => {
    const r = runCli(['validate', join(dir, 'nope.yaml')]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('nope.yaml:1:1: cannot read the profile: no such file');
  });

  it('with --json prints the result document on stdout and nothing else', () => {
    const r = runCli(['validate', '--json', 'profiles/talk/value-unsafe-writers.yaml', bad]);
    expect(r.status).toBe(2);
    const doc = JSON.parse(r.stdout) as { mode: string; profiles: { valid: boolean; errors?: { line: number; column: number }[] }[] };
    expect(doc.mode).toBe('validate');
    expect(doc.profiles.map((p) => p.valid)).toEqual([true, false]);
    expect(doc.profiles[1]!.errors![0]).toMatchObject({ line: 6, column: 11 });
  });
});

describe('interleave usage', () => {
  it('--help prints the commands and exits 0', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('interleave validate PROFILE...');
    expect(r.stdout).toContain('interleave serve [--port N]');
  });

  it('an unknown command, an unknown option or a missing argument exits 2 with the usage', () => {
    for (const args of [['frobnicate'], ['validate', '--frob'], ['validate'], []]) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('Usage:');
      expect(r.stdout).toBe('');
    }
  });
});
