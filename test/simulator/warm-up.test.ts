import { describe, expect, it } from 'vitest';
import { PROCESS_STATES, simulate, warmUp, warmUpProgram, type Trace } from '../../simulator/index.js';
import { WARM_UP_PROFILE } from '../../simulator/warm-up.js';
import { compile } from './engine/simulate-helpers.js';

/** The time, in ms, of each `op` of the named process in a trace. */
function opTimes(trace: Trace, process: string, op: string): number[] {
  const id = trace.processes.find((p) => p.name === process)!.id;
  return trace.ops.filter((o) => o[1] === id && o[2] === op).map((o) => o[0] / 1e6);
}

describe('the warm-up program', () => {
  const program = compile(WARM_UP_PROFILE);

  it('is made as the profile compiler makes it from its text, field for field and in the same order (V8 shapes objects by that order)', () => {
    expect(JSON.stringify(warmUpProgram())).toBe(JSON.stringify(program));
  });

  it('on eight cores, leaves cores idle as its processes end one by one, and wakes the sleeper to a free core', () => {
    const { result, traces } = simulate(program, { traceCap: 10_000 });
    expect(result.runs.map((r) => r.simulated.outcome)).toEqual(['completed']);
    expect(result.findings).toEqual([]);
    const trace = traces[0]!;
    expect(opTimes(trace, 'short', 'end')).toEqual([1]);
    expect(opTimes(trace, 'medium', 'end')).toEqual([3]);
    expect(opTimes(trace, 'long', 'end')).toEqual([5]);
    expect(trace.ops.filter((o) => o[2] === 'preempt')).toEqual([]);
    expect(opTimes(trace, 'sleeper', 'end')).toEqual([2.01]);
  });

  it('on one core, has the holder and the sleeper preempt the long computation, which takes its core back with work left', () => {
    const { traces } = simulate(program, { workers: [1], traceCap: 10_000 });
    const trace = traces[0]!;
    const id = (name: string) => trace.processes.find((p) => p.name === name)!.id;
    const preempts = trace.ops.filter((o) => o[2] === 'preempt');
    expect(preempts.map((o) => [o[1], o[4]])).toEqual([
      [id('long'), id('holder')],
      [id('long'), id('sleeper')],
    ]);
    // It had run part of its 5 ms when preempted, and ran the rest after.
    expect(opTimes(trace, 'long', 'end')[0]).toBeGreaterThan(preempts[1]![0] / 1e6);
  });

  it('on one core, hands the lock at each release to a taker that must then wait for the core, each taker waiting for the lock again and again', () => {
    const { traces } = simulate(program, { workers: [1], traceCap: 10_000 });
    const trace = traces[0]!;
    const ready = PROCESS_STATES.indexOf('ready');
    const takers = new Set(trace.processes.filter((p) => p.name.startsWith('takers[')).map((p) => p.id));
    // Woken by a taker's release, which goes on to its 90 us on the one core: ready from then, for a while.
    const handed = trace.ops.filter((o) => o[2] === 'wake' && takers.has(o[1]) && takers.has(o[4]));
    expect(handed).toHaveLength(8);
    for (const [at, who] of handed) expect(trace.spans.some((s) => s[0] === who && s[1] === ready && s[2] === at && s[3] > at)).toBe(true);
    for (const id of takers) expect(handed.filter((o) => o[1] === id).length).toBeGreaterThanOrEqual(2);
  });

  it('on eight cores, has takers wait for the lock more than once', () => {
    const { traces } = simulate(program, { traceCap: 10_000 });
    expect(opTimes(traces[0]!, 'takers[2]', 'wake')).toHaveLength(3);
  });

  it('leaves nothing behind: a simulation after it is the same to the byte', () => {
    const other = compile(`version: 1
name: other
workers: [1, 3]
resources: {a: lock, s: {semaphore: 2}}
processes:
  p:
    count: 4
    steps:
      - repeat: 5
        steps: [{acquire: s}, {acquire: a}, {compute: {uniform: [1us, 50us]}}, {release: a}, {release: s}, {sleep: 20us}]
`);
    const before = JSON.stringify(simulate(other, { traceCap: 10_000 }));
    warmUp();
    expect(JSON.stringify(simulate(other, { traceCap: 10_000 }))).toBe(before);
  });
});
