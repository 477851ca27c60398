#!/usr/bin/env node
// The `interleave` command. It runs a bundle of the command line's TypeScript
// sources, rebuilt here with esbuild (a fraction of a second) whenever a
// source is newer than it, so `npx interleave` works right after `npm ci`
// with no build step, and starts fast. (This launcher is CommonJS because
// Node starts one a few milliseconds sooner than an ES module.)
'use strict';
const { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

const root = join(__dirname, '..');
const entry = join(root, 'main', 'cli', 'index.ts');
const outDir = join(root, 'out', 'cli');
// The command's bundle is CommonJS so that it can be compiled with V8's code cache (below); the
// real runtime's worker threads, and the simulator's baseline thread, run ES module bundles beside it.
const bundle = join(outDir, 'interleave.cjs');
const workerEntries = {
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
  const common = {
    outdir: temp,
    bundle: true,
    platform: 'node',
    target: 'node20',
    // Dependencies are bundled too: one file loads far faster than the many of a package (yaml alone
    // takes 20 ms to import from node_modules).
    external: ['esbuild', 'tsx', 'electron', 'fsevents'],
    sourcemap: true,
    logLevel: 'error',
  };
  await Promise.all([
    // import.meta.url is the bundle's own address, passed in by loadBundle.
    esbuild.build({
      ...common,
      entryPoints: { interleave: entry },
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
      define: { 'import.meta.url': '__bundleUrl' },
    }),
    esbuild.build({
      ...common,
      entryPoints: workerEntries,
      outExtension: { '.js': '.mjs' },
      format: 'esm',
      // Bundled CommonJS code may still `require` Node's own modules, so an ES module bundle gets a `require` of its own.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    }),
  ]);
  // Each file replaced whole, the command's bundle last (its date says the build is done); code caches of
  // earlier bundles go.
  mkdirSync(outDir, { recursive: true });
  const files = [...Object.keys(workerEntries).flatMap((name) => [`${name}.mjs.map`, `${name}.mjs`]), 'interleave.cjs.map', 'interleave.cjs'];
  for (const file of files) renameSync(join(temp, file), join(outDir, file));
  for (const file of readdirSync(outDir))
    if (file.endsWith('.cache') || file === 'interleave.mjs' || file === 'interleave.mjs.map') rmSync(join(outDir, file), { force: true });
  rmSync(temp, { recursive: true, force: true });
}

/**
 * Compiles and runs the bundle with V8's code cache: the bytecode of every
 * function the first run of a command (simulate, run, ...) compiled, saved
 * beside the bundle, one cache per command. Loading the bundle and reading a
 * profile then take about half as long (V8 need not parse and compile them
 * again). The cache's name carries the bundle's size and date, so a cache is
 * only ever read with the bundle it was made from; V8 itself refuses one made
 * by another version or with other flags.
 */
function loadBundle(command) {
  const { size, mtimeMs } = statSync(bundle);
  const cacheFile = join(outDir, `interleave.${size}-${Math.round(mtimeMs)}.${/^[a-z]+$/.test(command ?? '') ? command : 'other'}.cache`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // The wrapper of a CommonJS module, on the bundle's first line: line numbers stay as they are.
  const source = `(function (exports, require, module, __filename, __dirname, __bundleUrl) {${readFileSync(bundle, 'utf8')}\n})`;
  const script = new Script(source, { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, outDir, pathToFileURL(bundle).href);
  const saveCache = () => {
    if (cachedData !== undefined && !script.cachedDataRejected) return;
    // Written whole or not at all (another command may be reading it); where out/ is read-only, not at all.
    try {
      const temp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, cacheFile);
    } catch {
      // Only a slower start next time.
    }
  };
  return { main: module.exports.main, saveCache };
}

async function run() {
  let main;
  let saveCache = () => {};
  try {
    const workers = Object.keys(workerEntries).map((name) => join(outDir, `${name}.mjs`));
    if (!existsSync(bundle) || workers.some((w) => !existsSync(w)) || statSync(bundle).mtimeMs < newestSource()) await build();
    ({ main, saveCache } = loadBundle(process.argv[2]));
  } catch (e) {
    // Where the bundle cannot be built (a read-only install, say), run the sources through tsx.
    process.stderr.write(`interleave: running from sources (${e instanceof Error ? e.message.split('\n')[0] : e})\n`);
    const { register } = await import('tsx/esm/api');
    register();
    ({ main } = await import(pathToFileURL(entry).href));
  }
  process.exitCode = await main(process.argv.slice(2));
  // After the command: the cache then holds every function it ran, not only those compiled at load. Not
  // after a usage error (2): the command then ran little, and its name may be no command at all.
  if (process.exitCode !== 2) saveCache();
}

void run();
