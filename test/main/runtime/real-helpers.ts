import { expect } from 'vitest';
import { parseProfile, type Program } from '../../../simulator/index.js';
import { measureKernelSpeed } from '../../../main/runtime/cpu-kernel.js';
import { runProgram, type RealRun, type RealRunOptions } from '../../../main/runtime/run-program.js';

let speed: number | null = null;

/** This thread's kernel speed, measured once per test file. */
export function itersPerNs(): number {
  speed ??= measureKernelSpeed(20);
  return speed;
}

export function compile(yaml: string): Program {
  const parsed = parseProfile(`version: 1\nname: real test\n${yaml}`, 'test.yaml');
  if (!parsed.ok) expect.fail(parsed.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n'));
  return parsed.program;
}

/** Runs an inline profile for real; every run must leave no worker thread behind. */
export async function real(yaml: string, options: Partial<RealRunOptions> = {}): Promise<RealRun> {
  const run = await runProgram(compile(yaml), {
    workers: 2,
    seed: 1,
    itersPerNs: itersPerNs(),
    timeoutMs: 20_000,
    traceCap: 10_000,
    valueGapNs: 500,
    ...options,
  });
  expect(run.threadsLeft).toBe(0);
  return run;
}
