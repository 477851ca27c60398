import { describe, expect, it } from 'vitest';
import { axisTicks, formatTime } from '../../renderer/src/charts/time-format';

describe('formatTime', () => {
  it('reads as before where the step is coarse: three decimals of seconds or milliseconds, two of microseconds', () => {
    expect(formatTime(7_729_000)).toBe('7.729 ms');
    expect(formatTime(2_500_000_000, 1e8)).toBe('2.500 s');
    expect(formatTime(1500, 500)).toBe('1.50 µs');
    expect(formatTime(999)).toBe('999 ns');
  });

  it('gives ticks a step apart labels that differ, however far one zooms in', () => {
    for (const step of [1e5, 1e4, 1e3, 100, 10, 1]) {
      const labels = [0, 1, 2, 3].map((k) => formatTime(7_729_000 + k * step, step));
      expect(new Set(labels).size, `step ${step} ns: ${labels.join(', ')}`).toBe(4);
    }
    expect(formatTime(7_729_001, 1)).toBe('7.729001 ms');
    // A step between powers of ten needs the decimals of the power below it.
    expect(formatTime(7_729_500, 500)).toBe('7.7295 ms');
    expect(formatTime(7_729_050, 50)).toBe('7.72905 ms');
    expect(formatTime(3_000_000_007, 1)).toBe('3.000000007 s');
  });

  it('gives no more decimals than reach a nanosecond', () => {
    expect(formatTime(1234, 0.001)).toBe('1.234 µs');
    expect(formatTime(12, 0.5)).toBe('12 ns');
  });

  it('puts ticks on whole nanoseconds only, zoomed in below one a tick (fractions of one read alike)', () => {
    const ticks = axisTicks(8_499_401, 8_499_404, 850);
    expect(ticks.map(({ t }) => t)).toEqual([8_499_401, 8_499_402, 8_499_403]);
    expect(new Set(ticks.map(({ t, step }) => formatTime(t, step))).size).toBe(3);
    // Coarser, d3's own ticks, each with the step between them.
    expect(axisTicks(0, 10_000_000, 1100)[1]).toEqual({ t: 1_000_000, step: 1_000_000 });
  });
});
