import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_OVERHEADS } from '../../../simulator/engine/cost-model.js';
import { Engine } from '../../../simulator/engine/engine.js';
import { BLOCKED, DONE, type SimProcess, type WaitReason } from '../../../simulator/engine/sim-process.js';
import { locksSurelyHeld } from '../../../simulator/engine/wait-enders.js';
import type { Program } from '../../../simulator/index.js';
import { compile, profile } from './simulate-helpers.js';

/** Whether only what other processes do (a release, a set, a notify, a put or get, an arrival, children ending) can end q's wait, written out here rather than taken from the engine. */
function onlyOthersEnd(engine: Engine, q: SimProcess): boolean {
  if (q.state !== BLOCKED || q.waitTimesOut || !q.waiting) return false;
  if (q.waiting.kind === 'reacquire' || q.waiting.kind === 'join') return true;
  return q.waiting.kind === 'resource' && ['lock', 'rlock', 'semaphore', 'event', 'condition', 'queue', 'barrier'].includes(engine.res[q.waiting.r]!.kind);
}

/**
 * An engine that, after every wait begins or ends, works out from scratch
 * whether anyone is free to release each semaphore (a live process of a
 * template with a step that releases it, not held up where only a release
 * frees it) and compares that with the engine's running count.
 */
class CheckedEngine extends Engine {
  checks = 0;
  readonly wrong: string[] = [];

  override block(p: SimProcess, reason: WaitReason, resource: number, timeoutNs: number | null): void {
    super.block(p, reason, resource, timeoutNs);
    this.check(`${p.name} blocked`);
  }

  override wake(p: SimProcess, phase: number, by: SimProcess | null): void {
    super.wake(p, phase, by);
    this.check(`${p.name} woken`);
  }

  override finish(p: SimProcess): void {
    super.finish(p);
    this.check(`${p.name} ended`);
  }

  private check(after: string): void {
    this.checks++;
    this.res.forEach((s, r) => {
      if (s.kind !== 'semaphore') return;
      const releasers = new Set(this.program.templates.flatMap((t, k) => (t.code.some((ins) => ins.op === 'release' && ins.r === r) ? [k] : [])));
      const free = this.procs.some((q) => releasers.has(q.template) && q.state !== DONE && !onlyOthersEnd(this, q));
      if (free !== this.waitEnders.anyFree(r)) this.wrong.push(`after ${after} at ${this.now} ns: counted ${!free}, is ${free}`);
      // One that ended is no holder the wait-for graph could follow.
      for (const q of s.holders.keys()) if (q.state === DONE) this.wrong.push(`after ${after}: ${q.name} ended, still among the holders`);
    });
  }
}

function checked(program: Program, workers: number): CheckedEngine {
  const engine = new CheckedEngine(program, { workers, cores: workers, seed: 3, cost: NO_OVERHEADS, quantumNs: 1e6, traceCap: 0, maxEvents: 1e6 });
  engine.run();
  return engine;
}

describe('who could still release a semaphore, kept counted', () => {
  const cases: Record<string, string> = {
    'holders that end with their units, waiters that would release': `resources:
  s: {semaphore: 3}
processes:
  holder:
    count: 3
    steps:
      - acquire: s
  waiter:
    count: 4
    steps:
      - sleep: 1ms
      - acquire: s
      - release: s
`,
    'timed waits, a lock, and a releaser that holds no unit': `resources:
  s: {semaphore: 1}
  l: lock
processes:
  user:
    count: 5
    steps:
      - repeat: 3
        steps:
          - acquire: l
          - acquire: s
            timeout: 2ms
          - compute: 1ms
          - release: l
          - compute: 1ms
  giver:
    steps:
      - acquire: l
      - sleep: 3ms
      - release: l
      - release: s
`,
    'a template that releases two semaphores, one after an event, one after a timed wait': `resources:
  a: {semaphore: 1}
  b: {semaphore: 1}
  go: event
  l: lock
processes:
  both:
    count: 3
    steps:
      - acquire: a
      - wait: go
      - release: a
      - acquire: l
        timeout: 1ms
      - acquire: b
      - compute: 1ms
      - release: b
      - release: l
  starter:
    steps:
      - acquire: l
      - sleep: 2ms
      - set: go
      - sleep: 1ms
      - release: l
`,
    'a releaser spawned later, and a parent joining one that waits on the semaphore': `resources:
  s: {semaphore: 1}
processes:
  x:
    count: 0
    steps:
      - acquire: s
      - acquire: s
        timeout: 3ms
      - release: s
  helper:
    count: 0
    steps:
      - sleep: 1ms
      - release: s
main:
  - spawn: x
    count: 2
  - sleep: 2ms
  - spawn: helper
  - join: x
  - join: helper
`,
    'releasers that wait on a queue and at a barrier': `resources:
  s: {semaphore: 2}
  q: {queue: 1}
  b: {barrier: 3}
processes:
  worker:
    count: 3
    steps:
      - acquire: s
      - get: q
      - release: s
      - wait: b
      - acquire: s
      - compute: 1ms
      - release: s
  feeder:
    steps:
      - repeat: 3
        steps:
          - sleep: 1ms
          - put: q
`,
    'a condition whose waiters take its lock back': `resources:
  s: {semaphore: 1}
  c: {condition: m}
  m: lock
processes:
  waiter:
    count: 3
    steps:
      - acquire: m
      - wait: c
        timeout: 1ms
      - release: m
      - acquire: s
      - compute: 1ms
      - release: s
  notifier:
    steps:
      - sleep: 500us
      - acquire: m
      - notify_all: c
      - compute: 2ms
      - release: m
`,
  };
  for (const [name, body] of Object.entries(cases)) {
    it(`matches a count from scratch at every wait: ${name}`, () => {
      for (const workers of [1, 2, 4]) {
        const engine = checked(compile(profile(`workers: [${workers}]\n${body}`)), workers);
        expect(engine.checks).toBeGreaterThan(5);
        expect(engine.wrong).toEqual([]);
      }
    });
  }

  it('matches on the built-in connection pool', () => {
    const file = join(import.meta.dirname, '..', '..', '..', 'profiles', 'classic', 'connection-pool.yaml');
    const program = compile(readFileSync(file, 'utf8'));
    for (const workers of program.sweep) {
      const engine = checked(program, workers);
      expect(engine.checks).toBeGreaterThan(5);
      expect(engine.wrong).toEqual([]);
    }
  });
});

describe('whether a process may still end waits on a resource, from the step it is at', () => {
  const program = compile(
    profile(`workers: [1]
resources: {s: {semaphore: 1}, e: event}
processes:
  w:
    count: 0
    steps:
      - repeat: 3
        steps:
          - release: s
          - repeat: 2
            steps:
              - sleep: 1ms
      - sleep: 1ms
      - spawn: setter
  setter: {count: 0, steps: [{set: e}]}
main: [{spawn: w, count: 1}]
`),
  );
  const engine = new Engine(program, { workers: 1, cores: 1, seed: 1, cost: NO_OVERHEADS, quantumNs: 1e6, traceCap: 0, maxEvents: 1 });
  const w = program.templates.findIndex((t) => t.name === 'w');
  const at = (pc: number) => ({ template: w, pc }) as SimProcess;
  const [s, e] = [0, 1];

  it('counts a release anywhere in a loop it is in, the inner loop too, and none once past the loop', () => {
    // Steps: 0 loop, 1 release s, 2 inner loop, 3 sleep, 4 next (inner), 5 next (outer), 6 sleep, 7 spawn.
    for (const pc of [0, 1, 2, 3, 4, 5]) expect(engine.waitEnders.mayStillEnd(at(pc), s), `step ${pc}`).toBe(true);
    for (const pc of [6, 7, 8]) expect(engine.waitEnders.mayStillEnd(at(pc), s), `step ${pc}`).toBe(false);
  });

  it('counts a spawn of a template that ends them, until it is past', () => {
    for (const pc of [0, 6, 7]) expect(engine.waitEnders.mayStillEnd(at(pc), e), `step ${pc}`).toBe(true);
    expect(engine.waitEnders.mayStillEnd(at(8), e)).toBe(false);
  });
});

describe('the plain locks a process surely holds at each step', () => {
  /** The names surely held at each step of the first template (main). */
  function held(body: string): string[][] {
    const program = compile(profile(body));
    const engine = new Engine(program, { workers: 1, cores: 1, seed: 1, cost: NO_OVERHEADS, quantumNs: 1e6, traceCap: 0, maxEvents: 1e6 });
    const main = program.templates[program.main!]!;
    return locksSurelyHeld(main.code, engine.res).map((at) => (at === null ? ['unreached'] : [...at].map((r) => program.resources[r]!.name).sort()));
  }

  it('holds what an acquire with no timeout took, until its release; not what a timed acquire may have failed to take', () => {
    expect(
      held(`resources: {l: lock, m: lock}
main: [{acquire: l}, {acquire: m, timeout: 1ms}, {release: m}, {release: l}, {sleep: 1ms}]
`),
    ).toEqual([[], ['l'], ['l'], ['l'], []]);
  });

  it('holds at a loop’s steps only what every pass holds, a pass that releases it included', () => {
    // The release comes, on the second pass, after the first pass's: unheld. The loop's head is
    // reached from that pass too, so nothing is surely held from there on.
    expect(
      held(`resources: {l: lock}
main:
  - acquire: l
  - repeat: 2
    steps:
      - sleep: 1ms
      - release: l
  - sleep: 1ms
`),
    ).toEqual([[], [], [], [], [], []]);
  });

  it('holds where a balanced loop takes and gives back each pass, and after a get that may leave its loop early', () => {
    expect(
      held(`resources: {l: lock, q: queue}
main:
  - acquire: l
  - repeat: 3
    steps:
      - release: l
      - acquire: l
      - get: q
        until: -1
  - release: l
`),
    ).toEqual([[], ['l'], ['l'], [], ['l'], ['l'], ['l']]);
  });
});
