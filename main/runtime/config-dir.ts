import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { statOrNull } from '../stat-or-null.js';

/** Interleave's folder in the user's config directory (INTERLEAVE_CONFIG_DIR overrides it). */
export function configDir(): string {
  if (process.env.INTERLEAVE_CONFIG_DIR) return process.env.INTERLEAVE_CONFIG_DIR;
  const base =
    process.env.XDG_CONFIG_HOME || (process.platform === 'win32' ? (process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming')) : join(homedir(), '.config'));
  return join(base, 'interleave');
}

/** Where `interleave calibrate` writes this machine's cost model by default. */
export const calibratedModelPath = () => join(configDir(), 'cost-model.json');

/**
 * Why the config folder cannot take a saved calibration (it is a file, or
 * its cost-model.json is a folder), or null: said before minutes of
 * calibrating, not after.
 */
export function configDirProblem(): string | null {
  const dir = configDir();
  const named = process.env.INTERLEAVE_CONFIG_DIR ? ' (INTERLEAVE_CONFIG_DIR names it)' : '';
  const stat = statOrNull(dir);
  if (stat && !stat.isDirectory()) return `the config folder ${dir} is not a folder${named}`;
  if (!stat) {
    // It is made when the calibration is saved: not where a folder above it is a file.
    for (let above = dirname(dir); ; above = dirname(above)) {
      const there = statOrNull(above);
      if (there) {
        if (!there.isDirectory()) return `the config folder ${dir} cannot be made: ${above} is a file, not a folder${named}`;
        break;
      }
      if (dirname(above) === above) break;
    }
  }
  const model = statOrNull(calibratedModelPath());
  if (model && !model.isFile()) return `${calibratedModelPath()} is not a file; remove it, and the calibration is saved there`;
  return null;
}
