import { calibrate, CalibrationError, writeCalibration } from '../runtime/calibrate.js';
import { calibratedModelPath, configDirProblem } from '../runtime/config-dir.js';
import { checkOutputPath } from './output-path.js';

/** Measures this machine and saves the cost model the simulator and the runtime use from then on. */
export async function calibrateCommand(outFile: string | undefined, json: boolean, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (outFile !== undefined) checkOutputPath('--out', outFile);
  else {
    const problem = configDirProblem();
    if (problem) {
      err(`interleave: ${problem}`);
      return 2;
    }
  }
  err('Calibrating this machine...');
  let model;
  try {
    model = await calibrate((line) => err(`  ${line}`));
  } catch (e) {
    if (!(e instanceof CalibrationError)) throw e;
    err(`interleave: ${e.message}`);
    return 1;
  }
  const path = outFile ?? calibratedModelPath();
  // An --out file goes in a folder that exists (checked above); the default folder is made if need be.
  try {
    writeCalibration(model, path);
  } catch (e) {
    // The measuring is not lost: the model goes to stdout, to be saved by hand.
    out(JSON.stringify(model, null, 2));
    err(`interleave: the calibration above was not saved to ${path}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  err(`Saved to ${path}`);
  if (json) out(JSON.stringify(model, null, 2));
  else {
    out(
      [
        `kernel:      ${model.kernelItersPerNs.toFixed(3)} iterations per ns on one core`,
        `worker start ${(model.spawnNs / 1e6).toFixed(2)} ms on its core, after ${((model.spawnSerialNs ?? 0) / 1e6).toFixed(2)} ms that cannot overlap another start, ${((model.spawnContention ?? 0) * 100).toFixed(1)}% more for each other start in progress`,
        `dispatch     ${(model.dispatchNs / 1000).toFixed(2)} µs per chunk`,
        `bytes        ${model.byteNs} ns per byte between workers`,
        `lock         ${model.lockNs} ns per acquire or release`,
        `wake-up      ${(model.wakeNs / 1000).toFixed(1)} µs`,
        `queue        ${(model.queueNs / 1000).toFixed(2)} µs per put or get`,
        `value        ${model.valueNs} ns between an increment's read and write`,
      ].join('\n'),
    );
  }
  return 0;
}
