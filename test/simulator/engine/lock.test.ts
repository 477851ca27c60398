import { describe, expect, it } from 'vitest';
import { simulate } from '../../../simulator/index.js';
import { compile, only, profile, sim } from './simulate-helpers.js';

const contended = profile(`workers: [4]
resources:
  a: lock
processes:
  w:
    count: 4
    steps:
      - acquire: a
      - compute: 10ms
      - release: a
`);

describe('Lock', () => {
  it('lets one holder at a time in, even with a core each', () => {
    const run = only(sim(contended));
    expect(run.makespan_ms).toBe(40);
    expect(run.locks.a).toEqual({ acquisitions: 4, contended: 3, wait_ms: 10 + 20 + 30, max_wait_ms: 30, hold_ms: 40 });
  });

  it('hands the lock to waiters in the order they began to wait (FIFO)', () => {
    const { result, traces } = simulate(
      compile(
        profile(`workers: [4]
resources:
  a: lock
processes:
  first:
    - acquire: a
    - sleep: 10ms
    - release: a
  third:
    - sleep: 3ms
    - acquire: a
    - release: a
  second:
    - sleep: 2ms
    - acquire: a
    - release: a
  fourth:
    - sleep: 4ms
    - acquire: a
    - release: a
`),
      ),
      { traceCap: 10_000 },
    );
    expect(only(result).outcome).toBe('completed');
    const trace = traces[0]!;
    const a = trace.resources.find((r) => r.name === 'a')!.id;
    const takers = trace.ops.filter(([, , op, r]) => op === 'acquire' && r === a).map(([, p]) => trace.processes[p]!.name);
    expect(takers).toEqual(['first', 'second', 'third', 'fourth']);
  });

  it('an acquire that times out goes on without the lock', () => {
    const run = only(
      sim(
        profile(`workers: [2]
resources:
  a: lock
processes:
  holder:
    - acquire: a
    - sleep: 50ms
    - release: a
  impatient:
    - sleep: 1ms
    - acquire: a
      timeout: 5ms
    - compute: 1ms
`),
      ),
    );
    expect(run.outcome).toBe('completed');
    expect(run.processes.impatient!.blocked_on.a).toBe(5);
  });

  it('release of an unheld lock is a misuse finding, not a crash', () => {
    const result = sim(profile('workers: [1]\nresources:\n  a: lock\nmain:\n  - release: a\n  - compute: 1ms\n'));
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'misuse', process: 'main', resource: 'a', line: 7 })]);
    expect(only(result).outcome).toBe('completed');
  });
});

describe('RLock', () => {
  it('is re-entrant for its holder and free only after as many releases', () => {
    const run = only(
      sim(
        profile(`workers: [2]
resources:
  r: rlock
processes:
  holder:
    - acquire: r
    - acquire: r
    - compute: 5ms
    - release: r
    - compute: 5ms
    - release: r
  other:
    - sleep: 1ms
    - acquire: r
    - release: r
`),
      ),
    );
    expect(run.outcome).toBe('completed');
    expect(run.processes.other!.blocked_on.r).toBe(9);
  });

  it('release by a process that does not hold it is misuse', () => {
    const result = sim(
      profile(`workers: [2]
resources:
  r: rlock
processes:
  holder:
    - acquire: r
    - sleep: 5ms
    - release: r
  thief:
    - sleep: 1ms
    - release: r
`),
    );
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'misuse', process: 'thief', resource: 'r' })]);
  });
});
