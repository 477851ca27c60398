import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledBeside, workerScript } from '../../../main/runtime/worker-script.js';

describe('which worker code a real run starts', () => {
  afterEach(() => {
    delete process.env.INTERLEAVE_RUNTIME_WORKER;
  });

  it('from the sources, the TypeScript entry through tsx', () => {
    expect(workerScript().url.pathname).toMatch(/worker-from-source\.mjs$/);
  });

  it('the bundled worker that INTERLEAVE_RUNTIME_WORKER names, as the benchmarks use', () => {
    process.env.INTERLEAVE_RUNTIME_WORKER = '/opt/interleave/out/cli/runtime-worker.mjs';
    expect(workerScript().url.href).toBe('file:///opt/interleave/out/cli/runtime-worker.mjs');
  });
});

describe('a worker’s bundle beside the bundle that starts it', () => {
  const beside = (files: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-beside-'));
    for (const f of files) writeFileSync(join(dir, f), '');
    return { dir, here: pathToFileURL(join(dir, 'index.js')).href };
  };

  it('is name.mjs beside the command line’s bundle, and name.js beside Electron’s main process (it was looked for as .mjs alone)', () => {
    const cli = beside(['index.js', 'runtime-worker.mjs']);
    expect(bundledBeside(cli.here, 'runtime-worker')?.href).toBe(pathToFileURL(join(cli.dir, 'runtime-worker.mjs')).href);
    const electron = beside(['index.js', 'runtime-worker.js']);
    expect(bundledBeside(electron.here, 'runtime-worker')?.href).toBe(pathToFileURL(join(electron.dir, 'runtime-worker.js')).href);
    expect(bundledBeside(beside(['index.js']).here, 'runtime-worker')).toBeNull();
  });

  it('is name.cjs first, where the command line builds a worker as CommonJS (the baseline thread)', () => {
    const cli = beside(['index.js', 'baseline-worker.cjs', 'baseline-worker.mjs']);
    expect(bundledBeside(cli.here, 'baseline-worker')?.href).toBe(pathToFileURL(join(cli.dir, 'baseline-worker.cjs')).href);
  });
});
