import { describe, expect, it } from 'vitest';
import { fitWorkerStart, simulatedStarts } from '../../../main/runtime/fit-worker-start.js';

/** What the simulator itself gives for starting k workers at once with a start of s serial and p on-core. */
function samplesOf(serialNs: number, workNs: number, cores: number) {
  return [1, 2, cores, 2 * cores, 4 * cores].map((k) => ({ k, ...simulatedStarts(k, cores, serialNs, workNs) }));
}

describe('fitting the twin to measured worker starts', () => {
  it('recovers the split of a start from times the simulator itself gave', () => {
    for (const [serial, work] of [
      [3e6, 20e6],
      [0, 25e6],
      [8e6, 10e6],
    ] as const) {
      const fit = fitWorkerStart(samplesOf(serial, work, 2), 2);
      expect(Math.abs(fit.spawnSerialNs - serial)).toBeLessThan(0.03 * (serial + work));
      expect(Math.abs(fit.spawnNs - work)).toBeLessThan(0.03 * (serial + work));
    }
  });

  it('lets a start among many cost more than one alone, as measured', () => {
    // Each start costs 30 ms of core when eight start together, though a lone one takes 26.
    const samples = [
      { k: 1, firstNs: 26e6, allNs: 26e6 },
      { k: 2, firstNs: 28e6, allNs: 31e6 },
      { k: 4, firstNs: 45e6, allNs: 61e6 },
      { k: 8, firstNs: 90e6, allNs: 122e6 },
    ];
    const fit = fitWorkerStart(samples, 2);
    const eight = simulatedStarts(8, 2, fit.spawnSerialNs, fit.spawnNs);
    expect(Math.abs(eight.allNs - 122e6) / 122e6).toBeLessThan(0.15);
    expect(fit.spawnNs + fit.spawnSerialNs).toBeGreaterThan(26e6);
  });

  it('has nothing to split on one core', () => {
    expect(fitWorkerStart([{ k: 1, firstNs: 20e6, allNs: 20e6 }], 1)).toEqual({ spawnNs: 20e6, spawnSerialNs: 0 });
  });
});
