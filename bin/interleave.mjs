#!/usr/bin/env node
// The `interleave` command. It runs a bundle of the command line's TypeScript
// sources, rebuilt here with esbuild (a fraction of a second) whenever a
// source is newer than it, so `npx interleave` works right after `npm ci`
// with no build step, and starts fast.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'main', 'cli', 'index.ts');
const outDir = join(root, 'out', 'cli');
const bundle = join(outDir, 'interleave.mjs');
// The real runtime's worker threads run their own bundle, beside the command's.
const entries = {
  interleave: entry,
  'runtime-worker': join(root, 'main', 'runtime', 'worker-entry.ts'),
  // The one-worker baseline of a simulated sweep runs on a thread of its own, beside the sweep.
  'baseline-worker': join(root, 'main', 'simulation', 'baseline-worker.ts'),
};

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
  const temp = `${outDir}.${process.pid}.tmp`;
  mkdirSync(temp, { recursive: true });
  await esbuild.build({
    entryPoints: entries,
    outdir: temp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies are bundled too: one file loads far faster than the many of a package (yaml alone
    // takes 20 ms to import from node_modules). Bundled CommonJS code may still `require` Node's own
    // modules, so the bundle gets a `require` of its own.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    external: ['esbuild', 'tsx', 'electron', 'fsevents'],
    sourcemap: true,
    logLevel: 'error',
  });
  // Each file replaced whole, the command's bundle last (its date says the build is done).
  mkdirSync(outDir, { recursive: true });
  for (const name of Object.keys(entries).reverse()) {
    for (const ext of ['.mjs.map', '.mjs']) renameSync(join(temp, name + ext), join(outDir, name + ext));
  }
  rmSync(temp, { recursive: true, force: true });
}

let main;
try {
  const workers = ['runtime-worker.mjs', 'baseline-worker.mjs'].map((name) => join(outDir, name));
  if (!existsSync(bundle) || workers.some((w) => !existsSync(w)) || statSync(bundle).mtimeMs < newestSource()) await build();
  ({ main } = await import(pathToFileURL(bundle).href));
} catch (e) {
  // Where the bundle cannot be built (a read-only install, say), run the sources through tsx.
  process.stderr.write(`interleave: running from sources (${e instanceof Error ? e.message.split('\n')[0] : e})\n`);
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(pathToFileURL(entry).href));
}
process.exitCode = await main(process.argv.slice(2));
