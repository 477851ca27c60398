import type { SimProcess } from './sim-process.js';

/**
 * The virtual cores: which process holds each, when its turn on the core
 * began, and when the slice of work it is running ends (-1, or a time already
 * past, when it is not in one). Kept in typed arrays beside the processes, because a wake-up looks
 * over every core for one to preempt.
 */
export class Cores {
  readonly holder: (SimProcess | null)[];
  readonly turnSince: Float64Array;
  readonly sliceEnd: Float64Array;
  private readonly free: Int32Array;
  /** Cores free now. Read-only outside. */
  freeCount: number;

  constructor(readonly count: number) {
    this.holder = new Array<SimProcess | null>(count).fill(null);
    this.turnSince = new Float64Array(count);
    this.sliceEnd = new Float64Array(count).fill(-1);
    // Free cores are taken lowest first, so the same run always uses the same cores.
    this.free = Int32Array.from({ length: count }, (_, i) => count - 1 - i);
    this.freeCount = count;
  }

  /** Gives p a free core. */
  take(p: SimProcess): void {
    const c = this.free[--this.freeCount]!;
    this.assign(c, p);
  }

  /** Gives core c to p. */
  assign(c: number, p: SimProcess): void {
    this.holder[c] = p;
    this.sliceEnd[c] = -1;
    p.core = c;
  }

  /** Takes p's core from it; the core's number, for the next holder. */
  vacate(p: SimProcess): number {
    const c = p.core;
    p.core = -1;
    this.holder[c] = null;
    this.sliceEnd[c] = -1;
    return c;
  }

  /** Puts a vacated core back among the free ones. */
  release(c: number): void {
    this.free[this.freeCount++] = c;
  }

  /**
   * The earliest time after `now` that a core in a slice of work will have
   * been held for `granularityNs` (before its slice ends); Infinity if none.
   * A slice that ends at `now` is over, whatever its event says.
   */
  nextEligible(now: number, granularityNs: number): number {
    let at = Infinity;
    for (let c = 0; c < this.count; c++) {
      const t = this.turnSince[c]! + granularityNs;
      if (this.sliceEnd[c]! > now && this.sliceEnd[c]! > t && t < at) at = t;
    }
    return at;
  }

  /**
   * The core to preempt for a process that has just woken: of those running a
   * slice of work that goes on past `now`, the one whose holder has had it
   * longest, if that is at least `granularityNs`; -1 if none.
   */
  victim(now: number, granularityNs: number): number {
    let best = -1;
    for (let c = 0; c < this.count; c++) {
      // turnSince + granularity, as the check was scheduled for: `now - turnSince` can round below it.
      if (this.sliceEnd[c]! <= now || this.turnSince[c]! + granularityNs > now) continue;
      if (best < 0 || this.turnSince[c]! < this.turnSince[best]!) best = c;
    }
    return best;
  }
}
