import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { readonly present: true; readonly path: string } | { readonly present: false; readonly why: string };

/**
 * Finds the Electron executable without calling require('electron'), which
 * would try to download it (and fail where only the npm registry is reached):
 * path.txt beside electron's package.json names the file under dist/.
 */
export function findElectronBinary(): ElectronBinary {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { present: false, why: 'the electron package is not installed (run npm ci)' };
  }
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { present: false, why: 'the Electron binary was never downloaded (electron/path.txt is missing)' };
  const path = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { present: true, path } : { present: false, why: `the Electron binary is missing (${path})` };
}
