import { line, scaleLinear, scaleLog } from 'd3';
import { amdahlSpeedup } from '../../../simulator/index';

/** Geometry of the small Amdahl chart: pure, so it is tested without a browser. */
export interface AmdahlLayout {
  readonly width: number;
  readonly height: number;
  readonly amdahlPath: string;
  readonly idealPath: string;
  readonly points: readonly { readonly workers: number; readonly speedup: number; readonly x: number; readonly y: number }[];
  readonly xTicks: readonly { readonly value: number; readonly x: number }[];
  readonly yTicks: readonly { readonly value: number; readonly y: number }[];
  readonly plateau: { readonly speedup: number; readonly y: number } | null;
  readonly margin: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
}

export function amdahlLayout(serialFraction: number, sweep: readonly number[], width: number, height: number): AmdahlLayout {
  const margin = { top: 12, right: 16, bottom: 28, left: 36 };
  const maxWorkers = Math.max(2, ...sweep);
  const x = scaleLog()
    .base(2)
    .domain([1, maxWorkers])
    .range([margin.left, width - margin.right]);
  const yMax = Math.max(2, maxWorkers);
  const y = scaleLinear()
    .domain([1, yMax])
    .range([height - margin.bottom, margin.top])
    .nice();
  const curve: [number, number][] = [];
  for (let n = 1; n <= maxWorkers; n *= 1.1) curve.push([n, amdahlSpeedup(serialFraction, n)]);
  curve.push([maxWorkers, amdahlSpeedup(serialFraction, maxWorkers)]);
  const path = line<[number, number]>()
    .x(([n]) => x(n))
    .y(([, s]) => y(s));
  const xTicks = [];
  for (let n = 1; n <= maxWorkers; n *= 2) xTicks.push({ value: n, x: x(n) });
  const plateau = serialFraction > 0 ? 1 / serialFraction : null;
  return {
    width,
    height,
    margin,
    amdahlPath: path(curve) ?? '',
    idealPath: path(idealCurve(maxWorkers)) ?? '',
    points: sweep.map((workers) => {
      const speedup = amdahlSpeedup(serialFraction, workers);
      return { workers, speedup, x: x(workers), y: y(speedup) };
    }),
    xTicks,
    yTicks: y.ticks(4).map((value) => ({ value, y: y(value) })),
    plateau: plateau !== null && plateau <= y.domain()[1]! ? { speedup: plateau, y: y(plateau) } : null,
  };
}

/**
 * The ideal line, speedup = workers, as points close enough together to draw
 * it as the curve it is on a log-2 axis of workers (its two ends joined by a
 * straight segment stand far too high between them: from 1 to 64 workers, 32
 * at 8).
 */
export function idealCurve(upTo: number): [number, number][] {
  const points: [number, number][] = [];
  for (let n = 1; n < upTo; n *= 1.1) points.push([n, n]);
  points.push([upTo, upTo]);
  return points;
}
