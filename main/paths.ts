import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root folder (the one with Interleave's package.json), found by
 * walking up from this module, so it is right both from the sources (run by
 * tsx) and from the bundle under out/.
 */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'interleave') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find Interleave's package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

export const paths = {
  profiles: () => join(projectRoot(), 'profiles'),
  rendererOut: () => join(projectRoot(), 'out', 'renderer'),
  mainOut: () => join(projectRoot(), 'out', 'main', 'index.js'),
  preloadOut: () => join(projectRoot(), 'out', 'preload', 'index.cjs'),
  resolve: (...parts: string[]) => resolve(projectRoot(), ...parts),
};
