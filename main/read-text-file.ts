import { readFileSync, statSync } from 'node:fs';

/**
 * A file's text, or why it cannot be read, in words: only a regular file, and
 * only up to `limit` bytes (a device, a pipe or a folder named as a profile
 * would otherwise be read without end, or fail with the system's own words).
 */
export function readSmallTextFile(file: string, limit: number): string | { readonly why: string } {
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return { why: 'it is a folder, not a file' };
    if (!stat.isFile()) return { why: 'it is not a regular file (a device, a pipe or a socket)' };
    if (stat.size > limit) return { why: `the file is ${stat.size} bytes; the limit is ${limit} bytes` };
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { why: 'no such file' };
    if (code === 'EACCES' || code === 'EPERM') return { why: 'permission denied' };
    if (code === 'ELOOP') return { why: 'its symbolic links lead round in a loop' };
    if (code === 'ENOTDIR') return { why: 'a part of its path is a file, not a folder' };
    return { why: `${code ?? 'it cannot be read'}` };
  }
}
