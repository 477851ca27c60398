import { describe, expect, it } from 'vitest';
import { PROCESS_STATES } from '../../../simulator/index.js';
import { real } from './real-helpers.js';

const RUNNING = PROCESS_STATES.indexOf('running');

describe("the measured trace's start-ups", () => {
  it('draws a spawned process from its spawn step to its first step as running, as the simulated trace draws its spawn cost', async () => {
    const run = await real(`processes:
  child:
    - compute: 2ms
main:
  - compute: 5ms
  - spawn: child
  - join: child
`);
    expect(run.outcome).toBe('completed');
    const { processes, spans, ops } = run.trace;
    const main = processes.find((p) => p.name === 'main')!.id;
    const child = processes.find((p) => p.name === 'child')!.id;
    const spawnAt = ops.find(([, p, op]) => p === main && op === 'spawn')![0];
    const childSpans = spans.filter(([p]) => p === child).sort((a, b) => a[2] - b[2]);
    // The first span starts at the spawn (within the time the request takes to reach the runner), ...
    const [startUp, firstStep] = childSpans;
    expect(startUp![1]).toBe(RUNNING);
    expect(startUp![2]).toBeGreaterThanOrEqual(spawnAt);
    expect(startUp![2] - spawnAt).toBeLessThan(1e6);
    // ... and runs up to the child's first step, where its own spans take over with no gap.
    expect(startUp![3]).toBe(firstStep![2]);
    expect(startUp![3] - startUp![2]).toBeGreaterThan(0);
    // Every process has a start op; a spawned one names its parent.
    expect(ops.find(([, p, op]) => p === child && op === 'start')).toEqual([startUp![2], child, 'start', -1, main]);
    expect(ops.find(([, p, op]) => p === main && op === 'start')?.[4]).toBe(-1);
    // Its running time counts the start-up too, as the simulator counts a spawn's cost.
    const startUpMs = (startUp![3] - startUp![2]) / 1e6;
    expect(run.processes.child!.running_ms).toBeGreaterThanOrEqual(startUpMs + 1.5);
  });

  it('gives the first wave, which starts together at the gate, no start-up span', async () => {
    const run = await real(`processes:
  w:
    count: 2
    steps:
      - compute: 1ms
`);
    const firsts = run.trace.processes.map(({ id }) => {
      const spans = run.trace.spans.filter(([p]) => p === id).sort((a, b) => a[2] - b[2]);
      const start = run.trace.ops.find(([, p, op]) => p === id && op === 'start')!;
      // The first span is the process's own first step, at its start op, and at the gate or after it (time 0).
      expect(spans[0]![2]).toBe(start[0]);
      expect(spans[0]![2]).toBeGreaterThanOrEqual(0);
      return spans[0]!;
    });
    // Both start together at the gate, each with one compute of 1 ms from there and nothing before it:
    // one span each, that compute's.
    expect(Math.abs(firsts[0]![2] - firsts[1]![2])).toBeLessThan(5e6);
    for (const { id } of run.trace.processes) expect(run.trace.spans.filter(([p]) => p === id)).toHaveLength(1);
  });

  it("draws a pool worker's start-up from the first pool call, and gives it no start op, as the simulator gives none", async () => {
    const run = await real(`main:
  - compute: 2ms
  - map: {items: 4, cost: 1ms}
`);
    expect(run.outcome).toBe('completed');
    const { processes, spans, ops } = run.trace;
    const main = processes.find((p) => p.name === 'main')!.id;
    const callAt = ops.find(([, p, op]) => p === main && op === 'map')![0];
    const pool = processes.filter((p) => p.template === 'pool');
    expect(pool).toHaveLength(2);
    for (const { id } of pool) {
      const [startUp, next] = spans.filter(([p]) => p === id).sort((a, b) => a[2] - b[2]);
      expect(startUp![1]).toBe(RUNNING);
      expect(startUp![2]).toBeGreaterThanOrEqual(callAt);
      expect(startUp![2] - callAt).toBeLessThan(1e6);
      expect(startUp![3]).toBe(next![2]);
      expect(ops.some(([, p, op]) => p === id && op === 'start')).toBe(false);
    }
  });
});
