import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { paths, projectRoot } from '../paths.js';

/** Newest modification time of any file under the given folders. */
function newest(dirs: readonly string[]): number {
  let latest = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else latest = Math.max(latest, statSync(path).mtimeMs);
    }
  };
  dirs.forEach(walk);
  return latest;
}

/**
 * Builds the app with electron-vite when its output is missing or older than
 * its sources, so `npm start` and `interleave serve` need no separate build
 * step. Progress goes to stderr; returns an error message on failure.
 */
export function ensureBuilt(log: (line: string) => void): string | null {
  const root = projectRoot();
  const outputs = [join(paths.rendererOut(), 'index.html'), paths.mainOut(), paths.preloadOut()];
  const sources = ['renderer', 'simulator', 'preload', 'main'].map((d) => join(root, d));
  const built = outputs.every((o) => existsSync(o)) ? Math.min(...outputs.map((o) => statSync(o).mtimeMs)) : 0;
  if (built > newest(sources) && built > statSync(join(root, 'electron.vite.config.ts')).mtimeMs) return null;
  log('Building the Interleave app (electron-vite build)...');
  const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const run = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (run.status !== 0) return `the build failed (electron-vite exited with ${run.status ?? run.signal})`;
  return null;
}
