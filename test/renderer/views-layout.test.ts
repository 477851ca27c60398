import { describe, expect, it } from 'vitest';
import { parseProfile, simulate, type Finding, type Trace } from '../../simulator/index.js';
import type { JobResult } from '../../preload/contract.js';
import { cycleInWords, deadlockGraph, drawable } from '../../renderer/src/charts/deadlock-layout.js';
import { lockViews, splitLocks, type LockView } from '../../renderer/src/charts/lock-waits-layout.js';
import { speedupLayout } from '../../renderer/src/charts/speedup-layout.js';
import { pathVertices, workersSpanned, worstDistanceFromIdeal } from './chart-geometry.js';

function job(yaml: string, workers: number[]): JobResult {
  const parsed = parseProfile(yaml);
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  const sim = simulate(parsed.program, { workers, traceCap: 100_000 });
  const curve = simulate(parsed.program, { workers: [1, 2, 4, 8, 16, 32, 64] }).result.runs.map((r) => ({ workers: r.workers, speedup: r.simulated.speedup }));
  return {
    kind: 'simulate',
    simulation: sim.result,
    run: null,
    curve,
    curveCores: null,
    timeline: { workers: workers[workers.length - 1]!, simulated: sim.traces[sim.traces.length - 1] as Trace, measured: null },
  };
}

const amdahl = job('version: 1\nname: t\nmain:\n  - compute: 10ms\n  - map: {items: 64, cost: 10ms, chunksize: 1}\n', [1, 2, 4]);

describe('the speedup chart layout', () => {
  it('puts simulated points up to 64 virtual cores and Amdahl points at the sweep, inside the plot', () => {
    const g = speedupLayout(amdahl, 560, 300);
    expect(g.points.filter((p) => p.series === 'simulated').map((p) => p.workers)).toEqual([1, 2, 4, 8, 16, 32, 64]);
    expect(g.points.filter((p) => p.series === 'amdahl').map((p) => p.workers)).toEqual([1, 2, 4]);
    for (const p of g.points) {
      expect(p.x).toBeGreaterThanOrEqual(g.margin.left - 0.001);
      expect(p.x).toBeLessThanOrEqual(g.width - g.margin.right + 0.001);
      expect(p.y).toBeGreaterThanOrEqual(g.margin.top - 0.001);
      expect(p.y).toBeLessThanOrEqual(g.height - g.margin.bottom + 0.001);
    }
    // Under the ideal machine, simulated equals Amdahl at the sweep's counts.
    const sim4 = g.points.find((p) => p.series === 'simulated' && p.workers === 4)!;
    const amd4 = g.points.find((p) => p.series === 'amdahl' && p.workers === 4)!;
    expect(sim4.speedup).toBeCloseTo(amd4.speedup, 9);
    expect(sim4.y).toBeCloseTo(amd4.y, 6);
    expect(g.simulatedPath).toMatch(/^M/);
  });

  it('draws the ideal line as speedup = workers along the log-2 axis of workers', () => {
    const g = speedupLayout(amdahl, 560, 300);
    expect(pathVertices(g.idealPath).length).toBeGreaterThan(10);
    expect(worstDistanceFromIdeal(g.idealPath, g)).toBeLessThan(1.5);
    // From one worker to where it leaves the chart: the last worker count on the axis, or the top speedup.
    const span = workersSpanned(g.idealPath, g);
    const top = g.yTicks[g.yTicks.length - 1]!.value;
    expect(span.from).toBeCloseTo(1, 2);
    expect(span.to).toBeCloseTo(Math.min(g.xTicks[g.xTicks.length - 1]!.value, top), 1);
  });

  it('marks where the simulated curve stops gaining', () => {
    const g = speedupLayout(amdahl, 560, 300);
    // 64 tasks: past 64 workers nothing more; the curve gains until 64 and the peak is not before 32.
    expect(g.peak === null || g.peak.workers >= 32).toBe(true);
  });
});

describe('the lock waits layout', () => {
  it('bins waits and holds and says who waited on whom', () => {
    const r = job(
      'version: 1\nname: t\nworkers: [3]\nresources:\n  m: lock\nprocesses:\n  w:\n    count: 3\n    steps:\n      - acquire: m\n      - compute: 2ms\n      - release: m\n',
      [3],
    );
    const [view] = lockViews(r.simulation.runs[0]!.simulated.locks, r.timeline.simulated);
    expect(view!.name).toBe('m');
    expect(view!.bins.reduce((s, b) => s + b.holds, 0)).toBe(3);
    expect(view!.bins.find((b) => b.fromNs === 1e6)!.holds).toBe(3);
    expect(view!.bins.reduce((s, b) => s + b.waits, 0)).toBe(2);
    expect(view!.waitedOn).toEqual([
      { waiter: 'w[1]', holder: 'w[0]', times: 1 },
      { waiter: 'w[2]', holder: 'w[1]', times: 1 },
    ]);
  });

  it("keeps each lock's waits, holds and hand-offs to that lock", () => {
    const r = job(
      [
        'version: 1',
        'name: t',
        'workers: [4]',
        'resources:',
        '  a: lock',
        '  b: lock',
        'processes:',
        '  on_a:',
        '    count: 2',
        '    steps:',
        '      - acquire: a',
        '      - sleep: 2ms',
        '      - release: a',
        '  on_b:',
        '    count: 3',
        '    steps:',
        '      - acquire: b',
        '      - sleep: 1ms',
        '      - release: b',
        '',
      ].join('\n'),
      [4],
    );
    const views = lockViews(r.simulation.runs[0]!.simulated.locks, r.timeline.simulated);
    const a = views.find((v) => v.name === 'a')!;
    const b = views.find((v) => v.name === 'b')!;
    expect(a.bins.reduce((s, x) => s + x.waits, 0)).toBe(1);
    expect(a.bins.reduce((s, x) => s + x.holds, 0)).toBe(2);
    expect(b.bins.reduce((s, x) => s + x.waits, 0)).toBe(2);
    expect(b.bins.reduce((s, x) => s + x.holds, 0)).toBe(3);
    expect(a.waitedOn.every((w) => w.waiter.startsWith('on_a') && w.holder.startsWith('on_a'))).toBe(true);
    expect(b.waitedOn.every((w) => w.waiter.startsWith('on_b') && w.holder.startsWith('on_b'))).toBe(true);
    expect(b.waitedOn.reduce((s, w) => s + w.times, 0)).toBe(2);
  });
});

describe('the split of many locks', () => {
  const view = (name: string, wait_ms: number): LockView => ({
    name,
    summary: { acquisitions: 1, contended: 0, wait_ms, max_wait_ms: 0, hold_ms: 0 },
    bins: [],
    waitedOn: [],
  });

  it('keeps a few locks in the profile’s order, all in full', () => {
    const few = [view('b', 1), view('a', 5), view('c', 3)];
    expect(splitLocks(few)).toEqual({ detailed: few, rest: [] });
  });

  it('shows the six most waited on in full, most first, and the rest as rows, ties by name', () => {
    const many = [view('l0', 0), view('l1', 9), view('l2', 2), view('l3', 7), view('l4', 0), view('l5', 4), view('l6', 8), view('l7', 1), view('l8', 3)];
    const { detailed, rest } = splitLocks(many);
    expect(detailed.map((v) => v.name)).toEqual(['l1', 'l6', 'l3', 'l5', 'l8', 'l2']);
    expect(rest.map((v) => v.name)).toEqual(['l7', 'l0', 'l4']);
  });
});

describe('the deadlock graph layout', () => {
  const deadlock: Extract<Finding, { kind: 'deadlock' }> = {
    kind: 'deadlock',
    workers: 2,
    at_ms: 1,
    cycle: [
      { process: 'bar', holds: ['b'], waits_for: 'a', line: 20 },
      { process: 'foo', holds: ['a'], waits_for: 'b', line: 13 },
    ],
  };

  it('has the processes and locks of the cycle, with waits-for and held-by edges, all in the cycle', () => {
    const g = deadlockGraph(deadlock, 520, 300);
    expect(g.nodes.map((n) => n.id).sort()).toEqual(['p:bar', 'p:foo', 'r:a', 'r:b']);
    expect(g.edges).toEqual([
      { from: 'p:bar', to: 'r:a', kind: 'waits', inCycle: true },
      { from: 'r:b', to: 'p:bar', kind: 'holds', inCycle: true },
      { from: 'p:foo', to: 'r:b', kind: 'waits', inCycle: true },
      { from: 'r:a', to: 'p:foo', kind: 'holds', inCycle: true },
    ]);
    expect(cycleInWords(deadlock)).toBe('bar holds b and waits for a; foo holds a and waits for b');
  });

  it('lays out the same every time, every node inside the frame and apart', () => {
    const a = deadlockGraph(deadlock, 520, 300);
    const b = deadlockGraph(deadlock, 520, 300);
    expect(a.nodes).toEqual(b.nodes);
    for (const n of a.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.x).toBeLessThanOrEqual(520);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeLessThanOrEqual(300);
    }
    for (const m of a.nodes) for (const n of a.nodes) if (m !== n) expect(Math.hypot(m.x - n.x, m.y - n.y)).toBeGreaterThan(40);
  });

  it('gives a long cycle a frame large enough for every node to stand apart', () => {
    const n = 16;
    const philosophers: Extract<Finding, { kind: 'deadlock' }> = {
      kind: 'deadlock',
      workers: 4,
      at_ms: 1,
      cycle: Array.from({ length: n }, (_, k) => ({ process: `p${k}`, holds: [`fork${k}`], waits_for: `fork${(k + 1) % n}`, line: null })),
    };
    const g = deadlockGraph(philosophers, 520, 300);
    expect(g.nodes).toHaveLength(2 * n);
    expect(g.width).toBeGreaterThan(520);
    for (const node of g.nodes) {
      expect(node.x).toBeGreaterThanOrEqual(0);
      expect(node.x).toBeLessThanOrEqual(g.width);
      expect(node.y).toBeGreaterThanOrEqual(0);
      expect(node.y).toBeLessThanOrEqual(g.height);
    }
    for (const a of g.nodes) for (const b of g.nodes) if (a !== b) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(56);
    // A short cycle keeps the frame asked for.
    expect(deadlockGraph(deadlock, 520, 300)).toMatchObject({ width: 520, height: 300 });
  });

  it('draws a cycle of up to sixteen processes and their locks, and tells a longer one in words alone', () => {
    const ring = (n: number): Extract<Finding, { kind: 'deadlock' }> => ({
      kind: 'deadlock',
      workers: 4,
      at_ms: 1,
      cycle: Array.from({ length: n }, (_, k) => ({ process: `p${k}`, holds: [`fork${k}`], waits_for: `fork${(k + 1) % n}`, line: null })),
    });
    expect(drawable(ring(16))).toBe(true);
    expect(drawable(ring(17))).toBe(false);
  });

  it('keeps the locks held beside the cycle apart from each other and from the processes', () => {
    const crowded: Extract<Finding, { kind: 'deadlock' }> = {
      kind: 'deadlock',
      workers: 3,
      at_ms: 1,
      cycle: [0, 1, 2].map((k) => ({ process: `p${k}`, holds: [`l${k}`, `x${k}a`, `x${k}b`, `x${k}c`], waits_for: `l${(k + 1) % 3}`, line: null })),
    };
    const g = deadlockGraph(crowded, 520, 300);
    expect(g.nodes).toHaveLength(15);
    // A lock's box is 60 × 32 px and a process's circle 52 px across: two boxes overlap when they are
    // closer than that on both axes; a circle and anything else, when their centres are closer than 56 px.
    for (const a of g.nodes)
      for (const b of g.nodes) {
        if (a === b) continue;
        if (a.kind === 'resource' && b.kind === 'resource') expect(Math.abs(a.x - b.x) >= 60 || Math.abs(a.y - b.y) >= 32).toBe(true);
        else expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(56);
      }
  });
});
