import { describe, expect, it } from 'vitest';
import { only, profile, sim } from './simulate-helpers.js';

const writers = (locked: boolean) =>
  profile(`workers: [1, 2, 6]
resources:
  counter: {value: 0}
  m: lock
  go: event
processes:
  writer:
    count: 6
    steps:
      - wait: go
${locked ? '      - acquire: m\n' : ''}      - increment: counter
${locked ? '      - release: m\n' : ''}main:
  - spawn: writer
  - set: go
  - join: writer
expect:
  counter: 6
`);

describe('Value', () => {
  it('unlocked increments on several cores lose updates, and the finding says by how much', () => {
    const result = sim(writers(false));
    const lost = result.findings.filter((f) => f.kind === 'lost_update');
    expect(lost.map((f) => f.workers)).toEqual([2, 6]);
    expect(lost[0]).toMatchObject({ resource: 'counter', expected: 6, line: 19 });
    expect(result.runs[0]!.simulated.values.counter).toBe(6);
    expect(result.runs[2]!.simulated.values.counter).toBeLessThan(6);
  });

  it('increments under a lock never lose one', () => {
    const result = sim(writers(true));
    expect(result.findings).toEqual([]);
    for (const run of result.runs) expect(run.simulated.values.counter).toBe(6);
  });

  it('add with a negative amount and array slots by $i', () => {
    const run = only(
      sim(
        profile(`workers: [1]
resources:
  totals: {array: 3}
processes:
  w:
    count: 3
    steps:
      - add: totals[$i]
        by: $i * 10 - 5
`),
      ),
    );
    expect(run.values.totals).toEqual([-5, 5, 15]);
  });
});
