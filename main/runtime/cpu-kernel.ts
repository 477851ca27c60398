/**
 * The CPU kernel behind `compute`: a fixed amount of integer arithmetic
 * (xorshift rounds), calibrated to a duration on this machine, never a spin on
 * the clock, so contention for cores and caches shows up as it would.
 */
let sink = 0;

/** Runs `iterations` rounds of arithmetic; returns nothing useful but keeps the work from being optimised away. */
export function burn(iterations: number): void {
  let x = (0x9e3779b9 ^ sink) | 0;
  for (let k = 0; k < iterations; k++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
  }
  sink = x;
}

/** The kernel's speed on this thread: iterations per nanosecond (the median of a few timed runs). */
export function measureKernelSpeed(targetMs = 40): number {
  let n = 1 << 16;
  burn(n); // warm up the JIT
  for (;;) {
    const start = performance.now();
    burn(n);
    const ms = performance.now() - start;
    if (ms >= targetMs / 4) break;
    n *= 2;
  }
  const speeds: number[] = [];
  for (let k = 0; k < 5; k++) {
    const start = performance.now();
    burn(n);
    speeds.push(n / ((performance.now() - start) * 1e6));
  }
  speeds.sort((a, b) => a - b);
  return speeds[2]!;
}
