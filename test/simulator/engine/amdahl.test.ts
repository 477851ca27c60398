import { describe, expect, it } from 'vitest';
import { profile, sim } from './simulate-helpers.js';

describe("Amdahl's law under the ideal machine", () => {
  it('holds exactly at 1, 2, 4 and 8 workers when the parallel work divides evenly', () => {
    const result = sim(
      profile(`workers: [1, 2, 4, 8]
main:
  - compute: 30ms
  - map: {items: 840, cost: 1ms, chunksize: 1}
  - compute: 10ms
`),
    );
    expect(result.serial_fraction).toBeCloseTo(40 / 880, 12);
    for (const run of result.runs) {
      expect(run.simulated.makespan_ms).toBeCloseTo(40 + 840 / run.workers, 9);
      expect(run.simulated.speedup).toBeCloseTo(run.amdahl_speedup!, 12);
    }
  });

  it('spawned processes doing equal shares scale the same way', () => {
    const result = sim(
      profile(
        `workers: [1, 2, 4, 8]
processes:
  part:
    count: $workers
    steps:
      - compute: 96ms / $workers
main:
  - compute: 4ms
  - spawn: part
  - join: part
`.replace('96ms / $workers', '12ms'),
      ),
      { cores: null },
    );
    // Each of $workers parts computes 12 ms on its own core: 4 + 12 ms at every count.
    for (const run of result.runs) expect(run.simulated.makespan_ms).toBe(16);
  });
});
