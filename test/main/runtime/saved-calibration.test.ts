import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { savedOrNewCalibration } from '../../../main/runtime/calibrate.js';

describe("this machine's calibration", () => {
  const before = process.env.INTERLEAVE_CONFIG_DIR;
  afterEach(() => {
    if (before === undefined) delete process.env.INTERLEAVE_CONFIG_DIR;
    else process.env.INTERLEAVE_CONFIG_DIR = before;
  });

  it('is the saved one where there is one, taken without measuring or a word said', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-cal-'));
    process.env.INTERLEAVE_CONFIG_DIR = dir;
    const saved = {
      name: 'calibrated',
      source: 'test',
      spawnNs: 7,
      dispatchNs: 1,
      byteNs: 0.5,
      lockNs: 9,
      wakeNs: 20,
      queueNs: 3,
      valueNs: 9,
      kernelItersPerNs: 0.5,
      measuredAt: 'then',
    };
    writeFileSync(join(dir, 'cost-model.json'), JSON.stringify(saved));
    const said: string[] = [];
    const model = await savedOrNewCalibration((line) => said.push(line));
    expect(model).toMatchObject({ spawnNs: 7, kernelItersPerNs: 0.5, measuredAt: 'then' });
    expect(said).toEqual([]);
  });
});
