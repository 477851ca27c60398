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

  it('holds for spawned processes sharing the parallel work evenly', () => {
    const result = sim(
      profile(`workers: [1, 2, 4, 8]
processes:
  part:
    count: $workers
    steps:
      - repeat: 96 / $workers
        steps:
          - compute: 1ms
main:
  - compute: 4ms
  - spawn: part
  - join: part
`),
    );
    // 4 ms serial, then 96 ms shared by $workers parts on as many cores: f = 4 / 100.
    expect(result.serial_fraction).toBeCloseTo(0.04, 12);
    for (const run of result.runs) {
      expect(run.simulated.makespan_ms).toBeCloseTo(4 + 96 / run.workers, 9);
      expect(run.simulated.speedup).toBeCloseTo(run.amdahl_speedup!, 12);
    }
  });
});
