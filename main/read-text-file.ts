import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';

/**
 * A file's text, or why it cannot be read, in words, up to `limit` bytes. A
 * regular file, or a pipe (`interleave validate /dev/stdin`, read up to the
 * limit); never a device, which could be read without end (/dev/zero), or a
 * folder; the system's own error words are turned into plain ones.
 */
export function readSmallTextFile(file: string, limit: number): string | { readonly why: string } {
  try {
    // Standard input is read from its descriptor: it may be a socket, which cannot be opened by name.
    if (file === '/dev/stdin') return readAtMost(0, limit);
    const stat = statSync(file);
    if (stat.isDirectory()) return { why: 'it is a folder, not a file' };
    if (stat.isCharacterDevice() || stat.isBlockDevice()) return { why: 'it is a device, not a file' };
    if (stat.isFile()) {
      if (stat.size > limit) return { why: `the file is ${stat.size} bytes; the limit is ${limit} bytes` };
      return readFileSync(file, 'utf8');
    }
    const fd = openSync(file, 'r');
    try {
      return readAtMost(fd, limit);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { why: 'no such file' };
    if (code === 'EACCES' || code === 'EPERM') return { why: 'permission denied' };
    if (code === 'ELOOP') return { why: 'its symbolic links lead round in a loop' };
    if (code === 'ENOTDIR') return { why: 'a part of its path is a file, not a folder' };
    return { why: `${code ?? 'it cannot be read'}` };
  }
}

/** The text behind a descriptor (a pipe, standard input), read until it ends or passes `limit` bytes. */
function readAtMost(fd: number, limit: number): string | { readonly why: string } {
  const buffer = Buffer.alloc(limit + 1);
  let length = 0;
  for (;;) {
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
    if (length > limit) return { why: `it holds more than ${limit} bytes; the limit is ${limit} bytes` };
  }
  return buffer.subarray(0, length).toString('utf8');
}
