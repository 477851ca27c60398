import { describe, expect, it } from 'vitest';
import { amdahlLayout } from '../../renderer/src/charts/amdahl-layout.js';
import { pathVertices, workersSpanned, worstDistanceFromIdeal } from './chart-geometry.js';

describe('the Amdahl chart layout', () => {
  it('places one point per worker count, rising and flattening toward 1/f', () => {
    const g = amdahlLayout(0.1, [1, 2, 4, 8], 320, 170);
    expect(g.points.map((p) => p.workers)).toEqual([1, 2, 4, 8]);
    expect(g.points.map((p) => +p.speedup.toFixed(3))).toEqual([1, 1.818, 3.077, 4.706]);
    const xs = g.points.map((p) => p.x);
    const ys = g.points.map((p) => p.y);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(ys).toEqual([...ys].sort((a, b) => b - a));
    // Doubling workers moves the same distance right on the log-2 axis.
    expect(xs[2]! - xs[1]!).toBeCloseTo(xs[1]! - xs[0]!, 6);
  });

  it('keeps every point inside the plot area', () => {
    const g = amdahlLayout(0, [1, 16], 300, 150);
    for (const p of g.points) {
      expect(p.x).toBeGreaterThanOrEqual(g.margin.left);
      expect(p.x).toBeLessThanOrEqual(g.width - g.margin.right);
      expect(p.y).toBeGreaterThanOrEqual(g.margin.top);
      expect(p.y).toBeLessThanOrEqual(g.height - g.margin.bottom);
    }
    expect(g.plateau).toBeNull();
    expect(g.amdahlPath.startsWith('M')).toBe(true);
  });

  it('a fully serial program stays at 1× for any worker count', () => {
    const g = amdahlLayout(1, [1, 2, 4], 300, 150);
    expect(new Set(g.points.map((p) => p.speedup))).toEqual(new Set([1]));
  });

  it('draws the ideal line as speedup = workers all along the log-2 axis, not a straight segment between its ends', () => {
    const g = amdahlLayout(0.1, [1, 2, 4, 8, 16], 320, 170);
    expect(pathVertices(g.idealPath).length).toBeGreaterThan(10);
    expect(worstDistanceFromIdeal(g.idealPath, g)).toBeLessThan(1);
    const span = workersSpanned(g.idealPath, g);
    expect(span.from).toBeCloseTo(1, 2);
    expect(span.to).toBeCloseTo(16, 1);
  });
});
