import { describe, expect, it } from 'vitest';
import { ms, whyNoSpeedup } from '../../renderer/src/charts/run-words';

describe('a run in words', () => {
  it('says a makespan of ten seconds or more in seconds, grouped (199999998 ms was printed as it was)', () => {
    expect(ms(199_999_998)).toBe('200,000 s');
    expect(ms(12_345)).toBe('12.3 s');
    expect(ms(9_999)).toBe('9999 ms');
    expect(ms(42.25)).toBe('42.3 ms');
    expect(ms(1.234)).toBe('1.23 ms');
  });

  it('says why no run has a speedup from how the runs ended, pointing at the findings only where there are some', () => {
    expect(whyNoSpeedup(['event_limit', 'event_limit'])).toContain('at the event budget or where time stood still');
    expect(whyNoSpeedup(['event_limit'])).not.toContain('findings');
    expect(whyNoSpeedup(['stuck', 'completed'])).toContain('(see the findings)');
    expect(whyNoSpeedup(['time_limit'])).toContain('run_for');
    expect(whyNoSpeedup(['process_limit'])).toContain('more processes than one run may hold');
  });
});
