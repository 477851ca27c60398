import { afterEach, describe, expect, it } from 'vitest';
import { workerScript } from '../../../main/runtime/worker-script.js';

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
