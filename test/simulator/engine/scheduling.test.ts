import { describe, expect, it } from 'vitest';
import { simulate } from '../../../simulator/index.js';
import { compile, only, profile, sim } from './simulate-helpers.js';

const twoBusy = profile(`workers: [1]
processes:
  a:
    - compute: 20ms
  b:
    - compute: 20ms
`);

describe('scheduling on virtual cores', () => {
  it('time-slices runnable processes on too few cores, both finishing near the end', () => {
    const { result, traces } = simulate(compile(twoBusy), { traceCap: 1000, quantumNs: 5_000_000 });
    const run = only(result);
    expect(run.makespan_ms).toBe(40);
    expect(run.processes.a!.ready_ms).toBe(15);
    expect(run.processes.b!.ready_ms).toBe(20);
    // a ran 0-5, 10-15, 20-25, 30-35: four slices of the 5 ms quantum.
    const a = traces[0]!.processes.find((p) => p.name === 'a')!.id;
    const running = traces[0]!.spans.filter(([p, state]) => p === a && state === 0).map(([, , s, e]) => [s / 1e6, e / 1e6]);
    expect(running).toEqual([
      [0, 5],
      [10, 15],
      [20, 25],
      [30, 35],
    ]);
  });

  it('the quantum is settable', () => {
    const { result } = simulate(compile(twoBusy), { quantumNs: 20_000_000 });
    expect(only(result).processes.a!.ready_ms).toBe(0);
    expect(only(result).processes.b!.ready_ms).toBe(20);
  });

  it('sleep uses no core', () => {
    const run = only(sim(profile('workers: [1]\nprocesses:\n  a:\n    - sleep: 20ms\n  b:\n    - compute: 20ms\n')));
    expect(run.makespan_ms).toBe(20);
  });

  it('more cores than workers can be fixed with cores', () => {
    const run = only(sim(twoBusy, { cores: 2 }));
    expect(run.makespan_ms).toBe(20);
  });

  it('run_for stops a program that would run forever, and that is not a finding', () => {
    const result = sim(profile('workers: [1]\nrun_for: 50ms\nmain:\n  - repeat: forever\n    steps:\n      - compute: 1ms\n'));
    expect(only(result).outcome).toBe('time_limit');
    expect(only(result).makespan_ms).toBe(50);
    expect(result.findings).toEqual([]);
  });

  it('spawn starts instances with $i from 0, and join waits for all of them', () => {
    const run = only(
      sim(
        profile(`workers: [4]
resources:
  seen: {array: 3}
processes:
  child:
    count: 3
    steps:
      - compute: 2ms
      - add: seen[$i]
        by: $i + 1
main:
  - spawn: child
  - join: child
  - compute: 1ms
`),
      ),
    );
    expect(run.values.seen).toEqual([1, 2, 3]);
    expect(run.makespan_ms).toBe(3);
    expect(run.processes.child!.instances).toBe(3);
  });

  it('the spawn cost delays each started process', () => {
    const cost = { name: 't', source: 't', spawnNs: 5_000_000, dispatchNs: 0, byteNs: 0, lockNs: 0, wakeNs: 0, queueNs: 0, valueNs: 0 };
    const run = only(sim(profile('workers: [1]\nprocesses:\n  c:\n    - compute: 1ms\nmain:\n  - spawn: c\n  - join: c\n'), { cost }));
    expect(run.makespan_ms).toBe(6);
  });
});

describe('limits of a run', () => {
  it('a profile that would start ten billion processes stops at the process limit, without running out of memory', () => {
    const start = performance.now();
    const result = sim(
      profile(`workers: [2]
processes:
  child:
    count: 100000
    steps:
      - sleep: 1ms
  parent:
    count: 100000
    steps:
      - spawn: child
`),
    );
    expect(only(result).outcome).toBe('process_limit');
    expect(performance.now() - start).toBeLessThan(15_000);
  });
});
