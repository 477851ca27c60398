import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_EVENTS } from '../../simulator/index';
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
    const ended = (outcome: string, events = 100) => ({ outcome, events });
    expect(whyNoSpeedup([ended('event_limit', DEFAULT_MAX_EVENTS + 1)])).toBe(
      'the runs stopped at the event budget (200,000,000 events): the program does not end, or is too long to simulate whole (a loop forever with no run_for, say)',
    );
    expect(whyNoSpeedup([ended('event_limit', 5_000_001)])).toContain('where time stood still');
    expect(whyNoSpeedup([ended('event_limit')])).toBe('the runs stopped where time stood still: a loop of steps that take no time went on at one instant');
    expect(whyNoSpeedup([ended('stuck'), ended('completed')])).toContain('(see the findings)');
    expect(whyNoSpeedup([ended('time_limit')])).toContain('run_for');
    expect(whyNoSpeedup([ended('process_limit')])).toContain('more processes than one run may hold');
  });
});
