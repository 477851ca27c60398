import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * The temporary file a write of `path` goes through: hidden, beside it, named
 * after it and this process. A name too long to carry another (file names
 * are at most 255 bytes) gives a fixed one instead: a legal 245-byte name made
 * the temporary one too long to create.
 */
export function temporaryPathFor(path: string): string {
  const name = basename(path);
  const tag = Buffer.byteLength(name) <= 200 ? name : 'interleave';
  return join(dirname(path), `.${tag}.${process.pid}.tmp`);
}

/** Writes a file whole or not at all: a temporary file beside it, then a rename; the temporary file goes if either fails. */
export function writeFileAtomic(path: string, data: string): void {
  const temp = temporaryPathFor(path);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
