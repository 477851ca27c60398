/**
 * The trace: one format for simulated and measured runs, so every view and
 * report reads either, or both side by side. Version 1.
 *
 * Spans and operations are tuples rather than objects, so a trace of a
 * million records stays compact in memory and in JSON.
 */
export const TRACE_VERSION = 1;

/** What a process is doing during a span. */
export type ProcessState =
  /** On a core, doing work. */
  | 'running'
  /** Runnable, waiting for a core. */
  | 'ready'
  /** Waiting on a resource (the span names it). */
  | 'blocked'
  /** In `sleep`: waiting without a core. */
  | 'sleeping';

export const PROCESS_STATES: readonly ProcessState[] = ['running', 'ready', 'blocked', 'sleeping'];

/**
 * A state interval: [process id, state index into PROCESS_STATES, start ns,
 * end ns, resource id or -1]. For `blocked`, the resource waited on; a join
 * waits on the pseudo-resource `join:<template>`, a pool call on `pool`.
 */
export type Span = readonly [process: number, state: number, startNs: number, endNs: number, resource: number];

/**
 * An operation: [time ns, process id, op name, resource id or -1, other
 * process id or -1]. `other` is who woke whom: for a wake-up, the process that
 * caused it; for a `preempt`, the woken process that took the core; for a
 * `start`, the process that spawned it (-1 for the first wave; pool workers
 * have no `start`). At the
 * end of a run that cannot go on, each process blocked for good has a
 * `stuck` op with the resource it waits on.
 */
export type TraceOp = readonly [timeNs: number, process: number, op: string, resource: number, other: number];

export interface TraceProcess {
  readonly id: number;
  /** `foo`, `writer[3]`, `pool[0]`. */
  readonly name: string;
  readonly template: string;
}

export interface TraceResource {
  readonly id: number;
  readonly name: string;
  readonly kind: string;
}

export interface Trace {
  readonly version: typeof TRACE_VERSION;
  /** `simulated`: virtual time of the simulator; `measured`: one monotonic clock across threads. */
  readonly clock: 'simulated' | 'measured';
  readonly processes: readonly TraceProcess[];
  readonly resources: readonly TraceResource[];
  readonly spans: readonly Span[];
  readonly ops: readonly TraceOp[];
  /** Records kept at most: half for spans, half for ops; past them the rest are counted, not kept. */
  readonly cap: number;
  /** Records past the cap, dropped; 0 when the trace is whole. */
  readonly dropped: number;
}

/**
 * Keeps spans and operations up to a cap, so large runs keep memory flat.
 * Spans and operations have a half each, so a flood of operations (every
 * read and write of a busy counter) cannot crowd out the state timeline.
 */
export class TraceRecorder {
  readonly spans: Span[] = [];
  readonly ops: TraceOp[] = [];
  dropped = 0;
  private readonly half: number;

  constructor(readonly cap: number) {
    this.half = Math.ceil(cap / 2);
  }

  span(process: number, state: number, start: number, end: number, resource: number): void {
    if (end <= start) return;
    if (this.spans.length >= this.half) this.dropped++;
    else this.spans.push([process, state, start + 0, end, resource]); // + 0: no -0 (see ZERO_NS)
  }

  op(time: number, process: number, op: string, resource: number, other: number): void {
    if (this.ops.length >= this.half) this.dropped++;
    else this.ops.push([time + 0, process, op, resource, other]);
  }
}
