import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where the runtime worker's code is. From the command line's bundle it is
 * the bundled runtime-worker.mjs beside it (runtime-worker.js beside Electron's
 * main process); from the TypeScript sources (tests,
 * tsx) it is worker-entry.ts, loaded through tsx by worker-from-source.mjs.
 * INTERLEAVE_RUNTIME_WORKER names a bundled worker to use instead: the
 * benchmarks run from sources but measure the workers as shipped (a worker
 * loaded through tsx brings a loader thread of its own, and threads computing
 * side by side then lose a tenth of their speed).
 */
export function workerScript(): { readonly url: URL; readonly execArgv: string[] } {
  const chosen = process.env.INTERLEAVE_RUNTIME_WORKER;
  if (chosen) return { url: pathToFileURL(chosen), execArgv: [] };
  const here = import.meta.url;
  if (here.endsWith('.ts')) return { url: new URL('./worker-from-source.mjs', here), execArgv: [] };
  // Beside the command line's bundle it is .mjs; beside the Electron main process's (electron-vite), .js.
  const bundled = bundledBeside(here, 'runtime-worker');
  if (!bundled)
    throw new Error(`the runtime worker bundle is missing (${fileURLToPath(new URL('./runtime-worker.mjs', here))}); run the command again to rebuild it`);
  return { url: bundled, execArgv: [] };
}

/** A worker's bundle beside the bundle at `here`, named `name`.cjs, .mjs or .js; null where none is. */
export function bundledBeside(here: string, name: string): URL | null {
  for (const ext of ['.cjs', '.mjs', '.js']) {
    const url = new URL(`./${name}${ext}`, here);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}
