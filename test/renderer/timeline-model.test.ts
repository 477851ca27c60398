import { describe, expect, it } from 'vitest';
import { parseProfile, simulate, type Trace } from '../../simulator/index.js';
import { buildTimeline, CATEGORIES, laneRects, spanAt } from '../../renderer/src/charts/timeline-model.js';

function trace(yaml: string, workers: number): Trace {
  const parsed = parseProfile(yaml);
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  return simulate(parsed.program, { workers: [workers], traceCap: 100_000 }).traces[0]!;
}

const fooBar = trace(
  'version: 1\nname: t\nresources:\n  a: lock\n  b: lock\nprocesses:\n  foo:\n    - acquire: a\n    - compute: 1ms\n    - acquire: b\n  bar:\n    - acquire: b\n    - compute: 1ms\n    - acquire: a\n',
  2,
);

describe('the timeline model', () => {
  it('has a lane per process, measured above simulated', () => {
    const model = buildTimeline(fooBar, fooBar);
    expect(model.lanes.map((l) => `${l.group}:${l.label}`)).toEqual(['measured:foo', 'measured:bar', 'simulated:foo', 'simulated:bar']);
  });

  it('draws a process blocked for good past the end of its run, as a lock wait', () => {
    const model = buildTimeline(null, fooBar);
    const foo = model.lanes[0]!;
    const last = foo.starts.length - 1;
    expect(CATEGORIES[foo.categories[last]!]).toBe('lock');
    expect(foo.ends[last]).toBeGreaterThan(1_000_000);
    expect(model.endNs).toBeCloseTo(1_250_000, -3);
    expect(CATEGORIES[foo.categories[spanAt(foo, 500_000)]!]).toBe('running');
  });

  it('merges spans narrower than a pixel, so a million spans draw as at most a rectangle per pixel', () => {
    const n = 1_000_000;
    const lane = {
      key: 'x',
      group: 'simulated' as const,
      pid: 0,
      label: 'x',
      starts: new Float64Array(n).map((_, k) => k * 10),
      ends: new Float64Array(n).map((_, k) => k * 10 + 10),
      categories: new Uint8Array(n).map((_, k) => (k % 3 === 0 ? 0 : 2)),
      resources: new Int32Array(n).fill(-1),
    };
    const rects = laneRects(lane, 0, n * 10, 800);
    expect(rects.length).toBeLessThanOrEqual(801);
    // Two in three spans are lock waits: each pixel shows the category covering most of it.
    expect(rects.every((r) => r.category === 2)).toBe(true);
    const zoomed = laneRects(lane, 0, 100, 800);
    expect(zoomed.map((r) => r.category)).toEqual([0, 2, 2, 0, 2, 2, 0, 2, 2, 0]);
  });
});
