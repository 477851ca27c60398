/**
 * The simulator's future event list: a binary min-heap ordered by
 * (time, priority, insertion sequence), so ties break the same way on every
 * run. Stored in typed arrays (no object per event) because the simulator
 * pushes and pops millions of events.
 */
export class EventQueue {
  private time = new Float64Array(1024);
  private order = new Float64Array(1024); // priority * 2^40 + sequence
  private kind = new Uint8Array(1024);
  private target = new Int32Array(1024);
  private token = new Int32Array(1024);
  private size = 0;
  private sequence = 0;

  get length(): number {
    return this.size;
  }

  push(time: number, priority: number, kind: number, target: number, token: number): void {
    if (this.size === this.time.length) this.grow();
    let i = this.size++;
    const order = priority * 0x10000000000 + this.sequence++;
    // Sift up.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.time[parent]! < time || (this.time[parent] === time && this.order[parent]! < order)) break;
      this.move(parent, i);
      i = parent;
    }
    this.time[i] = time;
    this.order[i] = order;
    this.kind[i] = kind;
    this.target[i] = target;
    this.token[i] = token;
  }

  /** The earliest event's fields, valid until the next push or pop. */
  peekTime(): number {
    return this.time[0]!;
  }

  /** Removes the earliest event into `out`; false when empty. */
  pop(out: { time: number; kind: number; target: number; token: number }): boolean {
    if (this.size === 0) return false;
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

  private move(from: number, to: number): void {
    this.time[to] = this.time[from]!;
    this.order[to] = this.order[from]!;
    this.kind[to] = this.kind[from]!;
    this.target[to] = this.target[from]!;
    this.token[to] = this.token[from]!;
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
