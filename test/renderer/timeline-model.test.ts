import { describe, expect, it } from 'vitest';
import { parseProfile, simulate, type Trace } from '../../simulator/index.js';
import { buildTimeline, CATEGORIES, laneRects, spanAt, spanTooltip } from '../../renderer/src/charts/timeline-model.js';

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
      lod: null,
    };
    const rects = laneRects(lane, 0, n * 10, 800);
    expect(rects.length).toBeLessThanOrEqual(801);
    // Two in three spans are lock waits: each pixel shows the category covering most of it.
    expect(rects.every((r) => r.category === 2)).toBe(true);
    const zoomed = laneRects(lane, 0, 100, 800);
    expect(zoomed.map((r) => r.category)).toEqual([0, 2, 2, 0, 2, 2, 0, 2, 2, 0]);
  });
});

describe('the timeline level of detail', () => {
  it('draws a busy lane zoomed out from its buckets: one run of rectangles per category, no more than the width', () => {
    // One process alternating 1 µs running and 3 µs blocked on a lock, 10,000 times.
    const spans: [number, number, number, number, number][] = [];
    for (let k = 0; k < 10_000; k++) {
      spans.push([0, 0, k * 4000, k * 4000 + 1000, -1]);
      spans.push([0, 2, k * 4000 + 1000, k * 4000 + 4000, 0]);
    }
    const t: Trace = {
      version: 1,
      clock: 'simulated',
      processes: [{ id: 0, name: 'busy', template: 'busy' }],
      resources: [{ id: 0, name: 'm', kind: 'lock' }],
      spans,
      ops: [],
      cap: spans.length,
      dropped: 0,
    };
    const model = buildTimeline(null, t);
    const lane = model.lanes[0]!;
    expect(lane.lod).not.toBeNull();
    const rects = laneRects(lane, 0, model.endNs, 600, model.endNs);
    expect(rects.length).toBeLessThanOrEqual(600);
    // Three quarters of the time is a lock wait: zoomed out, the lane reads as one.
    expect(new Set(rects.map((r) => CATEGORIES[r.category]))).toEqual(new Set(['lock']));
    expect(rects.reduce((sum, r) => sum + r.w, 0)).toBeGreaterThanOrEqual(599);
  });
});

describe('the timeline tooltip', () => {
  const ms = (ns: number) => `${ns / 1e6} ms`;

  it('names the waking process that preempted a running stretch', () => {
    // One core: the napper sleeps 3 ms, wakes and preempts the hog.
    const napper = trace('version: 1\nname: t\nworkers: [1]\nprocesses:\n  napper:\n    - sleep: 3ms\n    - compute: 1ms\n  hog:\n    - compute: 20ms\n', 1);
    const model = buildTimeline(null, napper);
    const hog = model.lanes.find((l) => l.label === 'hog')!;
    const lines = spanTooltip(napper, hog, spanAt(hog, 1_000_000), ms);
    expect(lines).toEqual(['hog (simulated)', 'running', '0 ms – 3 ms (3 ms)', 'preempted by napper, which had just woken']);
    expect(spanTooltip(napper, hog, spanAt(hog, 10_000_000), ms)).not.toContain('preempted by napper, which had just woken');
  });

  it('names who woke a process from its wait', () => {
    const model = buildTimeline(null, fooBar);
    const foo = model.lanes[0]!;
    expect(spanTooltip(fooBar, foo, spanAt(foo, 500_000), ms)[1]).toBe('running');
    const handed = trace(
      'version: 1\nname: t\nresources:\n  m: lock\nprocesses:\n  a:\n    - acquire: m\n    - compute: 1ms\n    - release: m\n  b:\n    - acquire: m\n',
      2,
    );
    const b = buildTimeline(null, handed).lanes.find((l) => l.label === 'b')!;
    const lines = spanTooltip(handed, b, spanAt(b, 500_000), ms);
    expect(lines.slice(1)).toEqual(['blocked on a lock m', '0 ms – 1 ms (1 ms)', 'woken by a']);
  });
});
