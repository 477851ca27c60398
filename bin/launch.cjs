// The `interleave` command's work (bin/interleave.cjs, the installed command,
// starts it). It runs a bundle of the command line's TypeScript sources,
// rebuilt here with esbuild (a fraction of a second) whenever a source is
// newer than it, so `npx interleave` works right after `npm ci` with no build
// step, and starts fast. (The launcher is CommonJS because Node starts one a
// few milliseconds sooner than an ES module.)
'use strict';
const { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');
const { crc32 } = require('node:zlib');

const root = join(__dirname, '..');
const entry = join(root, 'main', 'cli', 'index.ts');
const outDir = join(root, 'out', 'cli');
// The command's bundle is CommonJS so that it can be compiled with V8's code cache (below); the
// real runtime's worker threads, and the app's job thread, run ES module bundles beside it.
const bundle = join(outDir, 'interleave.cjs');
const workerEntries = {
  'runtime-worker': join(root, 'main', 'runtime', 'worker-entry.ts'),
  // The app's jobs simulate on a thread of their own, so that its server goes on answering.
  'job-worker': join(root, 'main', 'simulation', 'job-worker.ts'),
};
// The one-worker baseline of a simulated sweep runs on a thread of its own, beside the sweep. It is
// CommonJS: a thread starts on about 5 ms less CPU than through Node's ES module loader, and on two
// cores that CPU is the command's own time (bench/README.md).
const commonJsWorkerEntries = {
  'baseline-worker': join(root, 'main', 'simulation', 'baseline-worker.ts'),
};
const workerFiles = [...Object.keys(workerEntries).map((name) => `${name}.mjs`), ...Object.keys(commonJsWorkerEntries).map((name) => `${name}.cjs`)];

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
    esbuild.build({
      ...common,
      entryPoints: { interleave: entry },
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
      // import.meta.url, which the sources use to find their files, is the bundle's own address.
      define: { 'import.meta.url': '__bundleUrl' },
      banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    }),
    esbuild.build({
      ...common,
      entryPoints: workerEntries,
      outExtension: { '.js': '.mjs' },
      format: 'esm',
      // Bundled CommonJS code may still `require` Node's own modules, so an ES module bundle gets a `require` of its own.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    }),
    esbuild.build({ ...common, entryPoints: commonJsWorkerEntries, outExtension: { '.js': '.cjs' }, format: 'cjs' }),
  ]);
  // Each file replaced whole, the command's bundle last (its date says the build is done). Code caches
  // made for the bundle before go, with anything an interrupted save left, and an older launcher's bundle.
  mkdirSync(outDir, { recursive: true });
  const files = [...workerFiles.flatMap((file) => [`${file}.map`, file]), 'interleave.cjs.map', 'interleave.cjs'];
  for (const file of files) renameSync(join(temp, file), join(outDir, file));
  const older = ['interleave.mjs', 'baseline-worker.mjs'];
  const stale = (file) => file.endsWith('.cache') || file.endsWith('.tmp') || older.some((old) => file === old || file === `${old}.map`);
  for (const file of readdirSync(outDir)) if (stale(file)) rmSync(join(outDir, file), { force: true });
  rmSync(temp, { recursive: true, force: true });
}

/** A code cache file: this tag, the CRC-32 of the bundle it was made from, the CRC-32 of V8's data, the data. */
const CACHE_TAG = 0x31434c49; // "ILC1"
const CACHE_HEADER = 12;

/**
 * Compiles and runs the bundle with V8's code cache: the bytecode of every
 * function the first run of a command (simulate, run, ...) compiled, saved
 * beside the bundle, one cache per command. Loading the bundle and reading a
 * profile then take about half as long (V8 need not parse and compile them
 * again). V8 checks little of a cache it is given (a damaged one can crash
 * it), so a cache is used only if its checksum holds and it was made from
 * this very bundle (the bundle's checksum is in it); else it is made again
 * after the command. With Node's --enable-source-maps, the bundle is loaded
 * plainly instead (Node maps stack traces to the TypeScript sources only for
 * what it loads itself).
 */
function loadBundle(command) {
  // zlib's crc32 came in Node 20.15: before it, no cache (a plain load, as with source maps).
  if (process.sourceMapsEnabled || typeof crc32 !== 'function') return { main: require(bundle).main, saveCache: () => {} };
  const cacheFile = join(outDir, `interleave.${/^[a-z]+$/.test(command ?? '') ? command : 'other'}.cache`);
  const bytes = readFileSync(bundle);
  const bundleSum = crc32(bytes);
  const cachedData = readCache(cacheFile, bundleSum);
  // The wrapper of a CommonJS module, on the bundle's first line: line numbers stay as they are.
  const source = `(function (exports, require, module, __filename, __dirname) {${bytes.toString('utf8')}\n})`;
  const script = new Script(source, { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, outDir);
  const saveCache = () => {
    if (cachedData !== undefined && !script.cachedDataRejected) return;
    saveCacheFile(cacheFile, bundleSum, script.createCachedData());
  };
  return { main: module.exports.main, saveCache };
}

/** V8's data from a cache file, if the file is whole and was made from the bundle with this checksum. */
function readCache(file, bundleSum) {
  let data;
  try {
    data = readFileSync(file);
  } catch {
    return undefined; // none yet
  }
  if (data.length <= CACHE_HEADER || data.readUInt32LE(0) !== CACHE_TAG || data.readUInt32LE(4) !== bundleSum) return undefined;
  const body = data.subarray(CACHE_HEADER);
  return data.readUInt32LE(8) === crc32(body) ? body : undefined;
}

/** Writes a cache whole or not at all (another command may be reading it); where out/ is read-only, not at all. */
function saveCacheFile(file, bundleSum, body) {
  try {
    accessSync(outDir, constants.W_OK);
  } catch {
    return; // a read-only install: a slower start each time, nothing worse
  }
  const header = Buffer.alloc(CACHE_HEADER);
  header.writeUInt32LE(CACHE_TAG, 0);
  header.writeUInt32LE(bundleSum, 4);
  header.writeUInt32LE(crc32(body), 8);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, Buffer.concat([header, body]));
    renameSync(temp, file);
  } catch {
    rmSync(temp, { force: true }); // a full disk, say: the cache is only an optimisation
  }
}

/**
 * A reader that stops reading (`interleave simulate ... --json | head`) is no
 * error of the command's: it stops there, quietly, where Node threw EPIPE
 * with a stack trace. Its status is 141, a program's that SIGPIPE ends: its
 * output was cut short, and a pipeline under `set -o pipefail` should know.
 */
const CUT_BY_READER = 141;
function stopQuietlyWhenTheReaderGoes(stream) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(CUT_BY_READER);
    throw e;
  });
}

async function run() {
  stopQuietlyWhenTheReaderGoes(process.stdout);
  stopQuietlyWhenTheReaderGoes(process.stderr);
  let main;
  let saveCache = () => {};
  try {
    const workers = workerFiles.map((file) => join(outDir, file));
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
  await exitNow();
}

/**
 * Ends the process now that the command is done (every command's main
 * returns when its work is, a server's when it stops): left to itself, Node
 * would next tear its heaps down page by page, 4 ms of the simulate
 * command's time and 12 ms of its CPU (bench/README.md). First stdout and
 * stderr take all that was written to them: a write to a pipe its reader
 * has not emptied finishes later (on Linux past the pipe's 64 KiB, on macOS
 * always), and exiting before would cut the output short.
 */
async function exitNow() {
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))));
  process.exit();
}

run().catch((e) => {
  // As an uncaught error would, whatever --unhandled-rejections says: the stack, and a failed exit status.
  console.error(e);
  process.exitCode = 1;
});
