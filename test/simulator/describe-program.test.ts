import { describe, expect, it } from 'vitest';
import { describeProgram } from '../../simulator/index.js';
import { lines, load } from './profile-helpers.js';

describe('a program summary', () => {
  it('says how each process starts, its count over the sweep, and what each resource holds', () => {
    const program = load(
      lines(
        'version: 1',
        'name: Summary',
        'description: A test',
        'workers: [1, 2, 4]',
        'resources:',
        '  q: {queue: $workers * 2}',
        '  cv: condition',
        '  t: {array: 3}',
        'processes:',
        '  w:',
        '    count: $workers',
        '    steps:',
        '      - repeat: 2',
        '        steps:',
        '          - put: q',
        'main:',
        '  - spawn: w',
        '  - join: w',
      ),
    );
    const summary = describeProgram(program);
    expect(summary).toMatchObject({ name: 'Summary', description: 'A test', sweep: [1, 2, 4], seed: 1, runForNs: null });
    expect(summary.processes).toEqual([
      { name: 'w', count: '1/2/4', starts: 'when spawned', steps: 2 },
      { name: 'main', count: '1', starts: 'main', steps: 2 },
    ]);
    expect(summary.resources).toEqual([
      { name: 'q', kind: 'queue', detail: 'holds 2/4/8' },
      { name: 't', kind: 'array', detail: '3 slots' },
      { name: 'cv', kind: 'condition', detail: 'with its own rlock' },
    ]);
    expect(summary.steps).toBe(4);
    expect(summary.work).toEqual({ known: false, reason: 'the profile declares no compute' });
  });

  it('without main, every template not spawned by another starts at once, and the summary carries the work estimate', () => {
    const summary = describeProgram(
      load(
        lines(
          'version: 1',
          'name: x',
          'seed: 42',
          'run_for: 2s',
          'resources:',
          '  a: lock',
          '  s: {bounded_semaphore: $workers}',
          '  b: {barrier: 3}',
          '  n: {value: -5}',
          '  cv: {condition: a}',
          'processes:',
          '  boss:',
          '    - spawn: helper',
          '    - compute: 1ms',
          '    - join: helper',
          '  helper:',
          '    count: 3',
          '    steps:',
          '      - compute: 1ms',
        ),
      ),
    );
    expect(summary).toMatchObject({ seed: 42, runForNs: 2_000_000_000 });
    expect(summary.processes.map((p) => [p.name, p.starts, p.count])).toEqual([
      ['boss', 'at start', '1'],
      ['helper', 'when spawned', '3'],
    ]);
    expect(summary.resources.map((r) => `${r.name}: ${r.detail}`)).toEqual(['a: ', 's: initial 1/2/4', 'b: 3 parties', 'n: starts at -5', 'cv: with lock a']);
    // One of them is said in the singular ("1 parties" was printed).
    const one = load('version: 1\nname: x\nresources:\n  b: {barrier: 1}\n  arr: {array: 1}\nmain:\n  - wait: b\n');
    expect(describeProgram(one).resources.map((r) => r.detail)).toEqual(['1 party', '1 slot']);
    expect(summary.work).toEqual({ known: true, serialNs: 0, parallelNs: 4_000_000, serialFraction: 0 });
  });
});
