import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OVERHEADS, parseProfile, simulate } from '../../../simulator/index.js';

const root = join(import.meta.dirname, '..', '..', '..');
const files = ['talk', 'classic'].flatMap((g) => readdirSync(join(root, 'profiles', g)).map((f) => `profiles/${g}/${f}`));

describe('every built-in profile simulates', () => {
  it.each(files)('%s', (file) => {
    const parsed = parseProfile(readFileSync(join(root, file), 'utf8'), file);
    if (!parsed.ok) throw new Error(`${file} does not load`);
    const { result } = simulate(parsed.program, { cost: DEFAULT_OVERHEADS });
    expect(result.runs.length).toBe(parsed.program.sweep.length);
    for (const run of result.runs) {
      expect(['completed', 'time_limit', 'stuck']).toContain(run.simulated.outcome);
      expect(run.simulated.makespan_ms).toBeGreaterThan(0);
      // A run that cannot go on says why.
      if (run.simulated.outcome === 'stuck')
        expect(result.findings.some((f) => (f.kind === 'deadlock' || f.kind === 'hang') && f.workers === run.workers)).toBe(true);
    }
  });
});
