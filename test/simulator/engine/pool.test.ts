import { describe, expect, it } from 'vitest';
import { NO_OVERHEADS } from '../../../simulator/index.js';
import { only, profile, sim } from './simulate-helpers.js';

describe('the pool', () => {
  it('a map of 100,000,000 items in chunks of one (the limit) is queued as one entry, its chunks made as workers take them: a run_for of 1 ms ends it at once', () => {
    // Each chunk was an object made at the call: the run ran out of memory before the first chunk ran.
    const result = sim(
      profile(`workers: [2]
run_for: 1ms
main:
  - map: {items: 100000000, cost: 1ns, chunksize: 1}
`),
    );
    expect(only(result).outcome).toBe('time_limit');
  });

  it("follows CPython's auto chunksize: 1,000 tasks of 1 ms on 4 workers take 252 ms", () => {
    const run = only(sim(profile('workers: [4]\nmain:\n  - map: {items: 1000, cost: 1ms, chunksize: auto}\n')));
    expect(run.makespan_ms).toBe(252);
  });

  it('with chunksize 1 the same tasks take 250 ms', () => {
    const run = only(sim(profile('workers: [4]\nmain:\n  - map: {items: 1000, cost: 1ms, chunksize: 1}\n')));
    expect(run.makespan_ms).toBe(250);
  });

  it('imap defaults to chunksize 1', () => {
    const run = only(sim(profile('workers: [4]\nmain:\n  - imap: {items: 1000, cost: 1ms}\n')));
    expect(run.makespan_ms).toBe(250);
  });

  it('apply_async goes on at once, and wait_pool waits for every task submitted', () => {
    const run = only(sim(profile('workers: [2]\nmain:\n  - apply_async: [10ms, 30ms]\n  - compute: 5ms\n  - wait_pool\n')));
    // Two cores for main and two pool workers: the 10 ms task runs beside main's 5 ms,
    // and the 30 ms task gets a core when main blocks in wait_pool at 5 ms.
    expect(run.makespan_ms).toBe(35);
    expect(run.processes.main!.blocked_on).toEqual({});
    expect(run.processes.main!.blocked_ms).toBe(30);
    expect(run.processes.pool!.instances).toBe(2);
  });

  it('a pool of its own size runs regardless of $workers', () => {
    const run = only(sim(profile('workers: [1]\npool: {workers: 4}\nmain:\n  - map: {items: 4, cost: 10ms, chunksize: 1}\n'), { cores: 4 }));
    expect(run.makespan_ms).toBe(10);
  });

  it('pays dispatch and bytes per chunk under a cost model', () => {
    const cost = { ...NO_OVERHEADS, dispatchNs: 1_000_000, byteNs: 1 };
    const run = only(sim(profile('workers: [1]\nmain:\n  - map: {items: 4, cost: 1ms, chunksize: 2, arg_bytes: 500000}\n'), { cost }));
    // Two chunks, each: 1 ms dispatch + 2 items × 0.5 ms of bytes + 2 ms of work.
    expect(run.makespan_ms).toBe(8);
  });
});
