import type { Count, Duration } from '../profile/ir.js';

/**
 * The one seeded generator of a simulation (sfc32: small, fast, and the same
 * sequence on every machine). Every random draw of a run comes from here, in
 * an order fixed by the event order, so the same seed gives the same run.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // Spread the seed over the state with splitmix32, then discard a few outputs.
    let s = seed >>> 0 || 0x9e3779b9;
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    // Kept as signed 32-bit integers (the same bits): V8 then holds them as small integers throughout.
    this.a = next() | 0;
    this.b = next() | 0;
    this.c = next() | 0;
    this.d = next() ^ Math.floor(seed / 0x100000000);
    for (let k = 0; k < 12; k++) this.uint32();
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1), with 53 bits. */
  float(): number {
    return (this.uint32() * 0x200000 + (this.uint32() >>> 11)) / 0x20000000000000;
  }

  /** A duration in whole nanoseconds. */
  duration(d: Duration): number {
    switch (d.kind) {
      case 'fixed':
        return d.ns;
      case 'uniform':
        return Math.round(d.lo + (d.hi - d.lo) * this.float());
      case 'exponential':
        return Math.round(-d.mean * Math.log(1 - this.float()));
      case 'normal': {
        // Box–Muller; a draw below zero is cut to zero.
        const u = 1 - this.float();
        const v = this.float();
        const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        return Math.max(0, Math.round(d.mean + d.sd * z));
      }
    }
  }

  /** Trials until the first success, at least 1. */
  geometric(p: number): number {
    if (p >= 1) return 1;
    // log1p keeps a small p from rounding 1 - p to 1 (and the count to one pass).
    return Math.max(1, Math.ceil(Math.log(1 - this.float()) / Math.log1p(-p)));
  }

  /** A count: geometric counts draw, expressions are evaluated by the caller. */
  drawCount(c: Extract<Count, { kind: 'geometric' }>): number {
    return this.geometric(c.p);
  }
}
