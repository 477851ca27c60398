import type { ResourceKind } from './ir.js';

/**
 * The words of the profile language, in one table that both the compiler
 * (for unknown-key and wrong-kind checks) and the JSON Schema generator read,
 * so the two cannot drift apart.
 */

/** What a resource declaration's value may be. */
export type ResourceForm =
  /** Written bare (`a: lock`) only. */
  | 'bare'
  /** Bare, or `{kind: N}` with N a count (`{queue: 10}`). */
  | 'bare-or-count'
  /** `{kind: N}` only. */
  | 'count'
  /** Bare (owns its lock) or `{condition: LOCK}`. */
  | 'bare-or-lock'
  /** `{value: N}` with N an integer. */
  | 'integer';

export interface ResourceWord {
  readonly form: ResourceForm;
  readonly summary: string;
}

export const RESOURCE_WORDS: Readonly<Record<ResourceKind, ResourceWord>> = {
  lock: { form: 'bare', summary: 'multiprocessing.Lock' },
  rlock: { form: 'bare', summary: 'multiprocessing.RLock: re-entrant for its holder' },
  semaphore: { form: 'count', summary: 'multiprocessing.Semaphore with an initial value' },
  bounded_semaphore: { form: 'count', summary: 'BoundedSemaphore: releasing above the initial value is an error' },
  event: { form: 'bare', summary: 'multiprocessing.Event' },
  condition: { form: 'bare-or-lock', summary: 'Condition bound to a lock, or owning its own rlock' },
  barrier: { form: 'count', summary: 'Barrier with a number of parties' },
  queue: { form: 'bare-or-count', summary: 'Queue, unbounded, or holding at most N items' },
  value: { form: 'integer', summary: "Value('i', N): a shared integer" },
  array: { form: 'count', summary: "Array('i', N): N shared integers, zero-filled" },
};

export const RESOURCE_KINDS = Object.keys(RESOURCE_WORDS) as ResourceKind[];

/** The kinds of thing a step's verb takes as its operand. */
export type OperandType =
  | { readonly type: 'duration' }
  | { readonly type: 'resource'; readonly kinds: readonly ResourceKind[] }
  /** A value name, or `array[index]` with a count index. */
  | { readonly type: 'target' }
  | { readonly type: 'template' }
  /** A count, `forever`, or `{while_set: EVENT}`. */
  | { readonly type: 'repeat' }
  /** `{items, cost, chunksize, arg_bytes, result_bytes}`. */
  | { readonly type: 'pool' }
  /** A list of durations. */
  | { readonly type: 'durations' }
  /** Written bare, as a plain string step. */
  | { readonly type: 'none' };

export type ModifierType = 'duration' | 'count' | 'integer' | 'scalar' | 'steps';

export interface Modifier {
  readonly type: ModifierType;
  readonly required?: true;
  readonly summary: string;
}

export interface VerbWord {
  readonly operand: OperandType;
  readonly modifiers: Readonly<Record<string, Modifier>>;
  readonly summary: string;
}

const LOCKLIKE: readonly ResourceKind[] = ['lock', 'rlock', 'semaphore', 'bounded_semaphore', 'condition'];
const timeout: Modifier = { type: 'duration', summary: 'give up after this long' };

export const VERBS: Readonly<Record<string, VerbWord>> = {
  compute: { operand: { type: 'duration' }, modifiers: {}, summary: 'CPU-bound work on one core' },
  sleep: { operand: { type: 'duration' }, modifiers: {}, summary: 'a blocking wait that uses no core' },
  acquire: {
    operand: { type: 'resource', kinds: LOCKLIKE },
    modifiers: { timeout },
    summary: "acquire a lock, rlock, semaphore, or a condition's lock",
  },
  release: { operand: { type: 'resource', kinds: LOCKLIKE }, modifiers: {}, summary: 'release what acquire took' },
  wait: {
    operand: { type: 'resource', kinds: ['event', 'barrier', 'condition'] },
    modifiers: { timeout },
    summary: 'wait for an event to be set, a barrier to fill, or a condition to be notified',
  },
  set: { operand: { type: 'resource', kinds: ['event'] }, modifiers: {}, summary: 'set an event' },
  clear: { operand: { type: 'resource', kinds: ['event'] }, modifiers: {}, summary: 'clear an event' },
  notify: {
    operand: { type: 'resource', kinds: ['condition'] },
    modifiers: { n: { type: 'count', summary: 'how many waiters to wake (default 1)' } },
    summary: 'wake waiters of a condition',
  },
  notify_all: { operand: { type: 'resource', kinds: ['condition'] }, modifiers: {}, summary: 'wake every waiter of a condition' },
  put: {
    operand: { type: 'resource', kinds: ['queue'] },
    modifiers: { item: { type: 'scalar', summary: 'what to put (default: the next integer of this process)' }, timeout },
    summary: 'put an item on a queue, blocking while a bounded queue is full',
  },
  get: {
    operand: { type: 'resource', kinds: ['queue'] },
    modifiers: { timeout, until: { type: 'scalar', summary: 'end the innermost repeat when this item is got' } },
    summary: 'get an item from a queue, blocking while it is empty',
  },
  increment: { operand: { type: 'target' }, modifiers: {}, summary: 'non-atomic += 1 of a shared value or array slot' },
  add: {
    operand: { type: 'target' },
    modifiers: { by: { type: 'integer', required: true, summary: 'the amount to add' } },
    summary: 'non-atomic += N of a shared value or array slot',
  },
  repeat: {
    operand: { type: 'repeat' },
    modifiers: { steps: { type: 'steps', required: true, summary: 'the steps to repeat' } },
    summary: 'repeat steps a number of times, forever, or while an event is set',
  },
  spawn: {
    operand: { type: 'template' },
    modifiers: { count: { type: 'count', summary: "how many instances (default the template's count)" } },
    summary: 'start instances of a process template (Process.start)',
  },
  join: { operand: { type: 'template' }, modifiers: {}, summary: 'wait for every instance of a template this process spawned' },
  map: { operand: { type: 'pool' }, modifiers: {}, summary: 'Pool.map' },
  starmap: { operand: { type: 'pool' }, modifiers: {}, summary: 'Pool.starmap' },
  imap: { operand: { type: 'pool' }, modifiers: {}, summary: 'Pool.imap (chunksize 1 by default)' },
  imap_unordered: { operand: { type: 'pool' }, modifiers: {}, summary: 'Pool.imap_unordered (chunksize 1 by default)' },
  apply_async: { operand: { type: 'durations' }, modifiers: {}, summary: 'submit one pool task per duration and go on' },
  wait_pool: { operand: { type: 'none' }, modifiers: {}, summary: 'wait for every pool task this process submitted' },
};

export const VERB_NAMES = Object.keys(VERBS);

/** Keys of a pool call's map, and which are required. */
export const POOL_KEYS: Readonly<Record<string, Modifier>> = {
  items: { type: 'count', required: true, summary: 'how many tasks' },
  cost: { type: 'duration', required: true, summary: 'the cost of one task (drawn afresh per item when a distribution)' },
  chunksize: { type: 'count', summary: "tasks per chunk, or auto (CPython's rule: ceil(items / (4 * workers)))" },
  arg_bytes: { type: 'count', summary: 'bytes sent to the worker per task' },
  result_bytes: { type: 'count', summary: 'bytes sent back per task' },
};

/** Keys of the top level. */
export const TOP_LEVEL_KEYS = ['version', 'name', 'description', 'seed', 'workers', 'run_for', 'resources', 'main', 'processes', 'expect', 'pool'] as const;
