import { describe, expect, it } from 'vitest';
import { runProgram } from '../../../main/runtime/run-program.js';
import type { Program } from '../../../simulator/index.js';
import { compile, itersPerNs, real } from './real-helpers.js';

describe('the safety of a real run', () => {
  it('catches a real deadlock with its cycle, and stops every worker', async () => {
    const start = performance.now();
    const run = await real(`resources:
  a: lock
  b: lock
processes:
  foo:
    - acquire: a
    - sleep: 200ms
    - acquire: b
  bar:
    - acquire: b
    - sleep: 200ms
    - acquire: a
`);
    expect(run.outcome).toBe('deadlock');
    const deadlock = run.findings.find((f) => f.kind === 'deadlock');
    expect(deadlock && deadlock.kind === 'deadlock' && deadlock.cycle.map((c) => `${c.process}:${c.holds.join()}>${c.waits_for}`).sort()).toEqual([
      'bar:b>a',
      'foo:a>b',
    ]);
    expect(performance.now() - start).toBeLessThan(5000);
  });

  it('sees a hang (a barrier that never fills) within a second and stops', async () => {
    const run = await real(`resources:
  b: {barrier: 3}
processes:
  p:
    count: 2
    steps:
      - wait: b
`);
    expect(run.outcome).toBe('hang');
    expect(run.findings[0]).toMatchObject({
      kind: 'hang',
      blocked: [
        { on: 'barrier', waits_for: 'b' },
        { on: 'barrier', waits_for: 'b' },
      ],
    });
    expect(run.makespanNs / 1e6).toBeLessThan(1000);
  });

  it('can be cancelled, and returns promptly with nothing left running', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const start = performance.now();
    const run = await real(
      `main:
  - repeat: forever
    steps:
      - compute: 1ms
`,
      { signal: controller.signal },
    );
    expect(run.outcome).toBe('cancelled');
    expect(performance.now() - start).toBeLessThan(5000);
  });

  it('is bounded by its timeout, reported as a finding', async () => {
    const run = await real(
      `main:
  - repeat: forever
    steps:
      - compute: 1ms
`,
      { timeoutMs: 400 },
    );
    expect(run.outcome).toBe('timeout');
    expect(run.findings).toEqual([expect.objectContaining({ kind: 'timeout' })]);
  });

  it('stops at run_for, which is not a finding', async () => {
    const run = await real(`run_for: 200ms
main:
  - repeat: forever
    steps:
      - sleep: 5ms
`);
    expect(run.outcome).toBe('time_limit');
    expect(run.findings).toEqual([]);
  });

  it('a worker that throws is reported and the others are stopped', async () => {
    const good = compile(`resources:
  a: lock
processes:
  broken:
    - acquire: a
  steady:
    - repeat: forever
      steps:
        - compute: 1ms
`);
    // An instruction naming a resource that does not exist makes the worker throw.
    const broken: Program = {
      ...good,
      templates: good.templates.map((t) =>
        t.name === 'broken' ? { ...t, code: [{ ...t.code[0]!, op: 'acquire', r: 99, timeout: null } as (typeof t.code)[number]] } : t,
      ),
    };
    const run = await runProgram(broken, { workers: 2, seed: 1, itersPerNs: itersPerNs(), timeoutMs: 20_000, traceCap: 0, valueGapNs: 0 });
    expect(run.outcome).toBe('crashed');
    expect(run.findings).toEqual([expect.objectContaining({ kind: 'crash', process: 'broken' })]);
    expect(run.threadsLeft).toBe(0);
  });

  it('a process spawning past the limit in a loop stops the run at once, with one finding that names the limit', async () => {
    const run = await real(
      `workers: [1]
processes:
  b:
    count: 1
    steps:
      - sleep: 1h
  a:
    - repeat: forever
      steps:
        - spawn: b
          count: 100000
`,
      { workers: 1, timeoutMs: 5_000 },
    );
    expect(run.outcome).toBe('crashed');
    const limits = run.findings.filter((f) => f.kind === 'crash' && f.message.includes('processes in one real run; that is the limit'));
    expect(limits).toHaveLength(1);
    expect(run.findings).toHaveLength(1);
  });
});
