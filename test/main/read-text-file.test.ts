import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSmallTextFile } from '../../main/read-text-file.js';

const dir = mkdtempSync(join(tmpdir(), 'interleave-read-'));

describe('reading a small text file', () => {
  it('gives a UTF-8 file its text, and names where bytes stop being UTF-8', () => {
    const good = join(dir, 'good.yaml');
    writeFileSync(good, 'name: café\n');
    expect(readSmallTextFile(good, 100)).toBe('name: café\n');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, Buffer.from([0x61, 0x0a, 0x62, 0xe9]));
    const r = readSmallTextFile(bad, 100);
    expect(r).toMatchObject({ why: 'line 2, column 2: the byte 0xE9 is not UTF-8; the file must be UTF-8 text (save it as UTF-8)' });
    expect(r).toMatchObject({ notUtf8: { line: 2, column: 2, byte: 0xe9 } });
  });

  it('refuses a named pipe at once where pipes are not wanted, rather than waiting for a writer that never comes', () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(readSmallTextFile(fifo, 100, { pipes: false })).toEqual({ why: 'it is not a regular file' });
  });
});
