import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Interleave's folder in the user's config directory (INTERLEAVE_CONFIG_DIR overrides it). */
export function configDir(): string {
  if (process.env.INTERLEAVE_CONFIG_DIR) return process.env.INTERLEAVE_CONFIG_DIR;
  const base =
    process.env.XDG_CONFIG_HOME || (process.platform === 'win32' ? (process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming')) : join(homedir(), '.config'));
  return join(base, 'interleave');
}

/** Where `interleave calibrate` writes this machine's cost model by default. */
export const calibratedModelPath = () => join(configDir(), 'cost-model.json');

/** Why the config folder cannot hold a saved calibration (it is a file, say), or null: said before hours of calibrating, not after. */
export function configDirProblem(): string | null {
  const dir = configDir();
  try {
    if (!statSync(dir).isDirectory())
      return `the config folder ${dir} is not a folder${process.env.INTERLEAVE_CONFIG_DIR ? ' (INTERLEAVE_CONFIG_DIR names it)' : ''}`;
  } catch {
    return null; // not there yet: made when the calibration is saved
  }
  return null;
}
