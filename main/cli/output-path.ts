import { accessSync, closeSync, constants, openSync, realpathSync, rmSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { UsageError } from './usage.js';
import { statOrNull } from '../stat-or-null.js';
import { temporaryPathFor } from '../atomic-write.js';
import { calibratedModelPath } from '../runtime/config-dir.js';

/** A file the command reads, and what it is, in words: an output given the same path would destroy it. */
export interface InputFile {
  readonly path: string;
  readonly what: string;
}

/** The profile a command runs, as an input an output must not overwrite. */
export const profileInput = (path: string): InputFile => ({ path, what: 'the profile being run' });

/** This machine's saved calibration (`interleave calibrate`), which simulate and run read by default. */
export const savedCalibrationInput = (): InputFile => ({ path: calibratedModelPath(), what: "this machine's saved calibration" });

/**
 * Checks, before a run, that `path` (given with `flag`) can take the file the
 * run will write: not empty, not a folder, a device or another special file
 * (which would be replaced, as root), not one of the `inputs` (the profile,
 * a cost model: it would be overwritten), with a name a
 * file may have, in a folder that exists and where a file can be made (the
 * temporary file the write goes through is made and removed: as root, every
 * folder passes a check of its permissions, /proc and /sys too). Hours of
 * measuring are not lost to a typo found at the end.
 */
export function checkOutputPath(flag: string, path: string, inputs: readonly InputFile[] = []): void {
  if (path === '') throw new UsageError(`${flag} needs a file name`);
  const target = resolve(path);
  const bytes = Buffer.byteLength(basename(target));
  if (bytes > 255) throw new UsageError(`${flag} ${path}: its name is ${bytes} bytes; a file's name is at most 255`);
  const existing = statOrNull(target);
  if (existing?.isDirectory()) throw new UsageError(`${flag} ${path}: it is a folder; give a file name in it`);
  if (existing && !existing.isFile()) throw new UsageError(`${flag} ${path}: it is not a regular file (a device, a pipe or a socket), which would be replaced`);
  const overwritten = existing && inputs.find((input) => sameFile(input.path, target));
  if (overwritten) throw new UsageError(`${flag} ${path}: it is ${overwritten.what}, which would be overwritten`);
  const folder = dirname(target);
  const parent = statOrNull(folder);
  if (!parent) throw new UsageError(`${flag} ${path}: its folder ${folder} does not exist`);
  if (!parent.isDirectory()) throw new UsageError(`${flag} ${path}: ${folder} is not a folder`);
  try {
    accessSync(folder, constants.W_OK);
    const temp = temporaryPathFor(target);
    // (As the write will: one left by an earlier process of this id is written over, not a reason to refuse.)
    closeSync(openSync(temp, 'w'));
    rmSync(temp, { force: true });
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(`${flag} ${path}: cannot write in its folder ${folder}${code ? ` (${code})` : ''}`);
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
