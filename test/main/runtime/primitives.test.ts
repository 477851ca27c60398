import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { real } from './real-helpers.js';

describe('the real runtime: each primitive for real', () => {
  it('a lock makes non-atomic increments on several threads exact', async () => {
    const run = await real(`resources:
  m: lock
  counter: {value: 0}
processes:
  w:
    count: 3
    steps:
      - repeat: 3000
        steps:
          - acquire: m
          - increment: counter
          - release: m
expect:
  counter: 9000
`);
    expect(run.outcome).toBe('completed');
    expect(run.values.counter).toBe(9000);
    expect(run.locks.m!.acquisitions).toBe(9000);
    expect(run.findings).toEqual([]);
  });

  it('without the lock the same increments race and lose updates, reported as a finding', async () => {
    const run = await real(`resources:
  counter: {value: 0}
processes:
  w:
    count: 4
    steps:
      - repeat: 40000
        steps:
          - increment: counter
expect:
  counter: 160000
`);
    expect(run.values.counter).toBeLessThan(160000);
    expect(run.findings).toEqual([expect.objectContaining({ kind: 'lost_update', resource: 'counter', expected: 160000 })]);
  });

  it('an acquire with a timeout gives up and goes on', async () => {
    const run = await real(`resources:
  m: lock
processes:
  holder:
    - acquire: m
    - sleep: 300ms
    - release: m
  impatient:
    - sleep: 20ms
    - acquire: m
      timeout: 50ms
`);
    expect(run.outcome).toBe('completed');
    const waited = run.processes.impatient!.blocked_on.m!;
    expect(waited).toBeGreaterThanOrEqual(45);
    expect(waited).toBeLessThan(250);
  });

  it('an rlock is re-entrant, and its release by another process is misuse', async () => {
    const run = await real(`resources:
  r: rlock
processes:
  holder:
    - acquire: r
    - acquire: r
    - sleep: 100ms
    - release: r
    - release: r
  thief:
    - sleep: 20ms
    - release: r
`);
    expect(run.outcome).toBe('completed');
    expect(run.findings).toEqual([expect.objectContaining({ kind: 'misuse', process: 'thief', resource: 'r' })]);
  });

  it('a semaphore of 2 lets two of four sleepers in at a time', async () => {
    const run = await real(`resources:
  slots: {semaphore: 2}
processes:
  w:
    count: 4
    steps:
      - acquire: slots
      - sleep: 60ms
      - release: slots
`);
    expect(run.makespanNs / 1e6).toBeGreaterThanOrEqual(115);
    expect(run.makespanNs / 1e6).toBeLessThan(400);
    expect(run.locks.slots!.contended).toBe(2);
  });

  it('over-releasing a bounded semaphore is misuse', async () => {
    const run = await real(`resources:
  s: {bounded_semaphore: 1}
main:
  - acquire: s
  - release: s
  - release: s
`);
    expect(run.findings).toEqual([expect.objectContaining({ kind: 'misuse', resource: 's', line: 8 })]);
  });

  it('a count below zero is misuse, as in the simulator (it ran as zero without a word)', async () => {
    // Below zero for $i = 64 alone: the load-time checks look at the first 64 instances and the last. 66
    // threads: on the bundled worker (built by the tests' setup), which starts in a fraction of the time a
    // worker loading the sources through tsx takes (those took 20 s on a busy 2-core machine).
    process.env.INTERLEAVE_RUNTIME_WORKER = join(import.meta.dirname, '..', '..', '..', 'out', 'cli', 'runtime-worker.mjs');
    try {
      const run = await real(`processes:
  p:
    count: 66
    steps:
      - repeat: 1 - 2 / (($i - 64) * ($i - 64) + 1)
        steps: [{compute: 1us}]
`);
      expect(run.findings).toEqual([
        expect.objectContaining({ kind: 'misuse', process: 'p[64]', what: 'repeats -1 times (with $workers = 2, $i = 64); a count is at least 0', line: 7 }),
      ]);
      // A spawn's count and a pool call's items, likewise.
      const counts = await real(`processes:
  p:
    count: 66
    steps:
      - spawn: c
        count: 1 - 2 / (($i - 64) * ($i - 64) + 1)
  q:
    count: 66
    steps:
      - map: {items: 1 - 2 / (($i - 64) * ($i - 64) + 1), cost: 1us}
  c:
    count: 0
    steps:
      - compute: 1us
`);
      // (In the order the two threads came to them.)
      expect(counts.findings).toHaveLength(2);
      expect(counts.findings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'misuse', process: 'p[64]', what: 'spawns c -1 times (with $workers = 2, $i = 64); a count is at least 0', line: 7 }),
          expect.objectContaining({ kind: 'misuse', process: 'q[64]', what: 'maps -1 items (with $workers = 2, $i = 64); a count is at least 0', line: 12 }),
        ]),
      );
    } finally {
      delete process.env.INTERLEAVE_RUNTIME_WORKER;
    }
  }, 60_000);

  it('an event releases every waiter when set', async () => {
    const run = await real(`resources:
  go: event
  seen: {value: 0}
  m: lock
processes:
  waiter:
    count: 3
    steps:
      - wait: go
      - acquire: m
      - increment: seen
      - release: m
  setter:
    - sleep: 50ms
    - set: go
`);
    expect(run.values.seen).toBe(3);
    expect(run.makespanNs / 1e6).toBeGreaterThanOrEqual(50);
  });

  it('a condition wait releases its lock until notified, then holds it again', async () => {
    const run = await real(`resources:
  m: lock
  cv: {condition: m}
  done: {value: 0}
processes:
  consumer:
    - acquire: cv
    - wait: cv
      timeout: 5s
    - increment: done
    - release: cv
  producer:
    - sleep: 50ms
    - acquire: m
    - notify: cv
    - release: m
`);
    expect(run.outcome).toBe('completed');
    expect(run.values.done).toBe(1);
    expect(run.makespanNs / 1e6).toBeLessThan(2000);
  });

  it('a barrier releases its parties together', async () => {
    const run = await real(`resources:
  b: {barrier: 3}
  after: {array: 3}
processes:
  p:
    count: 3
    steps:
      - sleep: 20ms
      - wait: b
      - add: after[$i]
        by: 1
`);
    expect(run.outcome).toBe('completed');
    expect(run.values.after).toEqual([1, 1, 1]);
  });

  it('a queue carries every item to the sentinel, and a bounded one blocks its putter', async () => {
    const run = await real(`resources:
  q: {queue: 4}
  got: {value: 0}
processes:
  maker:
    - repeat: 200
      steps:
        - put: q
    - put: q
      item: dead
  taker:
    - sleep: 30ms
    - repeat: forever
      steps:
        - get: q
          until: dead
        - increment: got
`);
    expect(run.outcome).toBe('completed');
    expect(run.values.got).toBe(200);
    expect(run.processes.maker!.blocked_on.q!).toBeGreaterThan(10);
  });

  it('spawn and join, and a pool map with apply_async', async () => {
    const run = await real(`resources:
  seen: {array: 3}
processes:
  child:
    count: 3
    steps:
      - add: seen[$i]
        by: $i + 1
main:
  - spawn: child
  - join: child
  - map: {items: 40, cost: 100us, chunksize: auto}
  - apply_async: [1ms, 2ms]
  - wait_pool
`);
    expect(run.outcome).toBe('completed');
    expect(run.values.seen).toEqual([1, 2, 3]);
    expect(run.processes.pool!.instances).toBe(2);
  });
});
