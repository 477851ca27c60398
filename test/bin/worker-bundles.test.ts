import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseProfile, simulateBaseline, warmUpProgram, type Baseline, type Program } from '../../simulator/index.js';

const root = join(import.meta.dirname, '..', '..');

/** The launcher's build, in a project of its own (the sources linked, the launcher copied), as code-cache.test.ts does. */
let project: string;
const cli = () => join(project, 'out', 'cli');
const build = () => {
  const r = spawnSync(process.execPath, [join(project, 'bin', 'interleave.cjs'), '--version'], { cwd: project, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0 || r.stderr.includes('running from sources')) throw new Error(`the launcher did not build its bundle: ${r.stderr}`);
};
const compile = (text: string): Program => {
  const parsed = parseProfile(text);
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  return parsed.program;
};

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'interleave-workers-'));
  for (const entry of ['main', 'simulator', 'preload', 'profiles', 'node_modules', 'package.json']) symlinkSync(join(root, entry), join(project, entry));
  mkdirSync(join(project, 'bin'));
  for (const file of ['interleave.cjs', 'launch.cjs']) copyFileSync(join(root, 'bin', file), join(project, 'bin', file));
  build();
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('the command line’s worker bundles', () => {
  it('build the baseline thread as CommonJS, which runs a baseline there as the simulator does here', async () => {
    expect(
      readdirSync(cli())
        .filter((f) => f.endsWith('js'))
        .sort(),
    ).toEqual(['baseline-worker.cjs', 'interleave.cjs', 'job-worker.mjs', 'runtime-worker.mjs']);
    const program = compile(`version: 1
name: two locks
resources: {a: lock, b: lock}
processes:
  p:
    count: 3
    steps: [{repeat: 4, steps: [{acquire: a}, {compute: 1ms}, {release: a}, {acquire: b}, {compute: 2ms}, {release: b}]}]
`);
    const worker = new Worker(join(cli(), 'baseline-worker.cjs'));
    try {
      const answer = new Promise<Baseline>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      worker.postMessage({ program, options: { workers: [3] }, warmUp: warmUpProgram() });
      expect(await answer).toEqual(simulateBaseline(program, { workers: [3] }));
    } finally {
      await worker.terminate();
    }
  });

  it('are ASCII, the command’s own bundle too: V8 then holds each as a one-byte string, not decoded byte by byte at every start', () => {
    const bundles = readdirSync(cli()).filter((f) => f.endsWith('.cjs') || f.endsWith('.mjs'));
    expect(bundles).toContain('interleave.cjs');
    for (const file of bundles) {
      const text = readFileSync(join(cli(), file), 'latin1');
      const at = [...text].findIndex((c) => c.charCodeAt(0) > 0x7f);
      expect(at < 0 ? 'ASCII' : `${file}: ${JSON.stringify(text.slice(Math.max(0, at - 60), at + 20))}`).toBe('ASCII');
    }
  });

  it('leave no baseline thread of an older build beside the new one (it was an ES module)', () => {
    for (const f of ['baseline-worker.mjs', 'baseline-worker.mjs.map']) writeFileSync(join(cli(), f), '');
    utimesSync(join(cli(), 'interleave.cjs'), 0, 0); // older than the sources: built again
    build();
    expect(existsSync(join(cli(), 'baseline-worker.mjs'))).toBe(false);
    expect(existsSync(join(cli(), 'baseline-worker.mjs.map'))).toBe(false);
    expect(existsSync(join(cli(), 'baseline-worker.cjs'))).toBe(true);
  });
});
