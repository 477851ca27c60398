import type { Program } from './profile/ir.js';
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
 * 50 events, none of that happens.
 *
 * On eight cores every process has one: `short`, `medium` and `long` end at 1,
 * 3 and 5 ms and leave their cores idle, the end of `short` rising in the heap
 * past the others'; `sleeper` wakes to a free core; the takers' loops end. On
 * one core, `sleeper` sleeps first and wakes after `long` has held the core
 * for over a millisecond, and preempts it; `long` later takes it back with
 * work left.
 */
export const WARM_UP_PROFILE = `version: 1
name: warm-up
workers: [8]
resources:
  lock: lock
processes:
  sleeper: [{sleep: 2ms}, {compute: 10us}]
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
 * Simulates the warm-up program (WARM_UP_PROFILE) over its sweep, eight cores
 * and the one-worker baseline, and drops the result. The caller compiles it
 * (the simulator's threads other than the profile's own lack the profile
 * parser), as it came by the program to be run, so that V8 sees objects of
 * the same shapes in both: compiled on this thread, or received from another.
 */
export function warmUp(program: Program): void {
  simulate(program);
}
