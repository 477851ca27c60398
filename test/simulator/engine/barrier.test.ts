import { describe, expect, it } from 'vitest';
import { only, profile, sim } from './simulate-helpers.js';

describe('Barrier', () => {
  it('releases every party when the last one arrives', () => {
    const run = only(
      sim(
        profile(`workers: [3]
resources:
  b: {barrier: 3}
processes:
  p1:
    - compute: 1ms
    - wait: b
    - compute: 1ms
  p2:
    - compute: 2ms
    - wait: b
    - compute: 1ms
  p3:
    - compute: 5ms
    - wait: b
    - compute: 1ms
`),
      ),
    );
    expect(run.makespan_ms).toBe(6);
    expect(run.processes.p1!.blocked_on.b).toBe(4);
  });

  it('a barrier that never fills is a hang naming who waits', () => {
    const result = sim(profile('workers: [2]\nresources:\n  b: {barrier: 3}\nprocesses:\n  p:\n    count: 2\n    steps:\n      - wait: b\n'));
    const hang = result.findings.find((f) => f.kind === 'hang');
    expect(hang).toMatchObject({
      blocked: [
        { process: 'p[0]', waits_for: 'b', on: 'barrier' },
        { process: 'p[1]', waits_for: 'b', on: 'barrier' },
      ],
    });
  });

  it('a wait that times out breaks the barrier for every waiter', () => {
    const result = sim(
      profile('workers: [2]\nresources:\n  b: {barrier: 3}\nprocesses:\n  p:\n    count: 2\n    steps:\n      - wait: b\n        timeout: 1ms\n'),
    );
    expect(result.findings.filter((f) => f.kind === 'misuse')).toHaveLength(2);
    expect(only(result).outcome).toBe('completed');
  });
});
