import { evalExpr } from '../../simulator/profile/count.js';
import type { Program, Scalar } from '../../simulator/profile/ir.js';

/**
 * Where everything lives in the one SharedArrayBuffer of a real run: a header,
 * one slot per process, one slot per resource, the rings of the queues, the
 * cells of shared values and arrays, the pool's task ring, and the join
 * counters. Every field is an Int32 so it can be waited on with Atomics.
 */

/** Header words. */
export const H_STOP = 0; // set to 1 to stop every worker (cancel, time limit, deadlock)
export const H_POOL_LOCK = 1;
export const H_POOL_HEAD = 2;
export const H_POOL_TAIL = 3;
export const H_POOL_COUNT = 4; // chunks waiting; waited on by idle pool workers
export const H_READY = 5; // processes of the first wave loaded and waiting at the start gate
export const H_GO = 6; // 1 once the start gate opens (every first-wave process starts together)
export const H_POOL_STARTED = 7; // 1 once a process has asked for the pool (it starts at the first pool call)
export const HEADER_WORDS = 8;

/** Per process: what it is doing, for the watchdog and the final report. */
export const P_STATE = 0; // PS_* below
export const P_WAIT_KIND = 1; // WK_* below
export const P_WAIT_RES = 2; // resource index, template index (join), or -1
export const P_DEADLINE = 3; // 1 when the wait has a timeout (not a hang)
export const P_OUTSTANDING_CALL = 4; // chunks of the blocking pool call left
export const P_OUTSTANDING_ASYNC = 5; // apply_async tasks left
export const P_SLEEP = 6; // a word to sleep on
export const P_LINE = 7; // the profile line of the step it blocked at, for findings (0: none)
export const PROC_WORDS = 8;

export const PS_NEW = 0;
export const PS_RUNNING = 1;
export const PS_BLOCKED = 2;
export const PS_SLEEPING = 3;
export const PS_DONE = 4;

export const WK_NONE = 0;
export const WK_LOCK = 1; // lock, rlock, or a condition's lock
export const WK_SEMAPHORE = 2;
export const WK_EVENT = 3;
export const WK_CONDITION = 4;
export const WK_BARRIER = 5;
export const WK_QUEUE_GET = 6;
export const WK_QUEUE_PUT = 7;
export const WK_JOIN = 8;
export const WK_POOL = 9;

/** Per resource. Locks: state (0 free, 1 taken, 2 taken with waiters), owner pid + 1, rlock count. */
export const R_A = 0;
export const R_B = 1;
export const R_C = 2;
export const R_D = 3;
export const RES_WORDS = 4;

/** Pool task ring entries: owner pid, template, pc, cost index (-1 for a map), items. */
export const TASK_WORDS = 5;
export const POOL_RING = 1 << 14;

/** Items of an "unbounded" queue, at most (a real run needs a fixed ring). */
export const UNBOUNDED_QUEUE_RING = 1 << 16;

/**
 * Processes one real run starts, at most, main and pool workers included:
 * each has a slot of the shared memory for the whole run (slots are not
 * reused when a process ends) and a worker thread while it lives.
 */
export const MAX_REAL_PROCESSES = 512;

export interface Layout {
  readonly words: number;
  readonly maxProcesses: number;
  readonly procBase: number;
  readonly resBase: number;
  /** Per queue resource: where its ring starts and how many slots it has. */
  readonly queueRing: ReadonlyMap<number, { readonly base: number; readonly slots: number }>;
  /** Per value or array resource: where its cells start and how many. */
  readonly cells: ReadonlyMap<number, { readonly base: number; readonly length: number }>;
  readonly poolBase: number;
  /** Join counters: live children per (parent process, template). */
  readonly joinBase: number;
  readonly templates: number;
  /** Queue items: profile scalars that are not small integers get codes from here. */
  readonly items: readonly Scalar[];
}

/** Interned item codes sit at the top of the int32 range; plain non-negative integers stand for themselves. */
export const ITEM_CODE_BASE = 0x7fff0000;

export function itemCode(layout: Layout, item: Scalar): number {
  if (typeof item === 'number' && Number.isInteger(item) && item >= 0 && item < ITEM_CODE_BASE) return item;
  const k = layout.items.findIndex((x) => x === item);
  if (k < 0) throw new Error(`queue item ${JSON.stringify(item)} was not interned`);
  return ITEM_CODE_BASE + k;
}

export function itemOf(layout: Layout, code: number): Scalar {
  return code >= ITEM_CODE_BASE ? layout.items[code - ITEM_CODE_BASE]! : code;
}

export function planLayout(program: Program, workers: number, maxProcesses: number): Layout {
  const env = { workers, i: 0 };
  let at = HEADER_WORDS;
  const procBase = at;
  at += maxProcesses * PROC_WORDS;
  const resBase = at;
  at += program.resources.length * RES_WORDS;
  const queueRing = new Map<number, { base: number; slots: number }>();
  const cells = new Map<number, { base: number; length: number }>();
  program.resources.forEach((r, index) => {
    if (r.kind === 'queue') {
      const slots = r.capacity ? evalExpr(r.capacity, env) : UNBOUNDED_QUEUE_RING;
      queueRing.set(index, { base: at, slots });
      at += slots;
    } else if (r.kind === 'value') {
      cells.set(index, { base: at, length: 1 });
      at += 1;
    } else if (r.kind === 'array') {
      const length = evalExpr(r.length, env);
      cells.set(index, { base: at, length });
      at += length;
    }
  });
  const poolBase = at;
  at += POOL_RING * TASK_WORDS;
  const joinBase = at;
  at += maxProcesses * program.templates.length;
  const items: Scalar[] = [];
  for (const t of program.templates) {
    for (const ins of t.code) {
      const scalars = ins.op === 'put' && ins.item !== null ? [ins.item] : ins.op === 'get' && ins.until ? [ins.until.item] : [];
      for (const s of scalars) {
        const small = typeof s === 'number' && Number.isInteger(s) && s >= 0 && s < ITEM_CODE_BASE;
        if (!small && !items.includes(s)) items.push(s);
      }
    }
  }
  return { words: at, maxProcesses, procBase, resBase, queueRing, cells, poolBase, joinBase, templates: program.templates.length, items };
}

export const procWord = (layout: Layout, pid: number, field: number) => layout.procBase + pid * PROC_WORDS + field;
export const resWord = (layout: Layout, r: number, field: number) => layout.resBase + r * RES_WORDS + field;
export const joinWord = (layout: Layout, parent: number, template: number) => layout.joinBase + parent * layout.templates + template;
