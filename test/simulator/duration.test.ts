import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Duration } from '../../simulator/index.js';
import { meanNs } from '../../simulator/profile/duration.js';
import { codeOf, lines, load, onlyError, place, withMain } from './profile-helpers.js';

/** The duration a `compute:` step compiles to. */
function durationOf(written: string): Duration {
  const step = codeOf(load(withMain(`  - compute: ${written}`)), 'main')[0]!;
  if (step.op !== 'compute') expect.fail(`compiled to ${step.op}`);
  return step.d;
}

const ns = (written: string): number => {
  const d = durationOf(written);
  if (d.kind !== 'fixed') expect.fail(`${written} is ${d.kind}, not fixed`);
  return d.ns;
};

describe('durations', () => {
  it('each unit scales to whole nanoseconds', () => {
    expect(ns('250ns')).toBe(250);
    expect(ns('40us')).toBe(40_000);
    expect(ns('40µs')).toBe(40_000);
    expect(ns('5ms')).toBe(5_000_000);
    expect(ns('2s')).toBe(2_000_000_000);
    expect(ns('2min')).toBe(120_000_000_000);
    expect(ns('1h')).toBe(3_600_000_000_000);
  });

  it('a fractional duration is exact in nanoseconds: 1.5ms is 1,500,000 ns', () => {
    expect(ns('1.5ms')).toBe(1_500_000);
    expect(ns('0.25us')).toBe(250);
    expect(ns('.5s')).toBe(500_000_000);
    expect(ns('2.ms')).toBe(2_000_000);
  });

  it('a duration that is not whole in ns rounds to the nearest ns', () => {
    expect(ns('1.4ns')).toBe(1);
    expect(ns('1.6ns')).toBe(2);
    expect(ns('0.0001ns')).toBe(0);
  });

  it('an exponent and a space before the unit are read', () => {
    expect(ns('1e3ns')).toBe(1_000);
    expect(ns('2.5e-3s')).toBe(2_500_000);
    expect(ns('5 ms')).toBe(5_000_000);
  });

  it('a duration up to a day is accepted; past it is refused, naming the limit', () => {
    expect(ns('24h')).toBe(86_400_000_000_000);
    const e = onlyError(withMain('  - compute: 25h'));
    expect(place(e)).toBe('profile.yaml:4:14');
    expect(e.message).toBe('the duration "25h" is longer than the limit of one day (24h)');
    expect(onlyError(withMain('  - compute: 1e300ms')).message).toContain('longer than the limit of one day');
  });

  it('the unit is case-sensitive: MS is not a unit', () => {
    const e = onlyError(withMain('  - compute: 5MS'));
    expect(e.message).toBe('expected a duration like 250ns, 40us, 1.5ms or 2s, found "5MS"');
  });

  it('a duration that is a list is refused, saying what it found', () => {
    const e = onlyError(withMain('  - compute: [1ms]'));
    expect(place(e)).toBe('profile.yaml:4:14');
    expect(e.message).toBe('expected a duration with a unit, like 5ms, found a list');
  });

  it('uniform draws between two durations', () => {
    expect(durationOf('{uniform: [10ms, 2s]}')).toEqual({ kind: 'uniform', lo: 10_000_000, hi: 2_000_000_000 });
  });

  it('uniform with equal ends is a fixed draw, and accepted', () => {
    expect(durationOf('{uniform: [3ms, 3ms]}')).toEqual({ kind: 'uniform', lo: 3_000_000, hi: 3_000_000 });
  });

  it('uniform with low > high is refused at the list', () => {
    const e = onlyError(withMain('  - compute: {uniform: [2s, 10ms]}'));
    expect(place(e)).toBe('profile.yaml:4:24');
    expect(e.message).toMatch(/^uniform needs low <= high/);
  });

  it('uniform needs exactly two durations', () => {
    const e = onlyError(withMain('  - compute: {uniform: [2s]}'));
    expect(place(e)).toBe('profile.yaml:4:24');
    expect(e.message).toBe('expected uniform: [low, high], a list of two durations, found a list');
  });

  it('each end of a uniform is checked as a duration, at its own place', () => {
    const e = onlyError(withMain('  - compute: {uniform: [1ms, 7]}'));
    expect(place(e)).toBe('profile.yaml:4:30');
    expect(e.message).toContain('found the bare number 7');
  });

  it('exponential takes its mean', () => {
    expect(durationOf('{exponential: 5ms}')).toEqual({ kind: 'exponential', mean: 5_000_000 });
  });

  it('normal takes a mean and a standard deviation', () => {
    expect(durationOf('{normal: [5ms, 1ms]}')).toEqual({ kind: 'normal', mean: 5_000_000, sd: 1_000_000 });
  });

  it('an unknown distribution is refused at its key, listing the known ones', () => {
    const e = onlyError(withMain('  - compute: {poisson: 5ms}'));
    expect(place(e)).toBe('profile.yaml:4:15');
    expect(e.message).toBe('unknown distribution "poisson"; expected uniform, exponential, normal');
  });

  it('a distribution with two keys is refused', () => {
    const e = onlyError(withMain('  - compute: {exponential: 5ms, normal: [1ms, 1ms]}'));
    expect(place(e)).toBe('profile.yaml:4:14');
    expect(e.message).toBe('a distribution is a map with one key (uniform, exponential, normal), found 2 keys');
  });

  it('sleep, timeouts, pool costs, apply_async and run_for read durations the same way', () => {
    const program = load(
      lines(
        'version: 1',
        'name: x',
        'run_for: 1.5s',
        'resources:',
        '  a: lock',
        'main:',
        '  - sleep: {exponential: 2ms}',
        '  - acquire: a',
        '    timeout: 250us',
        '  - release: a',
        '  - map: {items: 4, cost: {uniform: [1ms, 3ms]}}',
        '  - apply_async: [5ms, 10ms]',
        '  - wait_pool',
      ),
    );
    expect(program.runForNs).toBe(1_500_000_000);
    expect(codeOf(program, 'main')).toMatchObject([
      { op: 'sleep', d: { kind: 'exponential', mean: 2_000_000 } },
      { op: 'acquire', timeout: { kind: 'fixed', ns: 250_000 } },
      { op: 'release' },
      { op: 'pool', cost: { kind: 'uniform', lo: 1_000_000, hi: 3_000_000 } },
      {
        op: 'apply_async',
        costs: [
          { kind: 'fixed', ns: 5_000_000 },
          { kind: 'fixed', ns: 10_000_000 },
        ],
      },
      { op: 'wait_pool' },
    ]);
  });

  it('the mean of each kind: fixed, midpoint of uniform, exponential mean, normal mean', () => {
    expect(meanNs({ kind: 'fixed', ns: 7 })).toBe(7);
    expect(meanNs({ kind: 'uniform', lo: 10, hi: 30 })).toBe(20);
    expect(meanNs({ kind: 'exponential', mean: 5 })).toBe(5);
    expect(meanNs({ kind: 'normal', mean: 5, sd: 100 })).toBe(5);
  });

  it('any whole number with any unit is that number times the unit, exactly', () => {
    const scale = { ns: 1, us: 1_000, µs: 1_000, ms: 1_000_000, s: 1_000_000_000 } as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_400 }), fc.constantFrom(...(Object.keys(scale) as (keyof typeof scale)[])), (n, unit) => {
        expect(ns(`${n}${unit}`)).toBe(n * scale[unit]);
      }),
      { numRuns: 100 },
    );
  });
});
