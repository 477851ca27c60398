import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Vitest's global setup: builds the command's bundles once, before any test
 * runs the command. On a fresh clone the test files would otherwise each start
 * a build at once, and a test that looks at out/cli (the code cache) could
 * see a bundle replaced under it.
 */
export default function setup(): void {
  const run = spawnSync(process.execPath, [join(import.meta.dirname, '..', 'bin', 'interleave.cjs'), '--version'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the interleave command does not build: ${run.stderr}`);
}
