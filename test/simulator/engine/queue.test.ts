import { describe, expect, it } from 'vitest';
import { only, profile, sim } from './simulate-helpers.js';

describe('Queue', () => {
  it('a getter ends its loop at the sentinel after every item before it', () => {
    const run = only(
      sim(
        profile(`workers: [2]
resources:
  q: queue
  got: {value: 0}
processes:
  maker:
    - repeat: 100
      steps:
        - put: q
    - put: q
      item: dead
  worker:
    - repeat: forever
      steps:
        - get: q
          until: dead
        - increment: got
        - compute: 100us
`),
      ),
    );
    expect(run.outcome).toBe('completed');
    expect(run.values.got).toBe(100);
    expect(run.makespan_ms).toBeCloseTo(10, 9);
  });

  it('a bounded queue blocks its putter while full', () => {
    const run = only(
      sim(
        profile(`workers: [2]
resources:
  q: {queue: 2}
processes:
  maker:
    - repeat: 4
      steps:
        - put: q
  taker:
    - sleep: 10ms
    - repeat: 4
      steps:
        - get: q
`),
      ),
    );
    expect(run.processes.maker!.blocked_on.q).toBe(10);
    expect(run.outcome).toBe('completed');
  });

  it('a get that times out goes on without an item', () => {
    const run = only(sim(profile('workers: [1]\nresources:\n  q: queue\nmain:\n  - get: q\n    timeout: 3ms\n  - compute: 1ms\n')));
    expect(run.makespan_ms).toBe(4);
  });

  it('a get no one will put to is a hang', () => {
    const result = sim(profile('workers: [1]\nresources:\n  q: queue\nmain:\n  - get: q\n'));
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'hang', blocked: [expect.objectContaining({ process: 'main', on: 'queue get' })] })]);
  });
});
