import { describe, expect, it } from 'vitest';
import { simulate } from '../../../simulator/index.js';
import { compile, only, profile, sim } from './simulate-helpers.js';

describe('Condition', () => {
  it('wait releases the lock, and returns holding it again after a notify', () => {
    const run = only(
      sim(
        profile(`workers: [2]
resources:
  m: lock
  cv: {condition: m}
  done: {value: 0}
processes:
  consumer:
    - acquire: cv
    - wait: cv
    - increment: done
    - release: cv
  producer:
    - sleep: 1ms
    - acquire: m
    - compute: 4ms
    - notify: cv
    - compute: 2ms
    - release: m
expect:
  done: 1
`),
      ),
    );
    // The consumer wakes only when the producer releases m at 7 ms.
    expect(run.makespan_ms).toBe(7);
    expect(run.locks.m!.acquisitions).toBe(3);
    expect(run.values.done).toBe(1);
  });

  it('notify wakes one waiter, first come first served; notify_all wakes the rest', () => {
    const run = only(
      sim(
        profile(`workers: [4]
resources:
  cv: condition
  woken: {array: 3}
processes:
  w:
    count: 3
    steps:
      - acquire: cv
      - wait: cv
      - add: woken[$i]
        by: 1
      - release: cv
  n:
    - sleep: 1ms
    - acquire: cv
    - notify: cv
    - release: cv
`),
        { maxEvents: 10_000 },
      ),
    );
    expect(run.values.woken).toEqual([1, 0, 0]);
    expect(run.outcome).toBe('stuck');
  });

  it('a plain condition owns an rlock, so its holder may take it twice', () => {
    const run = only(
      sim(
        profile('workers: [1]\nresources:\n  cv: condition\nmain:\n  - acquire: cv\n  - acquire: cv\n  - notify_all: cv\n  - release: cv\n  - release: cv\n'),
      ),
    );
    expect(run.outcome).toBe('completed');
    expect(run.locks['cv.lock']!.acquisitions).toBe(1);
  });

  it('waiting without holding the lock is misuse', () => {
    const result = sim(profile('workers: [1]\nresources:\n  cv: condition\nmain:\n  - wait: cv\n'));
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'misuse', resource: 'cv', line: 7 })]);
  });

  it('a wait that times out gets its lock back before it goes on', () => {
    const run = only(
      sim(
        profile(`workers: [2]
resources:
  m: lock
  cv: {condition: m}
processes:
  waiter:
    - acquire: m
    - wait: cv
      timeout: 2ms
    - release: m
  holder:
    - sleep: 1ms
    - acquire: m
    - compute: 10ms
    - release: m
`),
      ),
    );
    // Timed out at 2 ms, but m is held until 11 ms.
    expect(run.makespan_ms).toBe(11);
    expect(run.outcome).toBe('completed');
  });

  it('a wait that times out is one timeout in the trace (it was written twice)', () => {
    const { traces } = simulate(
      compile(
        profile(`workers: [1]
resources:
  m: lock
  cv: {condition: m}
main:
  - acquire: m
  - wait: cv
    timeout: 2ms
  - release: m
`),
      ),
      { traceCap: 1000 },
    );
    expect(traces[0]!.ops.filter(([, , op]) => op === 'timeout').map(([t]) => t / 1e6)).toEqual([2]);
  });
});
