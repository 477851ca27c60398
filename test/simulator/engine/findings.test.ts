import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simulate, parseProfile, type Finding } from '../../../simulator/index.js';
import { only, profile, sim } from './simulate-helpers.js';

const root = join(import.meta.dirname, '..', '..', '..');

/**
 * The resources and the two processes of a crossed pair: x takes semaphore s
 * then t, y takes t then s, a millisecond apart, so each holds what the other
 * waits for (lines 7 and 8 of the profile). `more`: other resources.
 */
const crossed = (more = '') => `resources: {s: {semaphore: 1}, t: {semaphore: 1}${more}}
processes:
  x: [{acquire: s}, {compute: 1ms}, {acquire: t}, {release: t}, {release: s}]
  y: [{acquire: t}, {compute: 1ms}, {acquire: s}, {release: s}, {release: t}]`;

describe('findings', () => {
  it('the foo/bar profile deadlocks on two cores, and the finding names the cycle', () => {
    const parsed = parseProfile(readFileSync(join(root, 'profiles/talk/deadlock-foo-bar.yaml'), 'utf8'));
    if (!parsed.ok) throw new Error('the built-in does not load');
    const { result } = simulate(parsed.program, { workers: [2] });
    expect(result.runs[0]!.simulated.outcome).toBe('stuck');
    expect(result.runs[0]!.simulated.deadlock).toEqual({
      cycle: [
        { process: 'bar', holds: ['b'], waits_for: 'a', line: 20 },
        { process: 'foo', holds: ['a'], waits_for: 'b', line: 13 },
      ],
    });
    expect(result.findings.map((f) => f.kind)).toEqual(['deadlock']);
  });

  it('on one core foo/bar completes, and the lock-order inversion is still reported with both orders', () => {
    const parsed = parseProfile(readFileSync(join(root, 'profiles/talk/deadlock-foo-bar.yaml'), 'utf8'));
    if (!parsed.ok) throw new Error('the built-in does not load');
    const { result } = simulate(parsed.program, { workers: [1] });
    expect(result.runs[0]!.simulated.outcome).toBe('completed');
    expect(result.findings).toEqual([
      {
        kind: 'lock_order_inversion',
        workers: 1,
        locks: ['a', 'b'],
        orders: [
          { process: 'foo', first: 'a', then: 'b', line: 13 },
          { process: 'bar', first: 'b', then: 'a', line: 20 },
        ],
      },
    ]);
  });

  it('forty locks taken nested in one order (an edge from each to every later one) are searched once each for inversions, not down every path (2^40), and the one taken back out of order is found', () => {
    const n = 40;
    const locks = Array.from({ length: n }, (_, i) => `l${i}`);
    const nested = profile(`resources: {${locks.map((l) => `${l}: lock`).join(', ')}}
processes:
  nest: [${locks.map((l) => `{acquire: ${l}}`).join(', ')}, {compute: 1ms}, ${[...locks]
    .reverse()
    .map((l) => `{release: ${l}}`)
    .join(', ')}]
  back: [{compute: 2ms}, {acquire: l39}, {acquire: l0}, {release: l0}, {release: l39}]`);
    // Before, each lock's search went down every path of the graph again: 2^40 of them for the first.
    const result = sim(nested, { workers: [1] });
    expect(only(result).outcome).toBe('completed');
    // The search follows edges in the order they were first seen: down the nested chain, and back.
    expect(result.findings).toHaveLength(1);
    const inversion = result.findings[0]!;
    if (inversion.kind !== 'lock_order_inversion') expect.fail(inversion.kind);
    expect(inversion.locks).toEqual(locks);
    expect(inversion.orders.at(-2)).toEqual({ process: 'nest', first: 'l38', then: 'l39', line: 5 });
    expect(inversion.orders.at(-1)).toEqual({ process: 'back', first: 'l39', then: 'l0', line: 6 });
  });

  it('a lock taken again by its holder is a one-process deadlock', () => {
    const result = sim(profile('workers: [1]\nresources:\n  a: lock\nmain:\n  - acquire: a\n  - acquire: a\n'));
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'deadlock', cycle: [{ process: 'main', holds: ['a'], waits_for: 'a', line: 8 }] })]);
  });

  it('a semaphore wait another process ends is no deadlock, though the waiter holds the other unit (any process may release one)', () => {
    const result = sim(
      profile(`workers: [1]
resources:
  s: {semaphore: 1}
  c: {value: 0}
processes:
  x:
    - acquire: s
    - acquire: s
    - increment: c
  z:
    - sleep: 5ms
    - release: s
`),
    );
    // It was reported as x holding s and waiting for s, at 0 ms, in a run that completed.
    expect(only(result).outcome).toBe('completed');
    expect(only(result).values).toEqual({ c: 1 });
    expect(result.findings).toEqual([]);
  });

  it('a semaphore no other process can release is a deadlock for each of its holders waiting for another unit, found at once among 2,000', () => {
    const result = sim(
      profile(`workers: [1]
resources:
  s: {semaphore: 2000}
  b: {barrier: 2000}
processes:
  p:
    count: 2000
    steps:
      - acquire: s
      - wait: b
      - acquire: s
`),
    );
    expect(only(result).outcome).toBe('stuck');
    // Each holds a unit and waits for another: a cycle of its own (the search through every holder's holders took 45 s).
    const deadlocks = result.findings.filter((f) => f.kind === 'deadlock');
    expect(deadlocks).toHaveLength(2000);
    expect(deadlocks).toContainEqual(expect.objectContaining({ cycle: [{ process: 'p[0]', holds: ['s'], waits_for: 's', line: 13 }] }));
  });

  it('a cycle through semaphores that no other process can release is found as it forms, though the run goes on to its run_for', () => {
    // mon lives on without releasing s or t: x and y can never move (this was reported nowhere, and exit 0).
    const result = sim(
      profile(`workers: [1]
run_for: 50ms
${crossed()}
  mon: [{repeat: forever, steps: [{sleep: 1ms}]}]
`),
      { cores: 4 },
    );
    expect(only(result).outcome).toBe('time_limit');
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'deadlock', at_ms: 1 })]);
  });

  it('a cycle whose last other releaser is held up only later is found at the run’s end, whatever ended it', () => {
    // rel may release s until it waits for an event no one sets; sp spawns until the run ends, at
    // run_for or at the limit of processes one run may start (where the cycle was not looked at again).
    const text = (end: string) => `workers: [1]
${end}
${crossed(', e: event')}
  rel: [{sleep: 5ms}, {wait: e}, {release: s}]
  kid: {count: 100, steps: []}
  sp: [{repeat: forever, steps: [{sleep: 1ms}, {spawn: kid}]}]
`;
    for (const [end, outcome] of [
      ['run_for: 500ms', 'time_limit'],
      ['', 'process_limit'],
    ] as const) {
      const result = sim(profile(text(end)), { cores: 4 });
      expect(only(result).outcome).toBe(outcome);
      expect(result.findings).toEqual([
        expect.objectContaining({
          kind: 'deadlock',
          at_ms: 1,
          cycle: [
            { process: 'x', holds: ['s'], waits_for: 't', line: 7 },
            { process: 'y', holds: ['t'], waits_for: 's', line: 8 },
          ],
        }),
        // rel itself can never go on either: it hangs, from when it began to wait.
        expect.objectContaining({ kind: 'hang', at_ms: 5, blocked: [expect.objectContaining({ process: 'rel', waits_for: 'e' })] }),
      ]);
    }
  });

  it('a cycle through a semaphore whose other releaser waits on a queue no one puts to, or a barrier no one else reaches, is found as it forms', () => {
    // rel would release s after its get, or its arrival: it never comes, and the run went on to run_for with nothing reported (exit 0).
    for (const wait of ['{get: q}', '{wait: b}']) {
      const result = sim(
        profile(`workers: [1]
run_for: 50ms
${crossed(', q: queue, b: {barrier: 2}')}
  rel: [${wait}, {release: s}]
  mon: [{repeat: forever, steps: [{sleep: 1ms}]}]
`),
        { cores: 4 },
      );
      expect(only(result).outcome).toBe('time_limit');
      expect(result.findings).toEqual([
        expect.objectContaining({ kind: 'deadlock', at_ms: 1 }),
        expect.objectContaining({ kind: 'hang', at_ms: 0, blocked: [expect.objectContaining({ process: 'rel' })] }),
      ]);
    }
  });

  it('a get is ended by a put alone, and a put on a full queue by a get alone: a process doing the same does not hide the deadlock', () => {
    // poll only gets (with a timeout, so it goes on), or only puts: neither can end rel's get, or its put on a full queue.
    for (const [wait, other] of [
      ['{get: q}', '{get: q, timeout: 1ms}'],
      ['{put: q}, {put: q}', '{put: q, timeout: 1ms}'],
    ]) {
      const result = sim(
        profile(`workers: [1]
run_for: 50ms
${crossed(', q: {queue: 1}')}
  rel: [${wait}, {release: s}]
  poll: [{sleep: 1ms}, {repeat: forever, steps: [${other}]}]
`),
        { cores: 4 },
      );
      expect(only(result).outcome, wait).toBe('time_limit');
      expect(result.findings, wait).toEqual([
        expect.objectContaining({ kind: 'deadlock', at_ms: 1 }),
        expect.objectContaining({ kind: 'hang', blocked: [expect.objectContaining({ process: 'rel', waits_for: 'q' })] }),
      ]);
    }
  });

  it('is no deadlock where the releaser’s queue gets an item, or its barrier fills, later', () => {
    for (const [wait, other] of [
      ['{get: q}', '{put: q}'],
      ['{wait: b}', '{wait: b}'],
    ]) {
      const result = sim(
        profile(`workers: [1]
${crossed(', q: queue, b: {barrier: 2}')}
  rel: [${wait}, {release: s}]
  late: [{sleep: 5ms}, ${other}]
`),
        { cores: 4 },
      );
      expect(only(result).outcome).toBe('completed');
      expect(result.findings.filter((f) => f.kind === 'deadlock')).toEqual([]);
    }
  });

  it('a lock released after its acquire timed out may end a wait on it: no deadlock where that release comes', () => {
    // r's acquire times out while w holds l; r's release then takes l from w, and hands it to w's second acquire.
    const result = sim(
      profile(`workers: [1]
resources: {l: lock}
processes:
  w: [{acquire: l}, {acquire: l}, {release: l}]
  r: [{sleep: 1ms}, {acquire: l, timeout: 1ms}, {sleep: 5ms}, {release: l}]
`),
      { cores: 2 },
    );
    expect(only(result).outcome).toBe('completed');
    expect(result.findings.map((f) => f.kind)).toEqual(['misuse']);
  });

  it('a lock another process may release as a signal may be taken from anyone: every release of it may end a wait on it', () => {
    // sig takes l from p1 and lets it go; w takes it and waits on itself; p1, which surely took l, releases it at 3 ms, taking it from w.
    const result = sim(
      profile(`workers: [1]
resources: {l: lock}
processes:
  p1: [{acquire: l}, {sleep: 3ms}, {release: l}]
  sig: [{sleep: 1ms}, {release: l}]
  w: [{sleep: 2ms}, {acquire: l}, {acquire: l}, {release: l}]
`),
      { cores: 3 },
    );
    expect(only(result).outcome).toBe('completed');
    expect(result.findings.map((f) => f.kind)).toEqual(['misuse', 'misuse']);
  });

  it('a spawn cut short at the limit of processes is still ahead of its spawner: what it would start may still end a wait', () => {
    // rel, which would release s, is never started: the run stops at the limit first. main had gone past
    // its spawn of rel all the same, and the cycle was reported though rel would end it.
    const result = sim(
      profile(`workers: [1]
resources: {s: {semaphore: 1}, t: {semaphore: 1}}
processes:
  x: {count: 0, steps: [{acquire: s}, {compute: 1ms}, {acquire: t}, {release: t}, {release: s}]}
  y: {count: 0, steps: [{acquire: t}, {compute: 1ms}, {acquire: s}, {release: s}, {release: t}]}
  kid: {count: 0, steps: []}
  rel: {count: 0, steps: [{release: s}]}
main: [{spawn: x, count: 1}, {spawn: y, count: 1}, {sleep: 5ms}, {repeat: 3, steps: [{spawn: kid, count: 100000}]}, {spawn: rel, count: 1}, {join: x}]
`),
      { cores: 4 },
    );
    expect(only(result).outcome).toBe('process_limit');
    expect(result.findings).toEqual([]);
  });

  it('a hang of 200,000 processes (a spawn without end of getters no one puts to) is a finding, not a crash', () => {
    // Math.max over the spread of their wait times overflowed the stack past 125,000 of them.
    const result = sim(
      profile(`workers: [1]
resources: {q: queue}
main: [{repeat: forever, steps: [{spawn: w, count: 1}, {sleep: 1us}]}]
processes:
  w: {count: 0, steps: [{get: q}]}
`),
    );
    expect(only(result).outcome).toBe('process_limit');
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'hang', at_ms: 199.998 })]);
    expect((result.findings[0] as Extract<Finding, { kind: 'hang' }>).blocked).toHaveLength(199_999);
  });

  it('a cycle of 6,501 processes, each holding the unit of a semaphore the one before waits for, is found whole, not a crash', () => {
    // The search for the cycle recursed once a process: 6,500 overflowed the call stack.
    const n = 6_500;
    const result = sim(
      profile(`workers: [1]
resources:
${Array.from({ length: n + 1 }, (_, k) => `  s${k}: {semaphore: 1}`).join('\n')}
processes:
${Array.from({ length: n }, (_, k) => `  p${k}: [{acquire: s${k}}, {sleep: 1ms}, {acquire: s${k + 1}}]`).join('\n')}
  last: [{acquire: s${n}}, {sleep: 2ms}, {acquire: s0}]
`),
    );
    expect(only(result).outcome).toBe('stuck');
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'deadlock', at_ms: 2 })]);
    expect((result.findings[0] as Extract<Finding, { kind: 'deadlock' }>).cycle).toHaveLength(n + 1);
  });

  it('a chain of 1,500 waits, each on a semaphore only the next waiter would release, is no crash: the search stops at a depth, reporting less', () => {
    // Each hop of the search is a few calls deep: 1,500 of them overflowed the stack.
    const n = 1_500;
    const stages = Array.from({ length: n }, (_, k) => `  t${k + 1}: {count: 0, steps: [{acquire: s${k + 1}}, {release: s${k}}]}`);
    const result = sim(
      profile(`workers: [1]
run_for: 5ms
resources:
${Array.from({ length: n + 1 }, (_, k) => `  s${k}: {semaphore: 0}`).join('\n')}
main: [{spawn: w, count: 1}, ${stages.map((_, k) => `{spawn: t${k + 1}, count: 1}`).join(', ')}, {repeat: forever, steps: [{sleep: 1ms}]}]
processes:
  w: {count: 0, steps: [{acquire: s0}]}
${stages.join('\n')}
`),
    );
    expect(only(result).outcome).toBe('time_limit');
    // Only hangs, of some of them: those past the depth are taken to be free (a finding missed, never a false one).
    expect(result.findings.map((f) => f.kind)).toEqual(['hang']);
  });

  it('processes that nothing can free hang, though another goes on to run_for; one that a sleeping process will free does not', () => {
    const result = sim(
      profile(`workers: [1]
run_for: 20ms
resources: {q: queue, b: {barrier: 3}, e: event}
processes:
  eater: [{sleep: 1ms}, {get: q}]
  party: {count: 2, steps: [{wait: b}]}
  waiter: [{wait: e}]
  setter: [{sleep: 30ms}, {set: e}]
  mon: [{repeat: forever, steps: [{sleep: 1ms}]}]
`),
      { cores: 2 },
    );
    expect(only(result).outcome).toBe('time_limit');
    expect(result.findings).toEqual([
      {
        kind: 'hang',
        workers: 1,
        at_ms: 1,
        blocked: [
          { process: 'eater', waits_for: 'q', on: 'queue get', holds: [], line: 7 },
          { process: 'party[0]', waits_for: 'b', on: 'barrier', holds: [], line: 8 },
          { process: 'party[1]', waits_for: 'b', on: 'barrier', holds: [], line: 8 },
        ],
      },
    ]);
  });

  it('taking a condition’s lock back after a wait with a timeout is no timed wait: its cycle is found as it forms', () => {
    // A monitor runs on to run_for: found only at the end, the cycle would not be found at all.
    const result = sim(
      profile(`workers: [2]
run_for: 50ms
resources:
  m: lock
  a: lock
  cv: {condition: m}
processes:
  w:
    - acquire: m
    - acquire: a
    - wait: cv
      timeout: 1s
    - release: a
    - release: m
  n:
    - sleep: 1ms
    - acquire: m
    - notify: cv
    - acquire: a
    - release: a
    - release: m
  mon: [{repeat: forever, steps: [{sleep: 1ms}]}]
`),
    );
    // Found at 1 ms, as it formed (it was found only at the end, at 1,000 ms).
    expect(result.findings.filter((f) => f.kind === 'deadlock')).toEqual([expect.objectContaining({ at_ms: 1 })]);
  });

  it('a pool call of fewer than no items is misuse, where the call waited for ever', () => {
    const result = sim(
      profile(`workers: [2]
processes:
  c:
    count: 70
    steps:
      - map: { items: 1 - 2 / (($i - 65) * ($i - 65) + 1), cost: 1ms }
`),
    );
    expect(only(result).outcome).toBe('completed');
    expect(result.findings).toEqual([
      expect.objectContaining({ kind: 'misuse', process: 'c[65]', what: 'maps -1 items (with $workers = 2, $i = 65); a count is at least 0' }),
    ]);
  });

  it('a stuck run ends when its last process stopped moving, not at a timer its wait no longer needs', () => {
    const result = sim(
      profile(`workers: [1]
resources:
  t: lock
  go: event
processes:
  x: [{acquire: t}]
  y: [{sleep: 1ms}, {acquire: t}]
  z:
    - wait: go
      timeout: 10s
  w: [{sleep: 2ms}, {set: go}]
`),
    );
    // x ends holding t, so y hangs from 1 ms; z's wait ended at 2 ms, and its 10 s timer moved the end (10,000 ms).
    expect(only(result).outcome).toBe('stuck');
    expect(only(result).makespan_ms).toBe(2);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'hang', at_ms: 2 })]);
  });

  it('a cycle with a wait that has a timeout is no deadlock, one such wait or both (its end breaks the cycle)', () => {
    for (const barTimeout of ['', '\n      timeout: 5ms']) {
      const result = sim(
        profile(`workers: [2]
resources:
  l: lock
  m: lock
processes:
  foo:
    - acquire: l
    - compute: 1ms
    - acquire: m
      timeout: 5ms
    - release: l
  bar:
    - acquire: m
    - compute: 1ms
    - acquire: l${barTimeout}
    - release: m
`),
      );
      expect(only(result).outcome, barTimeout).toBe('completed');
      expect(
        result.findings.filter((f) => f.kind === 'deadlock'),
        barTimeout,
      ).toEqual([]);
    }
  });

  it('a semaphore another process may still release is no deadlock, though that one waits on an event someone will set', () => {
    const result = sim(
      profile(`workers: [1]
resources:
  s: {semaphore: 1}
  go: event
processes:
  x: [{acquire: s}, {sleep: 1ms}, {acquire: s}]
  z: [{wait: go}, {release: s}]
  w: [{sleep: 5ms}, {set: go}]
`),
    );
    expect(only(result).outcome).toBe('completed');
    expect(result.findings).toEqual([]);
  });

  it('a semaphore with two holders is no deadlock where the one outside the cycle gives its unit back', () => {
    // p waits for s, held by a (which waits for p's x) and by b, who releases it at 5 ms: all ends.
    const result = sim(
      profile(`workers: [1]
resources:
  s: {semaphore: 2}
  x: lock
processes:
  a: [{acquire: s}, {sleep: 1ms}, {acquire: x}, {release: x}, {release: s}]
  b: [{acquire: s}, {sleep: 5ms}, {release: s}]
  p: [{acquire: x}, {sleep: 2ms}, {acquire: s}, {release: s}, {release: x}]
`),
      { cores: 4 },
    );
    expect(only(result).outcome).toBe('completed');
    expect(result.findings).toEqual([]);
  });

  it('a semaphore is no deadlock where its other releaser waits for a lock that a process free to run holds', () => {
    // giver waits to take m back from notifier, asleep with it until 10.5 ms; then it releases s, and all ends.
    const result = sim(
      profile(`workers: [1]
resources:
  s: {semaphore: 1}
  x: lock
  m: lock
  c: {condition: m}
processes:
  holder: [{acquire: s}, {sleep: 1ms}, {acquire: x}, {release: x}, {release: s}]
  taker: [{acquire: x}, {sleep: 2ms}, {acquire: s}, {release: s}, {release: x}]
  giver: [{acquire: m}, {wait: c}, {release: m}, {release: s}]
  notifier: [{sleep: 500us}, {acquire: m}, {notify: c}, {sleep: 10ms}, {release: m}]
`),
      { cores: 4 },
    );
    expect(only(result).outcome).toBe('completed');
    expect(result.findings).toEqual([]);
  });

  it('a semaphore is a deadlock as it forms where its other releaser waits for a lock the cycle holds, though the run goes on', () => {
    // giver would release s, but waits for x, which taker holds: none of the three can move; mon runs on.
    const result = sim(
      profile(`workers: [1]
run_for: 50ms
resources:
  s: {semaphore: 1}
  x: lock
  y: lock
processes:
  holder: [{acquire: s}, {sleep: 1ms}, {acquire: y}, {release: y}, {release: s}]
  taker: [{acquire: y}, {acquire: x}, {sleep: 2ms}, {acquire: s}, {release: s}, {release: x}, {release: y}]
  giver: [{sleep: 500us}, {acquire: x}, {release: x}, {release: s}]
  mon: [{repeat: forever, steps: [{sleep: 1ms}]}]
`),
      { cores: 4 },
    );
    expect(only(result).outcome).toBe('time_limit');
    expect(result.findings).toEqual([
      expect.objectContaining({ kind: 'deadlock', at_ms: 2 }),
      expect.objectContaining({ kind: 'hang', blocked: [expect.objectContaining({ process: 'giver', waits_for: 'x' })] }),
    ]);
  });

  it('a parent holding a unit and joining a child that waits for one is a deadlock as it forms, though the run goes on', () => {
    // The parent, who would release s, waits for its child: that wait counted as free to release, and nothing was found.
    const result = sim(
      profile(`workers: [1]
run_for: 50ms
resources: {s: {semaphore: 1}}
processes:
  child: {count: 0, steps: [{acquire: s}, {release: s}]}
  mon: [{repeat: forever, steps: [{sleep: 1ms}]}]
main: [{acquire: s}, {spawn: child, count: 1}, {join: child}, {release: s}]
`),
      { cores: 4 },
    );
    expect(only(result).outcome).toBe('time_limit');
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'deadlock', at_ms: 0 })]);
  });

  it('a semaphore that a process not yet spawned will release is no deadlock', () => {
    // x holds s and waits for another unit; helper, spawned at 5 ms, gives one back.
    const result = sim(
      profile(`workers: [1]
resources: {s: {semaphore: 1}, c: {value: 0}}
processes:
  x: {count: 0, steps: [{acquire: s}, {acquire: s}, {increment: c}]}
  helper: {count: 0, steps: [{release: s}]}
main: [{spawn: x, count: 1}, {sleep: 5ms}, {spawn: helper, count: 1}, {join: x}, {join: helper}]
`),
    );
    expect(only(result).outcome).toBe('completed');
    expect(only(result).values.c).toBe(1);
    expect(result.findings).toEqual([]);
  });

  it('a parent past its last spawn of a releaser does not keep a semaphore deadlock from being found while the run goes on', () => {
    // main spawned y (who releases s) and now waits on an event: it will spawn no other. Found by a random tester.
    const result = sim(
      profile(`workers: [1]
run_for: 200ms
resources: {s: {semaphore: 1}, e: event}
main: [{spawn: bg}, {spawn: x}, {spawn: y}, {wait: e}]
processes:
  bg: [{repeat: forever, steps: [{sleep: 1ms}]}]
  x: [{acquire: s}, {acquire: s}]
  y: [{acquire: s}, {release: s}]
`),
    );
    expect(only(result).outcome).toBe('time_limit');
    expect(result.findings).toEqual([
      expect.objectContaining({ kind: 'deadlock', cycle: [expect.objectContaining({ process: 'x', waits_for: 's' })] }),
      expect.objectContaining({
        kind: 'hang',
        blocked: [expect.objectContaining({ process: 'main', waits_for: 'e' }), expect.objectContaining({ process: 'y', waits_for: 's' })],
      }),
    ]);
  });

  it('a semaphore whose other releaser waits on an event no one will set, or a notify no one will make, is a deadlock as it forms', () => {
    // z would release s, but waits on go (x alone sets it, after s) or on cv (x alone notifies it); mon runs on.
    for (const wait of ['{wait: go}', '{acquire: m}, {wait: cv}, {release: m}']) {
      const result = sim(
        profile(`workers: [1]
run_for: 50ms
resources: {s: {semaphore: 1}, go: event, m: lock, cv: {condition: m}}
processes:
  x: [{acquire: s}, {sleep: 1ms}, {acquire: s}, {set: go}, {acquire: m}, {notify: cv}, {release: m}]
  z: [${wait}, {release: s}]
  mon: [{repeat: forever, steps: [{sleep: 1ms}]}]
`),
        { cores: 4 },
      );
      expect(only(result).outcome, wait).toBe('time_limit');
      expect(result.findings, wait).toEqual([
        expect.objectContaining({ kind: 'deadlock', at_ms: 1 }),
        expect.objectContaining({ kind: 'hang', blocked: [expect.objectContaining({ process: 'z' })] }),
      ]);
    }
  });

  it('a semaphore whose other releaser waits to join an only child that cannot end is a deadlock as it forms', () => {
    // main would release s, but first joins t2, who waits for s, which t1 holds while it waits for another unit.
    const result = sim(
      profile(`workers: [1]
run_for: 50ms
resources: {s: {semaphore: 1}}
main: [{spawn: bg, count: 1}, {spawn: t1, count: 1}, {spawn: t2, count: 1}, {join: t2}, {release: s}]
processes:
  bg: {count: 0, steps: [{repeat: forever, steps: [{sleep: 1ms}]}]}
  t1: {count: 0, steps: [{acquire: s}, {sleep: 1ms}, {acquire: s}]}
  t2: {count: 0, steps: [{sleep: 500us}, {acquire: s}]}
`),
      { cores: 4 },
    );
    expect(only(result).outcome).toBe('time_limit');
    expect(result.findings).toEqual([
      expect.objectContaining({ kind: 'deadlock', at_ms: 1, cycle: [expect.objectContaining({ process: 't1[0]' })] }),
      expect.objectContaining({
        kind: 'hang',
        blocked: [expect.objectContaining({ process: 'main', waits_for: 'join:t2' }), expect.objectContaining({ process: 't2[0]', waits_for: 's' })],
      }),
    ]);
  });

  it('a lock another process will release, as a signal, is no deadlock for its owner taking it again (that release is misuse alone)', () => {
    const result = sim(
      profile(`workers: [1]
resources: {l: lock}
main: [{acquire: l}, {spawn: helper, count: 1}, {acquire: l}, {release: l}, {join: helper}]
processes:
  helper: {count: 0, steps: [{sleep: 1ms}, {release: l}]}
`),
    );
    expect(only(result).outcome).toBe('completed');
    expect(result.findings.map((f) => f.kind)).toEqual(['misuse']);
  });

  it('a deadlock found only once the run can go no further says when it formed, not when the run ended', () => {
    // x waits from 0 ms; z, who could release s, waits on go from 5 ms, and no one sets it.
    const result = sim(
      profile(`workers: [1]
resources:
  s: {semaphore: 1}
  go: event
processes:
  x: [{acquire: s}, {acquire: s}]
  z: [{sleep: 5ms}, {wait: go}, {release: s}]
  late: [{sleep: 20ms}]
`),
    );
    expect(only(result).outcome).toBe('stuck');
    expect(result.findings.filter((f) => f.kind === 'deadlock')).toEqual([expect.objectContaining({ at_ms: 0 })]);
  });

  it('a count below zero for an instance the load-time checks did not reach is misuse, where it ran as zero without a word', () => {
    // Below zero for $i = 100 alone (the checks look at the first 64 instances and the last).
    const below = '1 - 2 / (($i - 100) * ($i - 100) + 1)';
    const result = sim(
      profile(`workers: [1]
processes:
  ch: [{compute: 1us}]
  p:
    count: 200
    steps:
      - repeat: ${below}
        steps: [{compute: 1us}]
  q:
    count: 200
    steps:
      - spawn: ch
        count: ${below}
`),
    );
    expect(result.findings).toEqual([
      expect.objectContaining({ kind: 'misuse', process: 'p[100]', what: 'repeats -1 times (with $workers = 1, $i = 100); a count is at least 0', line: 9 }),
      expect.objectContaining({ kind: 'misuse', process: 'q[100]', what: 'spawns ch -1 times (with $workers = 1, $i = 100); a count is at least 0', line: 14 }),
    ]);
  });

  it('a join on a child that waits for a lock its parent holds is a deadlock through the join', () => {
    const result = sim(
      profile(`workers: [2]
resources:
  a: lock
processes:
  child:
    - acquire: a
main:
  - acquire: a
  - spawn: child
  - join: child
`),
    );
    const deadlock = result.findings.find((f) => f.kind === 'deadlock');
    expect(deadlock).toMatchObject({
      cycle: [
        { process: 'child', holds: [], waits_for: 'a' },
        { process: 'main', holds: ['a'], waits_for: 'join:child' },
      ],
    });
  });

  it('a deadlock of some processes is found while others go on', () => {
    const result = sim(
      profile(`workers: [3]
run_for: 100ms
resources:
  a: lock
  b: lock
processes:
  foo:
    - acquire: a
    - compute: 1ms
    - acquire: b
  bar:
    - acquire: b
    - compute: 1ms
    - acquire: a
  busy:
    - repeat: forever
      steps:
        - compute: 1ms
`),
    );
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'deadlock', at_ms: 1 })]);
  });
});
