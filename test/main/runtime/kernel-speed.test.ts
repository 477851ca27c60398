import { describe, expect, it } from 'vitest';
import { kernelSpeedFromSlope } from '../../../main/runtime/calibrate.js';

describe('the kernel speed calibrate measures in a worker', () => {
  it('takes a cost paid once per run (the first compute of a new worker) for no slowness', () => {
    // 0.3 ms more in both runs: the ratio of either alone would say the kernel is 1% to 6% slow.
    expect(kernelSpeedFromSlope(0.7, { nominalNs: 5e6, ns: 5.3e6 }, { nominalNs: 25e6, ns: 25.3e6 })).toBeCloseTo(0.7, 12);
  });

  it('scales the bare speed by the slope where the kernel runs slower in a worker', () => {
    // 5% slower, with the same cost paid once.
    const speed = kernelSpeedFromSlope(0.7, { nominalNs: 5e6, ns: 5.25e6 + 0.3e6 }, { nominalNs: 25e6, ns: 26.25e6 + 0.3e6 });
    expect(speed).toBeCloseTo(0.7 / 1.05, 12);
  });

  it('and where it runs faster there than in the short bare measurement', () => {
    expect(kernelSpeedFromSlope(0.6, { nominalNs: 5e6, ns: 4.5e6 }, { nominalNs: 25e6, ns: 22.5e6 })).toBeCloseTo(0.6 / 0.9, 12);
  });

  it('keeps the bare speed where the slope is far off (a busy machine) or not a slope at all', () => {
    expect(kernelSpeedFromSlope(0.7, { nominalNs: 5e6, ns: 5e6 }, { nominalNs: 25e6, ns: 40e6 })).toBe(0.7);
    expect(kernelSpeedFromSlope(0.7, { nominalNs: 5e6, ns: 9e6 }, { nominalNs: 25e6, ns: 9e6 })).toBe(0.7);
    expect(kernelSpeedFromSlope(0.7, { nominalNs: 5e6, ns: 9e6 }, { nominalNs: 25e6, ns: 8e6 })).toBe(0.7);
  });
});
