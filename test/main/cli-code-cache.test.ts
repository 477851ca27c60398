import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, runCli } from './run-cli.js';

const outDir = join(root, 'out', 'cli');
const cachesOf = (command: string) => readdirSync(outDir).filter((f) => f.endsWith(`.${command}.cache`));

describe('the command line code cache', () => {
  it('is saved per command after its first run, and a damaged one is set aside and made again', () => {
    const args = ['validate', join(root, 'profiles', 'talk', 'adding-two-arrays.yaml')];
    const first = runCli(args);
    expect(first.status).toBe(0);
    // One cache for this command, made from the bundle now in place (its name carries the bundle's size and date).
    const caches = cachesOf('validate');
    expect(caches).toHaveLength(1);
    const file = join(outDir, caches[0]!);
    expect(readFileSync(file).length).toBeGreaterThan(10_000);

    const garbage = Buffer.alloc(4096, 7);
    writeFileSync(file, garbage);
    const again = runCli(args);
    expect({ status: again.status, stdout: again.stdout, stderr: again.stderr }).toEqual({ status: 0, stdout: first.stdout, stderr: first.stderr });
    expect(readFileSync(file).equals(garbage)).toBe(false);
  });
});
