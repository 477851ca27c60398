import { expect } from 'vitest';
import { parseProfile, simulate, type Program, type SimulateOptions, type SimulationResult } from '../../../simulator/index.js';

/** Compiles a profile written inline, failing the test with its errors if it does not load. */
export function compile(yaml: string): Program {
  const parsed = parseProfile(yaml, 'test.yaml');
  if (!parsed.ok) expect.fail(parsed.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n'));
  return parsed.program;
}

/** Simulates an inline profile under the ideal machine unless told otherwise. */
export function sim(yaml: string, options: SimulateOptions = {}): SimulationResult {
  return simulate(compile(yaml), options).result;
}

/** The one run of a single-worker-count simulation. */
export function only(result: SimulationResult) {
  expect(result.runs).toHaveLength(1);
  return result.runs[0]!.simulated;
}

export const profile = (body: string) => `version: 1\nname: test\n${body}`;
