import { describe, expect, it } from 'vitest';
import { realRunRefusal } from '../../../main/runtime/real-run-limit.js';
import { parseProfile, processesStarted, type Program } from '../../../simulator/index.js';

function program(...lines: string[]): Program {
  const parsed = parseProfile(['version: 1', 'name: p', ...lines, ''].join('\n'));
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  return parsed.program;
}

// A hundred processes a worker, and twelve more.
const scaling = program(
  'processes:',
  '  w:',
  '    count: $workers * 100',
  '    steps:',
  '      - compute: 1ms',
  '  v:',
  '    count: 12',
  '    steps:',
  '      - compute: 1ms',
);

describe('the processes a run starts in all', () => {
  it('counts every template that starts at once', () => {
    expect(processesStarted(scaling, 4)).toBe(412);
  });

  it('counts main, what it spawns in counted repeats, what those spawn, and the pool', () => {
    const p = program(
      'processes:',
      '  child:',
      '    count: 2',
      '    steps:',
      '      - spawn: grandchild',
      '        count: 3',
      '      - join: grandchild',
      '  grandchild:',
      '    count: 1',
      '    steps:',
      '      - compute: 1ms',
      'main:',
      '  - repeat: 10',
      '    steps:',
      '      - spawn: child',
      '      - join: child',
      '  - map: {items: 100, cost: 1ms}',
    );
    // main, 10 × 2 children each spawning 3, and the pool's 8 workers.
    expect(processesStarted(p, 8)).toBe(1 + 10 * 2 * (1 + 3) + 8);
  });

  it('says nothing where the run decides: a spawn in a repeat of random passes, or one that never ends', () => {
    // main repeats a spawn (and join) of one child, as many times as the bound says.
    const spawnInRepeat = (bound: string) =>
      program(
        'processes:',
        '  c:',
        '    count: 1',
        '    steps:',
        '      - compute: 1ms',
        'main:',
        `  - repeat: ${bound}`,
        '    steps:',
        '      - spawn: c',
        '      - join: c',
      );
    expect(processesStarted(spawnInRepeat('{geometric: 0.1}'), 4)).toBeNull();
    expect(processesStarted(spawnInRepeat('forever'), 4)).toBeNull();
    expect(processesStarted(spawnInRepeat('3'), 4)).toBe(4);
    // A spawn of a random number of processes, too.
    expect(processesStarted(program('processes:', '  c:', '    - compute: 1ms', 'main:', '  - spawn: c', '    count: {geometric: 0.5}'), 4)).toBeNull();
  });

  it("counts the pool's own size where the profile sets one, not the worker count", () => {
    const p = program('pool: {workers: 3}', 'main:', '  - map: {items: 10, cost: 1ms}');
    expect(processesStarted(p, 8)).toBe(1 + 3);
  });
});

describe('the real run limit, checked before a run', () => {
  it('allows a run of as many processes as a real run starts, and names the worker count past it', () => {
    expect(realRunRefusal(scaling, [1, 2, 4])).toBeNull();
    // 5 × 100 + 12: as many as a real run starts, not more.
    expect(realRunRefusal(scaling, [5])).toBeNull();
    expect(realRunRefusal(scaling, [2, 6])).toContain(
      'a run with 6 workers would start 612 processes (main, spawned and pool workers together), and a real run starts at most 512',
    );
  });

  it('refuses a main that spawns past the limit, and names the one-worker baseline where that is the run past it', () => {
    const spawner = program('processes:', '  c:', '    count: 1000 / $workers', '    steps:', '      - compute: 1ms', 'main:', '  - spawn: c', '  - join: c');
    expect(realRunRefusal(spawner, [1, 8])).toContain('a run with 1 worker would start 1,001 processes');
    expect(realRunRefusal(spawner, [8])).toContain('the one-worker run that speedup is measured against would start 1,001 processes');
  });

  it('refuses a first wave past the limit even where the run decides how many more it spawns', () => {
    const crowd = program(
      'processes:',
      '  w:',
      '    count: 600',
      '    steps:',
      '      - compute: 1ms',
      '  s:',
      '    - repeat: {geometric: 0.5}',
      '      steps:',
      '        - spawn: t',
      '  t:',
      '    - compute: 1ms',
    );
    expect(processesStarted(crowd, 1)).toBeNull();
    expect(realRunRefusal(crowd, [1])).toContain('a run with 1 worker would start at least 601 processes (those that start together)');
  });
});
