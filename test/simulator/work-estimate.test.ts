import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amdahlSpeedup, estimateWork, type WorkEstimate } from '../../simulator/index.js';
import { lines, load } from './profile-helpers.js';

const estimate = (text: string): WorkEstimate => estimateWork(load(text));

function known(text: string): { serialNs: number; parallelNs: number; serialFraction: number } {
  const w = estimate(text);
  if (!w.known) expect.fail(`expected a known split, got: ${w.reason}`);
  return w;
}

const withProcesses = (...body: string[]) => lines('version: 1', 'name: x', ...body);

/** A profile of one process `w` with these resources (`name: kind`) and steps (indented as under `w:`). */
const oneProcess = (resources: readonly string[], ...steps: string[]) =>
  withProcesses('resources:', ...resources.map((r) => `  ${r}`), 'processes:', '  w:', ...steps.map((step) => `    ${step}`));

describe('the work estimate', () => {
  it('splits the big-sum example of PROFILES.md: f = 20.1 / (20.1 + 201)', () => {
    const w = known(
      lines(
        'version: 1',
        'name: Sum of A + B, then a chunked reduction',
        'workers: [1, 2, 4, 8]',
        'main:',
        '  - compute: 20ms',
        '  - starmap: {items: 100000, cost: 2us, chunksize: auto}',
        '  - map: {items: $workers, cost: 1ms}',
        '  - compute: 100us',
      ),
    );
    // Serial: main's own compute, 20 ms + 100 us. Parallel at $workers = 1: 100000 × 2 us + 1 × 1 ms.
    expect(w.serialNs).toBe(20_100_000);
    expect(w.parallelNs).toBe(201_000_000);
    expect(w.serialFraction).toBeCloseTo(20.1 / (20.1 + 201), 12);
  });

  it('evaluates counts at $workers = 1, whatever the sweep', () => {
    const w = known(lines('version: 1', 'name: x', 'workers: [4, 8]', 'main:', '  - compute: 1ms', '  - map: {items: $workers * 10, cost: 1ms}'));
    expect(w.parallelNs).toBe(10_000_000);
  });

  it('a forever loop makes the split unknown, saying why', () => {
    const w = estimate(withProcesses('processes:', '  w:', '    - repeat: forever', '      steps:', '        - compute: 1ms'));
    expect(w).toEqual({ known: false, reason: 'a repeat runs forever, so the work depends on timing' });
  });

  it('a loop while an event is set makes the split unknown', () => {
    const w = estimate(
      withProcesses('resources:', '  go: event', 'processes:', '  w:', '    - repeat: {while_set: go}', '      steps:', '        - compute: 1ms'),
    );
    expect(w).toEqual({ known: false, reason: 'a repeat runs while an event is set, so the work depends on timing' });
  });

  it('a counted loop that a sentinel can end early makes the split unknown', () => {
    const w = estimate(oneProcess(['q: queue'], '- repeat: 10', '  steps:', '    - get: q', '      until: stop', '    - compute: 1ms'));
    expect(w).toEqual({ known: false, reason: 'a repeat ends when a queue item arrives, so the work depends on timing' });
  });

  it('a profile without compute has no split', () => {
    const w = estimate(withProcesses('main:', '  - sleep: 1s'));
    expect(w).toEqual({ known: false, reason: 'the profile declares no compute' });
  });

  it('compute under a lock counts as serial, even in a worker process', () => {
    const w = known(
      withProcesses('resources:', '  a: lock', 'processes:', '  w:', '    - acquire: a', '    - compute: 1ms', '    - release: a', '    - compute: 3ms'),
    );
    expect(w).toMatchObject({ serialNs: 1_000_000, parallelNs: 3_000_000, serialFraction: 0.25 });
  });

  it("compute under an rlock or a condition's lock counts for that lock, and the busiest lock's is serial", () => {
    const w = known(
      oneProcess(
        ['r: rlock', 'cv: condition'],
        '- acquire: r',
        '- compute: 1ms',
        '- release: r',
        '- acquire: cv',
        '- compute: 2ms',
        '- release: cv',
        '- compute: 4ms',
      ),
    );
    // 2 ms under the condition's lock is serial; the 1 ms under r can run beside it.
    expect(w).toMatchObject({ serialNs: 2_000_000, parallelNs: 5_000_000 });
  });

  it('compute under different locks can run at once: only the busiest lock serialises', () => {
    const w = known(
      withProcesses(
        'resources:',
        '  a: lock',
        '  b: lock',
        'processes:',
        '  left:',
        '    count: 3',
        '    steps:',
        '      - acquire: a',
        '      - compute: 1ms',
        '      - release: a',
        '      - compute: 2ms',
        '  right:',
        '    count: 2',
        '    steps:',
        '      - acquire: b',
        '      - compute: 2ms',
        '      - release: b',
      ),
    );
    // Under a: 3 × 1 ms; under b: 2 × 2 ms, the busiest. The rest (3 ms under a, 6 ms free) is parallel.
    expect(w).toMatchObject({ serialNs: 4_000_000, parallelNs: 9_000_000 });
  });

  it('compute under nested locks counts for each lock held, and once in the total', () => {
    const w = known(
      withProcesses(
        'resources:',
        '  a: lock',
        '  b: lock',
        'processes:',
        '  w:',
        '    count: 2',
        '    steps:',
        '      - acquire: a',
        '      - acquire: b',
        '      - compute: 2ms',
        '      - release: b',
        '      - compute: 1ms',
        '      - release: a',
        '      - acquire: b',
        '      - compute: 3ms',
        '      - release: b',
      ),
    );
    // Under a: 2 × (2 + 1) = 6 ms; under b: 2 × (2 + 3) = 10 ms, the busiest; 12 ms of work in all.
    expect(w).toMatchObject({ serialNs: 10_000_000, parallelNs: 2_000_000 });
  });

  it('an rlock taken in each pass of a repeat and released after it is held for every pass but the first’s start', () => {
    const w = known(
      oneProcess(
        ['r: rlock'],
        '- repeat: 3',
        '  steps:',
        '    - compute: 1ms',
        '    - acquire: r',
        '- release: r',
        '- compute: 2ms',
        '- release: r',
        '- compute: 4ms',
        '- release: r',
        '- compute: 8ms',
      ),
    );
    // Under r: the second and third passes' 1 ms, and the 2 and 4 ms while it is still held (depth 2, then 1).
    expect(w).toMatchObject({ serialNs: 8_000_000, parallelNs: 9_000_000 });
  });

  it('a repeat of no passes takes no lock', () => {
    const w = known(oneProcess(['r: rlock'], '- repeat: $workers - 1', '  steps:', '    - acquire: r', '- compute: 1ms'));
    expect(w).toMatchObject({ serialNs: 0, parallelNs: 1_000_000 });
  });

  it('a repeat that gives up, pass by pass, a lock taken before it runs its last pass without it', () => {
    const w = known(
      oneProcess(['r: rlock'], '- acquire: r', '- acquire: r', '- acquire: r', '- repeat: 3', '  steps:', '    - release: r', '    - compute: 1ms'),
    );
    expect(w).toMatchObject({ serialNs: 2_000_000, parallelNs: 1_000_000 });
  });

  it('says it cannot add up a repeat of random passes that keeps a lock, and stays quick with deep nesting', () => {
    const random = estimate(oneProcess(['r: rlock'], '- repeat: {geometric: 0.4}', '  steps:', '    - acquire: r', '    - compute: 1ms'));
    expect(random).toMatchObject({ known: false });
    expect(random.known === false && random.reason).toContain('takes or gives up a lock it keeps');
    // Twenty-two repeats of two, nested, with an rlock taken innermost: walked pass by pass this is
    // millions of walks; the estimate gives up within its budget instead.
    const depth = 22;
    const nested = ['resources:', '  r: rlock', 'processes:', '  w:'];
    for (let k = 0; k < depth; k++) nested.push(`${'  '.repeat(k + 2)}- repeat: 2`, `${'  '.repeat(k + 2)}  steps:`);
    nested.push(`${'  '.repeat(depth + 2)}- acquire: r`, `${'  '.repeat(depth + 2)}- compute: 1ms`);
    expect(estimate(withProcesses(...nested))).toEqual({ known: false, reason: 'its repeats nest too deep to add up' });
  });

  it('walks up to 64 passes of a repeat that keeps a lock, one by one; past that it says it cannot', () => {
    const repeat = (passes: number) => estimate(oneProcess(['r: rlock'], `- repeat: ${passes}`, '  steps:', '    - compute: 1ms', '    - acquire: r'));
    // 64 passes: the first's compute runs before r is taken, the other 63 under it.
    expect(repeat(64)).toMatchObject({ known: true, serialNs: 63_000_000, parallelNs: 1_000_000 });
    expect(repeat(65)).toMatchObject({ known: false });
  });

  it("charges the walk budget only for a body's walks past its first: many instances each walking a short repeat add up", () => {
    // 10,000 processes whose work reads $i, each a repeat of 3 passes taking an rlock: 20,000 extra walks in all, within budget.
    const w = known(
      withProcesses(
        'resources:',
        '  r: rlock',
        'processes:',
        '  w:',
        '    count: 10000',
        '    steps:',
        '      - repeat: 3 + $i - $i',
        '        steps:',
        '          - acquire: r',
        '          - compute: 1us',
      ),
    );
    expect(w.serialNs + w.parallelNs).toBe(30_000_000);
  });

  it("the SimPy contention model's ten locks each serialise a tenth of its locked work", () => {
    const w = known(readFileSync(join(import.meta.dirname, '..', '..', 'bench', 'profiles', 'contention.yaml'), 'utf8'));
    expect(w.serialFraction).toBeCloseTo(0.01, 12);
  });

  it('compute under a semaphore stays parallel: several holders can run at once', () => {
    const w = known(withProcesses('resources:', '  s: {semaphore: 2}', 'processes:', '  w:', '    - acquire: s', '    - compute: 1ms', '    - release: s'));
    expect(w).toMatchObject({ serialNs: 0, parallelNs: 1_000_000 });
  });

  it('sleep uses no core and is left out', () => {
    const w = known(withProcesses('main:', '  - compute: 1ms', '  - sleep: 1s'));
    expect(w).toMatchObject({ serialNs: 1_000_000, parallelNs: 0, serialFraction: 1 });
  });

  it('a repeat multiplies its body, a geometric repeat by its mean 1/p', () => {
    const w = known(
      withProcesses(
        'processes:',
        '  w:',
        '    - repeat: 10',
        '      steps:',
        '        - compute: 1ms',
        '    - repeat: {geometric: 0.25}',
        '      steps:',
        '        - compute: 1us',
      ),
    );
    expect(w.parallelNs).toBe(10_000_000 + 4_000);
  });

  it('instances multiply their work: spawned counts and counts of templates that start at once', () => {
    const spawned = known(
      withProcesses(
        'processes:',
        '  w:',
        '    count: 3',
        '    steps:',
        '      - compute: 1ms',
        'main:',
        '  - spawn: w',
        '  - spawn: w',
        '    count: 5',
        '  - join: w',
      ),
    );
    expect(spawned.parallelNs).toBe(8_000_000);
    const atStart = known(withProcesses('processes:', '  w:', '    count: 6', '    steps:', '      - compute: 1ms'));
    expect(atStart.parallelNs).toBe(6_000_000);
  });

  it('a template spawned by another is counted through its spawner, not also at start', () => {
    const w = known(
      withProcesses('processes:', '  parent:', '    - spawn: child', '    - join: child', '  child:', '    count: 2', '    steps:', '      - compute: 1ms'),
    );
    expect(w.parallelNs).toBe(2_000_000);
  });

  it('work that reads $i is summed instance by instance', () => {
    const w = known(withProcesses('processes:', '  w:', '    count: 4', '    steps:', '      - repeat: $i', '        steps:', '          - compute: 1ms'));
    // 0 + 1 + 2 + 3 passes.
    expect(w.parallelNs).toBe(6_000_000);
  });

  it('apply_async adds every task, and a distribution counts at its mean', () => {
    const w = known(withProcesses('main:', '  - apply_async: [1ms, {uniform: [2ms, 4ms]}, {exponential: 5ms}]', '  - wait_pool'));
    expect(w.parallelNs).toBe(9_000_000);
  });
});

describe("Amdahl's law", () => {
  it('with no serial work the speedup is the worker count', () => {
    expect([1, 2, 8, 64].map((n) => amdahlSpeedup(0, n))).toEqual([1, 2, 8, 64]);
  });

  it('with all work serial there is no speedup', () => {
    expect([1, 2, 8].map((n) => amdahlSpeedup(1, n))).toEqual([1, 1, 1]);
  });

  it('f = 0.1 on 8 workers gives 1 / (0.1 + 0.9 / 8)', () => {
    expect(amdahlSpeedup(0.1, 8)).toBeCloseTo(4.705882352941, 10);
    expect(amdahlSpeedup(0.5, 2)).toBeCloseTo(4 / 3, 12);
  });

  it('one worker is always 1×; more workers never slow down, and never pass 1/f', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1, noNaN: true }), fc.integer({ min: 1, max: 1023 }), (f, n) => {
        expect(amdahlSpeedup(f, 1)).toBeCloseTo(1, 12);
        expect(amdahlSpeedup(f, n + 1)).toBeGreaterThanOrEqual(amdahlSpeedup(f, n) - 1e-12);
        expect(amdahlSpeedup(f, n)).toBeLessThanOrEqual(1 / f + 1e-9);
      }),
      { numRuns: 200 },
    );
  });
});
