import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { firstNonUtf8, notUtf8Placed, type NotUtf8 } from '../simulator/index.js';

/** Why a file cannot be read, in words; for bytes that are not UTF-8, where the first is too. */
export interface Unreadable {
  readonly why: string;
  readonly notUtf8?: NotUtf8;
}

/**
 * A file's text, or why it cannot be read, in words, up to `limit` bytes. A
 * regular file, or a pipe (`interleave validate /dev/stdin`, read up to the
 * limit); never a device, which could be read without end (/dev/zero), or a
 * folder; the system's own error words are turned into plain ones. Without
 * `pipes`, a regular file only (a pipe could keep a caller waiting). The text
 * must be UTF-8: other bytes are named where they are, not turned silently
 * into U+FFFD.
 */
export function readSmallTextFile(file: string, limit: number, { pipes = true } = {}): string | Unreadable {
  try {
    // Standard input is read from its descriptor: it may be a socket, which cannot be opened by name.
    if (file === '/dev/stdin' && pipes) return readAtMost(0, limit);
    const stat = statSync(file);
    if (stat.isDirectory()) return { why: 'it is a folder, not a file' };
    if (stat.isCharacterDevice() || stat.isBlockDevice()) return { why: 'it is a device, not a file' };
    if (!stat.isFile() && !pipes) return { why: 'it is not a regular file' };
    if (stat.isFile()) {
      if (stat.size > limit) return { why: `the file is ${stat.size} bytes; the limit is ${limit} bytes` };
      return utf8Text(readFileSync(file));
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

/** The bytes as text, or where they stop being UTF-8. */
function utf8Text(bytes: Buffer): string | Unreadable {
  const bad = firstNonUtf8(bytes);
  return bad ? { why: notUtf8Placed(bad), notUtf8: bad } : bytes.toString('utf8');
}

/** The text behind a descriptor (a pipe, standard input), read until it ends or passes `limit` bytes. */
function readAtMost(fd: number, limit: number): string | Unreadable {
  const buffer = Buffer.alloc(limit + 1);
  let length = 0;
  for (;;) {
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
    if (length > limit) return { why: `it holds more than ${limit} bytes; the limit is ${limit} bytes` };
  }
  return utf8Text(buffer.subarray(0, length));
}
