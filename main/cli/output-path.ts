import { accessSync, constants, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './usage.js';
import { statOrNull } from '../stat-or-null.js';

/**
 * Checks, before a run, that `path` (given with `flag`) can take the file the
 * run will write: not empty, not a folder, a device or another special file
 * (which would be replaced, as root), not one of the `inputs` (the profile
 * being run would be overwritten), and in a folder that exists and can be
 * written. Hours of measuring are not lost to a typo found at the end.
 */
export function checkOutputPath(flag: string, path: string, inputs: readonly string[] = []): void {
  if (path === '') throw new UsageError(`${flag} needs a file name`);
  const target = resolve(path);
  const existing = statOrNull(target);
  if (existing?.isDirectory()) throw new UsageError(`${flag} ${path}: it is a folder; give a file name in it`);
  if (existing && !existing.isFile()) throw new UsageError(`${flag} ${path}: it is not a regular file (a device, a pipe or a socket), which would be replaced`);
  if (existing && inputs.some((input) => sameFile(input, target)))
    throw new UsageError(`${flag} ${path}: it is the profile being run, which would be overwritten`);
  const folder = dirname(target);
  const parent = statOrNull(folder);
  if (!parent) throw new UsageError(`${flag} ${path}: its folder ${folder} does not exist`);
  if (!parent.isDirectory()) throw new UsageError(`${flag} ${path}: ${folder} is not a folder`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new UsageError(`${flag} ${path}: cannot write in its folder ${folder}`);
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
