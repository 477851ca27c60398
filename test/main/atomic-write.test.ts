import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../main/atomic-write.js';

describe('writeFileAtomic', () => {
  it('replaces the whole file and leaves no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-atomic-'));
    const path = join(dir, 'out.json');
    writeFileAtomic(path, 'first');
    writeFileAtomic(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('leaves no temporary file behind when it cannot put the file in place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-atomic-'));
    const path = join(dir, 'taken');
    mkdirSync(path);
    expect(() => writeFileAtomic(path, 'data')).toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});
