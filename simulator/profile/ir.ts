/**
 * The program IR: what a workload profile compiles to, and what both the
 * simulator and the real runtime execute.
 *
 * Design goals, in order:
 * - cheap to interpret: each process template is a flat array of
 *   instructions; loops are jumps with a counter slot, so a running process is
 *   just (template, pc, loop counters, put counter) and needs no recursion;
 * - easy to snapshot: because a process's state is those few integers, the
 *   interleaving explorer can copy and hash states cheaply;
 * - resolved: every resource and template reference is an index, checked at
 *   load time, so interpreters never look names up or meet a dangling name;
 * - located: every instruction keeps the line and column of its step, so a
 *   finding at run time can point back into the profile.
 *
 * Times are integer nanoseconds (never floats that drift).
 */

/** A line and column in the profile's text, both counted from 1. */
export interface SourcePos {
  readonly line: number;
  readonly column: number;
}

/** A duration, fixed or drawn from the seeded generator. All fields in ns. */
export type Duration =
  | { readonly kind: 'fixed'; readonly ns: number }
  | { readonly kind: 'uniform'; readonly lo: number; readonly hi: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  /** Normal, cut at zero (a draw below zero is zero). */
  | { readonly kind: 'normal'; readonly mean: number; readonly sd: number };

/** The variables a count expression may read. */
export type ExprVar = 'workers' | 'i';

/** An integer expression over `$workers` and `$i`; `/` is integer division. */
export type Expr =
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'var'; readonly name: ExprVar }
  | { readonly kind: 'neg'; readonly arg: Expr }
  | {
      readonly kind: 'bin';
      readonly op: '+' | '-' | '*' | '/';
      readonly left: Expr;
      readonly right: Expr;
    };

/** A count: an integer expression, or the number of trials until the first success. */
export type Count = { readonly kind: 'expr'; readonly expr: Expr; readonly text: string } | { readonly kind: 'geometric'; readonly p: number };

/** What a queue carries: the profile's scalars. */
export type Scalar = string | number | boolean;

/** Every kind of shared resource, named as in PROFILES.md. */
export type ResourceKind = 'lock' | 'rlock' | 'semaphore' | 'bounded_semaphore' | 'event' | 'condition' | 'barrier' | 'queue' | 'value' | 'array';

/** A declared (or, for a condition's own lock, implied) shared resource. */
export type Resource = { readonly name: string; readonly at: SourcePos } & (
  | { readonly kind: 'lock' }
  /** Re-entrant for its holder. */
  | { readonly kind: 'rlock' }
  | { readonly kind: 'semaphore'; readonly initial: Expr }
  /** Releasing above `initial` is misuse. */
  | { readonly kind: 'bounded_semaphore'; readonly initial: Expr }
  | { readonly kind: 'event' }
  /**
   * `lock` is the index of the lock it is bound to. A plain `condition` owns an
   * rlock (as `multiprocessing.Condition()` does), declared right after it with
   * `implied: true` and the name `<condition>.lock`.
   */
  | { readonly kind: 'condition'; readonly lock: number }
  | { readonly kind: 'barrier'; readonly parties: Expr }
  /** `capacity` null means unbounded. */
  | { readonly kind: 'queue'; readonly capacity: Expr | null }
  | { readonly kind: 'value'; readonly initial: number }
  /** Zero-filled integers. */
  | { readonly kind: 'array'; readonly length: Expr }
) & { readonly implied?: true };

/** How a loop decides whether to run its body again. */
export type LoopBound =
  | { readonly kind: 'count'; readonly count: Count }
  | { readonly kind: 'forever' }
  /** Runs while the event (a resource index) is set, checked before each pass. */
  | { readonly kind: 'while_set'; readonly event: number };

/** The pool calls of `multiprocessing.Pool`. */
export type PoolCall = 'map' | 'starmap' | 'imap' | 'imap_unordered';

/**
 * One instruction. `r` is a resource index, `t` a template index, pcs are
 * indices into the template's `code`.
 */
export type Instr = { readonly at: SourcePos } & (
  | { readonly op: 'compute'; readonly d: Duration }
  | { readonly op: 'sleep'; readonly d: Duration }
  /** Lock, rlock, semaphore or bounded semaphore (a condition resolves to its lock). */
  | { readonly op: 'acquire'; readonly r: number; readonly timeout: Duration | null }
  | { readonly op: 'release'; readonly r: number }
  /** Event, barrier or condition, per the resource's kind. */
  | { readonly op: 'wait'; readonly r: number; readonly timeout: Duration | null }
  | { readonly op: 'set'; readonly r: number }
  | { readonly op: 'clear'; readonly r: number }
  /** `n` null wakes one waiter. */
  | { readonly op: 'notify'; readonly r: number; readonly n: Count | null }
  | { readonly op: 'notify_all'; readonly r: number }
  /** `item` null puts the process's next integer (0, 1, 2, ...). */
  | {
      readonly op: 'put';
      readonly r: number;
      readonly item: Scalar | null;
      readonly timeout: Duration | null;
    }
  /**
   * With `until`, getting that item jumps to `exit`, the pc just past the
   * innermost enclosing loop.
   */
  | {
      readonly op: 'get';
      readonly r: number;
      readonly timeout: Duration | null;
      readonly until: { readonly item: Scalar; readonly exit: number } | null;
    }
  /**
   * Non-atomic read-modify-write of a value (`index` null) or an array slot:
   * a read, a scheduling point, then a write. `increment` is `by` 1.
   */
  | {
      readonly op: 'add';
      readonly r: number;
      readonly index: Expr | null;
      readonly by: Expr;
      readonly verb: 'increment' | 'add';
    }
  /** Loop head: when the bound says stop, jump to `end` (past the matching `next`). */
  | { readonly op: 'loop'; readonly bound: LoopBound; readonly slot: number; readonly end: number }
  /** Loop tail: jump back to the head at `head`. */
  | { readonly op: 'next'; readonly head: number; readonly slot: number }
  /** `count` null starts the template's own count. */
  | { readonly op: 'spawn'; readonly t: number; readonly count: Count | null }
  | { readonly op: 'join'; readonly t: number }
  /**
   * A blocking pool call over `items` tasks of `cost` each; `chunksize` auto
   * follows CPython's `ceil(items / (4 * workers))`.
   */
  | {
      readonly op: 'pool';
      readonly call: PoolCall;
      readonly items: Count;
      readonly cost: Duration;
      readonly chunksize: Count | 'auto';
      readonly argBytes: Count | null;
      readonly resultBytes: Count | null;
    }
  /** Submits one task per cost and goes on. */
  | { readonly op: 'apply_async'; readonly costs: readonly Duration[] }
  /** Waits for every pool task this process submitted. */
  | { readonly op: 'wait_pool' }
);

export type Op = Instr['op'];

/** A process template: a flat program and how many instances start by default. */
export interface Template {
  readonly name: string;
  /** Instances started at time 0 (without `main`) or by a bare `spawn`. Never reads `$i`. */
  readonly count: Expr;
  readonly code: readonly Instr[];
  /** Number of loop counter slots a running instance needs. */
  readonly slots: number;
  readonly at: SourcePos;
}

/** A value the program must end with; a mismatch is a lost-update finding. */
export interface Expectation {
  readonly r: number;
  /** For arrays, the expected value of every slot in order. */
  readonly value: number | readonly number[];
  readonly at: SourcePos;
}

/** A whole compiled profile. */
export interface Program {
  readonly version: 1;
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  /** Worker counts, each bound to `$workers` in turn. */
  readonly sweep: readonly number[];
  /** Programs with `forever` loops stop here; null means run to completion. */
  readonly runForNs: number | null;
  readonly resources: readonly Resource[];
  /** Process templates; `main`, when present, is one of them. */
  readonly templates: readonly Template[];
  /** Index of the main template, or null when every template starts at time 0. */
  readonly main: number | null;
  readonly expect: readonly Expectation[];
  /** Pool size; null means `$workers`. */
  readonly poolWorkers: Expr | null;
}
