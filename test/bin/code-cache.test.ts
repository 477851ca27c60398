import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/**
 * The launcher's code cache, in a project of its own (the sources linked, the
 * launcher copied), so that no other test's runs write the caches these look at.
 */
let project: string;
const run = (args: string[], nodeArgs: string[] = []) => {
  const r = spawnSync(process.execPath, [...nodeArgs, join(project, 'bin', 'interleave.cjs'), ...args], { cwd: project, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const validate = (nodeArgs: string[] = []) => run(['validate', join(project, 'profiles', 'talk', 'adding-two-arrays.yaml')], nodeArgs);
const cacheFile = () => join(project, 'out', 'cli', 'interleave.validate.cache');
const identity = (file: string) => {
  const s = statSync(file);
  return `${s.ino}:${s.mtimeMs}`;
};

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'interleave-cache-'));
  for (const entry of ['main', 'simulator', 'preload', 'profiles', 'node_modules', 'package.json']) symlinkSync(join(root, entry), join(project, entry));
  mkdirSync(join(project, 'bin'));
  for (const file of ['interleave.cjs', 'launch.cjs']) copyFileSync(join(root, 'bin', file), join(project, 'bin', file));
  const built = run(['--version']);
  if (built.status !== 0 || built.stderr.includes('running from sources')) throw new Error(`the launcher did not build its bundle: ${built.stderr}`);
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('the launcher code cache', () => {
  it('is saved after a command first runs, and used as it is by the runs after', () => {
    const first = validate();
    expect(first.status).toBe(0);
    const saved = identity(cacheFile());
    const again = validate();
    expect(again).toEqual(first);
    // Not rewritten: V8 took it (a refused cache is made again after the command).
    expect(identity(cacheFile())).toBe(saved);
  });

  it('is set aside when damaged inside, never crashing the command, and made again', () => {
    const good = validate();
    const file = cacheFile();
    const data = readFileSync(file);
    // Bytes changed in the middle of V8's data: V8 alone would not notice, and could crash on it.
    data.fill(0xff, 5000, 5008);
    writeFileSync(file, data);
    expect(validate()).toEqual(good);
    expect(readFileSync(file).equals(data)).toBe(false);
    const remade = identity(file);
    expect(validate()).toEqual(good);
    expect(identity(file)).toBe(remade);
  });

  it('is not used with a bundle other than the one it was made from', () => {
    const good = validate();
    const file = cacheFile();
    const data = readFileSync(file);
    // The bundle's checksum in the header no longer matches: a cache of another build.
    data.writeUInt32LE((data.readUInt32LE(4) + 1) >>> 0, 4);
    writeFileSync(file, data);
    expect(validate()).toEqual(good);
    expect(readFileSync(file).readUInt32LE(4)).toBe((data.readUInt32LE(4) - 1) >>> 0);
  });

  it('is neither read nor written on a Node whose zlib lacks crc32 (before 20.15), which still runs the bundle', () => {
    const good = validate();
    rmSync(cacheFile());
    // As on such a Node: loaded before the launcher, this takes crc32 away.
    const withoutCrc32 = join(project, 'no-crc32.cjs');
    writeFileSync(withoutCrc32, "require('node:zlib').crc32 = undefined;\n");
    const plain = validate(['--require', withoutCrc32]);
    expect(plain).toEqual(good);
    expect(plain.stderr).not.toContain('running from sources');
    expect(existsSync(cacheFile())).toBe(false);
  });
});
