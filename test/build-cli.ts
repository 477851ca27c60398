import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Vitest's global setup: builds the command's bundles once, before any test
 * runs the command. On a fresh clone the test files would otherwise each start
 * a build at once. A build that fails is an error here, not a quiet fall back
 * to running the sources (the launcher's way when it cannot build).
 */
export default function setup(): void {
  const root = join(import.meta.dirname, '..');
  const run = spawnSync(process.execPath, [join(root, 'bin', 'interleave.cjs'), '--version'], { encoding: 'utf8' });
  const built = existsSync(join(root, 'out', 'cli', 'interleave.cjs'));
  if (run.status !== 0 || !built || run.stderr.includes('running from sources')) throw new Error(`the interleave command does not build: ${run.stderr}`);
}
