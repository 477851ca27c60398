/**
 * A first-in first-out queue on a ring buffer: O(1) push and shift, no
 * copying and no garbage in steady state (ready queues and waiter lists see
 * millions of pushes in a large run).
 */
export class Fifo<T> {
  private items: (T | undefined)[] = new Array<T | undefined>(16);
  private head = 0;
  /** How many items it holds (a field, not a getter: read on most events, and cheaper so before V8 optimises). Read-only outside. */
  length = 0;

  push(item: T): void {
    if (this.length === this.items.length) this.grow();
    this.items[(this.head + this.length) & (this.items.length - 1)] = item;
    this.length++;
  }

  /** Puts an item at the front (a preempted process, next to get a core back). */
  unshift(item: T): void {
    if (this.length === this.items.length) this.grow();
    this.head = (this.head - 1) & (this.items.length - 1);
    this.items[this.head] = item;
    this.length++;
  }

  shift(): T | undefined {
    if (this.length === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.length--;
    return item;
  }

  peek(): T | undefined {
    return this.length === 0 ? undefined : this.items[this.head];
  }

  /** Removes one item (a waiter that timed out); O(n), rare. */
  remove(item: T): boolean {
    const all = this.toArray();
    const i = all.indexOf(item);
    if (i < 0) return false;
    all.splice(i, 1);
    this.items.fill(undefined);
    this.head = 0;
    this.length = 0;
    for (const x of all) this.push(x);
    return true;
  }

  toArray(): T[] {
    const out: T[] = [];
    for (let k = 0; k < this.length; k++) out.push(this.items[(this.head + k) & (this.items.length - 1)] as T);
    return out;
  }

  private grow(): void {
    // Twice the room, in order from the head: copied by the array's own methods, not a loop of
    // pushes (a ready queue grows as thousands of processes start, and V8 compiled that loop apart).
    const items = this.items;
    this.items = items.slice(this.head).concat(items.slice(0, this.head), new Array<T | undefined>(items.length));
    this.head = 0;
  }
}
