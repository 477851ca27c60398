import type { Duration, Instr, Program, SourcePos, Template } from './profile/ir.js';
import { simulate } from './simulate.js';

/**
 * A small program a fresh thread simulates, and throws away, before its first
 * real run: it takes the engine's paths that a long run takes only near its
 * end, where processes begin to finish.
 *
 * Why: V8 compiles the engine's hot functions from what they have run so far.
 * A path first taken after that (a loop's last pass, a core left idle, a
 * waking process finding a free core, an event earlier than its parent in the
 * event heap, a preempted process taking its core back) makes V8 throw away
 * the compiled code of every function that holds it, and compile them again,
 * mid-run: 18 times over the two threads of `interleave simulate` on the SimPy
 * contention model, three quarters of the way through each run, when both
 * threads' compiling shares two cores with both runs. Taken here first, on
 * about a hundred events, none of that happens.
 *
 * On eight cores every process has one: `short`, `medium` and `long` end at 1,
 * 3 and 5 ms and leave their cores idle, the end of `short` rising in the heap
 * past the others'; `sleeper` wakes to a free core; the takers' loops end,
 * after the lock has passed among them, each but the first waiting for it
 * again and again. On one core, `holder` sleeps holding the lock and
 * `sleeper` sleeps; each, once awake, preempts `long` when it has held the
 * core for a millisecond (the wake granularity), and `long` later takes it
 * back with work left. Meanwhile the takers wait for the lock, and each release hands it to
 * one that must then wait for the core: a path the contention model's
 * one-worker run takes at every round trip, which V8 had compiled without
 * when the warm-up did not take it (five more deoptimisations on that
 * thread, and one on the other, once the thread yielded to the command's).
 */
export const WARM_UP_PROFILE = `version: 1
name: warm-up
workers: [8]
resources:
  lock: lock
processes:
  sleeper: [{sleep: 2ms}, {compute: 10us}]
  holder: [{acquire: lock}, {sleep: 300us}, {release: lock}]
  takers:
    count: 3
    steps:
      - repeat: 3
        steps:
          - acquire: lock
          - compute: 10us
          - release: lock
          - compute: 90us
  long: [{compute: 5ms}]
  medium: [{compute: 3ms}]
  short: [{compute: 1ms}]
`;

/**
 * WARM_UP_PROFILE, compiled: the same objects, field for field and in the
 * same order, as the profile compiler makes of it (a test holds them to it).
 * Made here rather than parsed because a second profile parsed made V8 compile
 * the YAML parser too, 12 ms of compiling for nothing; and in the same order
 * because V8 gives objects their shape from the order of their fields, and code
 * that meets two shapes where it met one is slower.
 */
export function warmUpProgram(): Program {
  const at = (line: number, column: number): SourcePos => ({ line, column });
  const fixed = (ns: number): Duration => ({ kind: 'fixed', ns });
  const compute = (ns: number, line: number, column: number): Instr => ({ op: 'compute', d: fixed(ns), at: at(line, column) });
  const one = (name: string, code: Instr[], line: number): Template => ({ name, count: { kind: 'int', value: 1 }, code, slots: 0, at: at(line, 3) });
  const takers: Template = {
    name: 'takers',
    count: { kind: 'int', value: 3 },
    code: [
      { op: 'loop', bound: { kind: 'count', count: { kind: 'expr', expr: { kind: 'int', value: 3 }, text: '3' } }, slot: 0, end: 6, at: at(12, 9) },
      { op: 'acquire', r: 0, timeout: null, at: at(14, 13) },
      compute(10_000, 15, 13),
      { op: 'release', r: 0, at: at(16, 13) },
      compute(90_000, 17, 13),
      { op: 'next', head: 0, slot: 0, at: at(12, 9) },
    ],
    slots: 1,
    at: at(9, 3),
  };
  return {
    version: 1,
    name: 'warm-up',
    description: '',
    seed: 1,
    sweep: [8],
    runForNs: null,
    resources: [{ name: 'lock', at: at(5, 3), kind: 'lock' }],
    templates: [
      one('sleeper', [{ op: 'sleep', d: fixed(2_000_000), at: at(7, 14) }, compute(10_000, 7, 28)], 7),
      one(
        'holder',
        [
          { op: 'acquire', r: 0, timeout: null, at: at(8, 13) },
          { op: 'sleep', d: fixed(300_000), at: at(8, 30) },
          { op: 'release', r: 0, at: at(8, 46) },
        ],
        8,
      ),
      takers,
      one('long', [compute(5_000_000, 18, 11)], 18),
      one('medium', [compute(3_000_000, 19, 13)], 19),
      one('short', [compute(1_000_000, 20, 12)], 20),
    ],
    main: null,
    expect: [],
    poolWorkers: null,
  };
}

/**
 * Simulates the warm-up program over its sweep, eight cores and the one-worker
 * baseline, and drops the result. A thread that is sent the program it will
 * run is sent this one too (warmUpProgram() made where that one was compiled),
 * so that both reach it the same way, with the same shapes.
 */
export function warmUp(program: Program = warmUpProgram()): void {
  simulate(program);
}
