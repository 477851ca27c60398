import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const launcher = join(root, 'bin', 'interleave.cjs');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * As npm installs the command: a link to the launcher in a folder of its own
 * (node_modules/.bin). Beside it, a script Node loads first (NODE_OPTIONS,
 * which the shell passes on) that says what NODE_EXTRA_CA_CERTS Node got.
 */
let linkDir: string;
let env: NodeJS.ProcessEnv;
beforeAll(() => {
  linkDir = mkdtempSync(join(tmpdir(), 'interleave-bin-'));
  symlinkSync(launcher, join(linkDir, 'interleave'));
  const tell = join(linkDir, 'tell-certs.cjs');
  writeFileSync(tell, "process.stderr.write(`certs: ${process.env.NODE_EXTRA_CA_CERTS ?? 'none'}\\n`);\n");
  env = { ...process.env, NODE_EXTRA_CA_CERTS: '/nonexistent/certificates.pem', NODE_OPTIONS: `--require ${tell}` };
});
afterAll(() => rmSync(linkDir, { recursive: true, force: true }));

/**
 * A profile whose result over 64 worker counts is over 64 KiB of JSON (more than a pipe holds): four locks
 * and three templates, each in every run's figures.
 */
function manyFigures(): string {
  const profile = join(linkDir, 'many-figures.yaml');
  const step = (verb: string, r: string) => `      - ${verb}: ${r}\n`;
  const template = (name: string, locks: string[], count = '') =>
    `  ${name}:\n${count}    steps:\n${locks.map((r) => step('acquire', r)).join('')}      - compute: 1ms\n${[...locks]
      .reverse()
      .map((r) => step('release', r))
      .join('')}`;
  writeFileSync(
    profile,
    'version: 1\nname: Many figures\nworkers: [1]\nresources:\n  a: lock\n  b: lock\n  c: lock\n  d: lock\nprocesses:\n' +
      template('p', ['a', 'b'], '    count: $workers\n') +
      template('q', ['c']) +
      template('r', ['d']),
  );
  return profile;
}
const allCounts = Array.from({ length: 64 }, (_, k) => k + 1).join(',');

describe('the installed command (bin/interleave.cjs run as a program)', () => {
  it('starts Node without NODE_EXTRA_CA_CERTS, which Node 20 reads whole as it starts', () => {
    const r = spawnSync(join(linkDir, 'interleave'), ['--version'], { encoding: 'utf8', env });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(version);
    expect(r.stderr).toContain('certs: none');
  });

  it('is the same program when Node runs the file itself, the variable left as it is', () => {
    const r = spawnSync(process.execPath, [launcher, '--version'], { encoding: 'utf8', env });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(version);
    expect(r.stderr).toContain('certs: /nonexistent/certificates.pem');
  });

  it('passes every argument on as it was given, and the exit status back', () => {
    const profile = join(root, 'profiles', 'talk', 'deadlock-foo-bar.yaml');
    const r = spawnSync(join(linkDir, 'interleave'), ['simulate', profile, '--workers', '2', '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(1); // the deadlock is a finding
    expect(JSON.parse(r.stdout).findings.length).toBeGreaterThan(0);
    const spaced = spawnSync(join(linkDir, 'interleave'), ['validate', join(linkDir, 'no such file.yaml')], { encoding: 'utf8' });
    expect(spaced.status).toBe(2);
    expect(spaced.stdout + spaced.stderr).toContain('no such file.yaml: 1 error');
  });

  it('exits once the command is done, its output whole however slowly it is read', () => {
    // Read only after a pause: the command ends at once when its work is done (exitNow), not before its output has gone.
    const profile = manyFigures();
    // Through a pipe whose reader waits half a second: the pipe's buffer fills, and the command must wait for it.
    const script = `{ "$0" simulate "$1" --workers "$2" --json; echo "status $?" >&2; } | (sleep 0.5; cat)`;
    const r = spawnSync('sh', ['-c', script, join(linkDir, 'interleave'), profile, allCounts], { encoding: 'utf8', maxBuffer: 1 << 24, timeout: 60_000 });
    const text = r.stdout;
    const status = Number(/status (\d+)/.exec(r.stderr)?.[1]);
    expect(text.length).toBeGreaterThan(64 * 1024);
    expect(status).toBe(0);
    expect((JSON.parse(text) as { runs: unknown[] }).runs).toHaveLength(64);
  });

  it('stops quietly when its reader stops reading (| head), with the status of a program SIGPIPE ends, where Node threw EPIPE with a stack trace', () => {
    const script = `{ "$0" simulate "$1" --workers "$2" --json; echo "status $?" >&2; } | head -c 20`;
    const r = spawnSync('sh', ['-c', script, join(linkDir, 'interleave'), manyFigures(), allCounts], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toHaveLength(20);
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(r.stderr).toMatch(/status 141/);
  });
});
