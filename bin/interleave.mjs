#!/usr/bin/env node
// The `interleave` command. It runs a bundle of the command line's TypeScript
// sources, rebuilt here with esbuild (a fraction of a second) whenever a
// source is newer than it, so `npx interleave` works right after `npm ci`
// with no build step, and starts fast.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'main', 'cli', 'index.ts');
const bundle = join(root, 'out', 'cli', 'interleave.mjs');

function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of ['main', 'simulator', 'preload']) walk(join(root, dir));
  return newest;
}

async function build() {
  const esbuild = await import('esbuild');
  mkdirSync(dirname(bundle), { recursive: true });
  const temp = `${bundle}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: [entry],
    outfile: temp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'error',
  });
  renameSync(temp, bundle);
}

let main;
try {
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource()) await build();
  ({ main } = await import(pathToFileURL(bundle).href));
} catch (e) {
  // Where the bundle cannot be built (a read-only install, say), run the sources through tsx.
  process.stderr.write(`interleave: running from sources (${e instanceof Error ? e.message.split('\n')[0] : e})\n`);
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(pathToFileURL(entry).href));
}
process.exitCode = await main(process.argv.slice(2));
