import { ZERO_NS } from './zero-ns.js';

/**
 * The simulator's future event list, ordered by (time, priority, insertion
 * sequence), so ties break the same way on every run. Stored in typed arrays
 * (no object per event) because the simulator pushes and pops millions.
 *
 * Events for the current instant at priority 0 (a process given a core, a
 * wake-up without latency) skip the heap: they go to a FIFO, which gives the
 * same order, since every such event in the heap was pushed before time
 * reached this instant and so has a smaller sequence number.
 *
 * The earliest of the other events is held apart from the heap, in `first`,
 * when it was pushed as the earliest: the event just scheduled is very often
 * the next to happen (the end of the only running process's work, on one
 * core), and then it goes in and out without a sift. The order is the same.
 */
export class EventQueue {
  private current = ZERO_NS;
  private instantKind = new Uint8Array(256);
  private instantTarget = new Int32Array(256);
  private instantToken = new Int32Array(256);
  private instantHead = 0;
  private instantSize = 0;
  private time = new Float64Array(1024);
  private order = new Float64Array(1024); // priority * 2^40 + sequence
  private kind = new Uint8Array(1024);
  private target = new Int32Array(1024);
  private token = new Int32Array(1024);
  private size = 0;
  private sequence = 0;
  /** The earliest event not in the FIFO, when it is not in the heap (all its fields valid only while hasFirst). */
  private hasFirst = false;
  private firstTime = ZERO_NS;
  private firstOrder = ZERO_NS;
  private firstKind = 0;
  private firstTarget = 0;
  private firstToken = 0;

  constructor() {
    this.current = 0; // +0 from here on, held as a double
  }

  get length(): number {
    return this.size + this.instantSize + (this.hasFirst ? 1 : 0);
  }

  push(time: number, priority: number, kind: number, target: number, token: number): void {
    if (time === this.current && priority === 0) {
      this.pushNow(kind, target, token);
      return;
    }
    const order = priority * 0x10000000000 + this.sequence++;
    const first = this.hasFirst
      ? time < this.firstTime || (time === this.firstTime && order < this.firstOrder)
      : this.size === 0 || time < this.time[0]! || (time === this.time[0] && order < this.order[0]!);
    if (first) {
      if (this.hasFirst) this.heapAddFirst();
      this.hasFirst = true;
      this.firstTime = time;
      this.firstOrder = order;
      this.firstKind = kind;
      this.firstTarget = target;
      this.firstToken = token;
      return;
    }
    // Into the heap: written in its first free slot, then sifted up by index. (No time is passed to a
    // call: one that V8 does not inline boxes each time as a new heap number, two an event before.)
    if (this.size === this.time.length) this.grow();
    const i = this.size++;
    this.time[i] = time;
    this.order[i] = order;
    this.kind[i] = kind;
    this.target[i] = target;
    this.token[i] = token;
    this.siftUp(i);
  }

  /**
   * An event at the current instant with priority 0: push(now, 0, ...), where
   * now is the time of the event popped last (the engine's clock while it
   * dispatches that event; pushed between a pop and its dispatch, or after a
   * stale event's pop, it would not be the same). It has no
   * time parameter because a time passed to a call that V8 does not inline is
   * boxed, a new heap number each time (times in ns pass 2^31 in two
   * seconds), and these are most of a busy run's pushes.
   */
  pushNow(kind: number, target: number, token: number): void {
    if (this.instantSize === this.instantKind.length) this.growInstant();
    const at = (this.instantHead + this.instantSize) & (this.instantKind.length - 1);
    this.instantKind[at] = kind;
    this.instantTarget[at] = target;
    this.instantToken[at] = token;
    this.instantSize++;
    this.sequence++;
  }

  /** The held earliest event goes into the heap (an earlier one is pushed). */
  private heapAddFirst(): void {
    if (this.size === this.time.length) this.grow();
    const i = this.size++;
    this.time[i] = this.firstTime;
    this.order[i] = this.firstOrder;
    this.kind[i] = this.firstKind;
    this.target[i] = this.firstTarget;
    this.token[i] = this.firstToken;
    this.siftUp(i);
  }

  private siftUp(from: number): void {
    const time = this.time[from]!;
    const order = this.order[from]!;
    const kind = this.kind[from]!;
    const target = this.target[from]!;
    const token = this.token[from]!;
    let i = from;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.time[parent]! < time || (this.time[parent] === time && this.order[parent]! < order)) break;
      this.move(parent, i);
      i = parent;
    }
    if (i === from) return;
    this.time[i] = time;
    this.order[i] = order;
    this.kind[i] = kind;
    this.target[i] = target;
    this.token[i] = token;
  }

  /** Removes the earliest event into `out`; false when empty. */
  pop(out: { time: number; kind: number; target: number; token: number }): boolean {
    if (this.instantSize > 0 && !this.dueBeforeInstant()) {
      const at = this.instantHead;
      out.time = this.current;
      out.kind = this.instantKind[at]!;
      out.target = this.instantTarget[at]!;
      out.token = this.instantToken[at]!;
      this.instantHead = (at + 1) & (this.instantKind.length - 1);
      this.instantSize--;
      return true;
    }
    if (this.hasFirst) {
      this.hasFirst = false;
      this.current = this.firstTime;
      out.time = this.firstTime;
      out.kind = this.firstKind;
      out.target = this.firstTarget;
      out.token = this.firstToken;
      return true;
    }
    if (this.size === 0) return false;
    this.current = this.time[0]!;
    out.time = this.time[0]!;
    out.kind = this.kind[0]!;
    out.target = this.target[0]!;
    out.token = this.token[0]!;
    const last = --this.size;
    if (last === 0) return true;
    const time = this.time[last]!;
    const order = this.order[last]!;
    const kind = this.kind[last]!;
    const target = this.target[last]!;
    const token = this.token[last]!;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= last) break;
      const right = left + 1;
      let child = left;
      if (right < last && (this.time[right]! < this.time[left]! || (this.time[right] === this.time[left] && this.order[right]! < this.order[left]!)))
        child = right;
      if (time < this.time[child]! || (time === this.time[child] && order < this.order[child]!)) break;
      this.move(child, i);
      i = child;
    }
    this.time[i] = time;
    this.order[i] = order;
    this.kind[i] = kind;
    this.target[i] = target;
    this.token[i] = token;
    return true;
  }

  /** Whether the earliest scheduled event is at this instant with priority 0, pushed before the FIFO's events. */
  private dueBeforeInstant(): boolean {
    // The held event never is (one of this instant at priority 0 goes to the FIFO, and time reaches
    // the held one only by popping it), and it is earlier than all in the heap.
    if (this.hasFirst) return false;
    return this.size > 0 && this.time[0] === this.current && this.order[0]! < 0x10000000000;
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from]!;
    this.order[to] = this.order[from]!;
    this.kind[to] = this.kind[from]!;
    this.target[to] = this.target[from]!;
    this.token[to] = this.token[from]!;
  }

  private growInstant(): void {
    const n = this.instantKind.length;
    const kind = new Uint8Array(n * 2);
    const target = new Int32Array(n * 2);
    const token = new Int32Array(n * 2);
    for (let k = 0; k < this.instantSize; k++) {
      const at = (this.instantHead + k) & (n - 1);
      kind[k] = this.instantKind[at]!;
      target[k] = this.instantTarget[at]!;
      token[k] = this.instantToken[at]!;
    }
    this.instantKind = kind;
    this.instantTarget = target;
    this.instantToken = token;
    this.instantHead = 0;
  }

  private grow(): void {
    const n = this.time.length * 2;
    const grow = <T extends Float64Array | Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.time = grow(this.time, (k) => new Float64Array(k));
    this.order = grow(this.order, (k) => new Float64Array(k));
    this.kind = grow(this.kind, (k) => new Uint8Array(k));
    this.target = grow(this.target, (k) => new Int32Array(k));
    this.token = grow(this.token, (k) => new Int32Array(k));
  }
}
