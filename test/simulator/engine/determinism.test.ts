import { describe, expect, it } from 'vitest';
import { DEFAULT_OVERHEADS, simulate, simulateBaseline, simulateSweep } from '../../../simulator/index.js';
import { compile, profile } from './simulate-helpers.js';

const random = profile(`workers: [1, 2, 4]
resources:
  m: lock
  q: {queue: 3}
  total: {value: 0}
processes:
  maker:
    count: 2
    steps:
      - repeat: {geometric: 0.2}
        steps:
          - sleep: {exponential: 2ms}
          - put: q
  taker:
    - repeat: forever
      steps:
        - get: q
          timeout: 20ms
        - compute: {uniform: [100us, 900us]}
        - acquire: m
        - increment: total
        - compute: {normal: [200us, 50us]}
        - release: m
run_for: 500ms
`);

describe('determinism', () => {
  it('the same profile and seed give the same result document and trace, to the byte', () => {
    const program = compile(random);
    const a = simulate(program, { cost: DEFAULT_OVERHEADS, traceCap: 100_000 });
    const b = simulate(program, { cost: DEFAULT_OVERHEADS, traceCap: 100_000 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('different seeds differ where the profile draws at random', () => {
    const program = compile(random);
    const a = simulate(program, { seed: 1 }).result;
    const b = simulate(program, { seed: 2 }).result;
    expect(JSON.stringify(a.runs)).not.toBe(JSON.stringify(b.runs));
  });

  it('a small run matches its snapshot (a change to the engine that moves any event shows here)', () => {
    const { result, traces } = simulate(compile(random), { workers: [2], traceCap: 400 });
    expect({ result, trace: traces[0] }).toMatchSnapshot();
  });
});

describe('a baseline run elsewhere', () => {
  it('gives the same result, to the byte, as simulate running it itself', () => {
    const program = compile(random);
    const options = { workers: [2, 4], cost: DEFAULT_OVERHEADS, traceCap: 1000 };
    const sweep = simulateSweep(program, options);
    expect(sweep.needsBaseline).toBe(true);
    const elsewhere = sweep.finish(simulateBaseline(program, options));
    expect(JSON.stringify(elsewhere)).toBe(JSON.stringify(simulate(program, options)));
  });

  it('is not needed, and not used, when the sweep has one worker', () => {
    const program = compile(random);
    const sweep = simulateSweep(program, { workers: [1, 2] });
    expect(sweep.needsBaseline).toBe(false);
    const wrong = sweep.finish({ endTime: 1, outcome: 'completed' });
    expect(JSON.stringify(wrong)).toBe(JSON.stringify(simulate(program, { workers: [1, 2] })));
  });
});

describe('the trace cap', () => {
  it('keeps memory flat on a large run and says in the result how much was dropped', () => {
    const { result, traces } = simulate(compile(random), { workers: [4], traceCap: 100 });
    const run = result.runs[0]!.simulated;
    expect(run.trace).toEqual({ cap: 100, dropped: traces[0]!.dropped });
    expect(traces[0]!.spans.length).toBeLessThanOrEqual(50);
    expect(traces[0]!.ops.length).toBeLessThanOrEqual(50);
    expect(traces[0]!.dropped).toBeGreaterThan(0);
    expect(simulate(compile(random), { workers: [4] }).result.runs[0]!.simulated.trace).toBeNull();
  });
});
