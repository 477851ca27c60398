import { line, scaleLinear, scaleLog } from 'd3';
import { amdahlSpeedup } from '../../../simulator/index';
import type { JobResult } from '../../../preload/contract';
import { idealCurve } from './amdahl-layout';

/** One point a user can hover: which series, at how many workers, what value. */
export interface SpeedupPoint {
  readonly series: 'measured' | 'simulated' | 'amdahl';
  readonly workers: number;
  readonly speedup: number;
  readonly x: number;
  readonly y: number;
  /** Measured only: the spread over repetitions, as speedups. */
  readonly low?: number;
  readonly high?: number;
  readonly yLow?: number;
  readonly yHigh?: number;
}

export interface SpeedupLayout {
  readonly width: number;
  readonly height: number;
  readonly margin: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
  readonly idealPath: string;
  readonly simulatedPath: string;
  readonly amdahlPath: string;
  readonly measuredPath: string;
  readonly points: readonly SpeedupPoint[];
  readonly xTicks: readonly { readonly value: number; readonly x: number }[];
  readonly yTicks: readonly { readonly value: number; readonly y: number }[];
  /** Where the simulated curve stops gaining (the best worker count), if it does within the range. */
  readonly peak: { readonly workers: number; readonly speedup: number; readonly x: number; readonly y: number } | null;
}

/**
 * Geometry of the speedup chart: measured (with its spread), simulated (to 64
 * virtual cores), Amdahl, and the ideal line, over worker counts on a log-2 axis.
 */
export function speedupLayout(result: JobResult, width: number, height: number): SpeedupLayout {
  const margin = { top: 14, right: 18, bottom: 32, left: 44 };
  const f = result.simulation.serial_fraction;
  const curve = result.curve.filter((c): c is { workers: number; speedup: number } => c.speedup !== null);
  const sweep = result.simulation.runs.map((r) => r.workers);
  const measured = result.run?.runs ?? [];
  const maxWorkers = Math.max(64, ...sweep);
  const x = scaleLog()
    .base(2)
    .domain([1, maxWorkers])
    .range([margin.left, width - margin.right]);
  const baseMs = measured.find((r) => r.workers === 1)?.measured.makespan_ms ?? null;
  const spreads = measured.map((r) => {
    const m = r.measured;
    const low = baseMs && m.spread.max_ms > 0 ? baseMs / m.spread.max_ms : null;
    const high = baseMs && m.spread.min_ms > 0 ? baseMs / m.spread.min_ms : null;
    return { workers: r.workers, speedup: m.speedup, low, high };
  });
  const values = [
    ...curve.map((c) => c.speedup),
    ...result.simulation.runs.flatMap((r) => (r.simulated.speedup === null ? [] : [r.simulated.speedup])),
    ...spreads.flatMap((s) => [s.speedup ?? 0, s.high ?? 0]),
    ...(f === null ? [] : [amdahlSpeedup(f, maxWorkers)]),
  ];
  const yMax = Math.max(2, Math.min(maxWorkers, Math.max(...values) * 1.15));
  const y = scaleLinear()
    .domain([0, yMax])
    .range([height - margin.bottom, margin.top])
    .nice();
  const top = y.domain()[1]!;
  const path = line<readonly [number, number]>()
    .x(([n]) => x(n))
    .y(([, s]) => y(Math.min(s, top)));
  const amdahlCurve: [number, number][] = [];
  if (f !== null) for (let n = 1; n <= maxWorkers * 1.0001; n *= 1.15) amdahlCurve.push([n, amdahlSpeedup(f, n)]);
  const points: SpeedupPoint[] = [
    ...curve.map((c) => ({ series: 'simulated' as const, workers: c.workers, speedup: c.speedup, x: x(c.workers), y: y(Math.min(c.speedup, top)) })),
    ...(f === null
      ? []
      : sweep.map((w) => ({ series: 'amdahl' as const, workers: w, speedup: amdahlSpeedup(f, w), x: x(w), y: y(Math.min(amdahlSpeedup(f, w), top)) }))),
    ...spreads.flatMap((s) =>
      s.speedup === null
        ? []
        : [
            {
              series: 'measured' as const,
              workers: s.workers,
              speedup: s.speedup,
              x: x(s.workers),
              y: y(Math.min(s.speedup, top)),
              ...(s.low !== null && s.high !== null ? { low: s.low, high: s.high, yLow: y(Math.min(s.low, top)), yHigh: y(Math.min(s.high, top)) } : {}),
            },
          ],
    ),
  ];
  const best = curve.reduce<{ workers: number; speedup: number } | null>((b, c) => (!b || c.speedup > b.speedup * 1.02 ? c : b), null);
  const xTicks = [];
  for (let n = 1; n <= maxWorkers; n *= 2) xTicks.push({ value: n, x: x(n) });
  return {
    width,
    height,
    margin,
    idealPath: path(idealCurve(Math.min(maxWorkers, top))) ?? '',
    simulatedPath: path(curve.map((c) => [c.workers, c.speedup] as const)) ?? '',
    amdahlPath: f === null ? '' : (path(amdahlCurve) ?? ''),
    measuredPath: path(spreads.flatMap((s) => (s.speedup === null ? [] : [[s.workers, s.speedup] as const]))) ?? '',
    points,
    xTicks,
    yTicks: y.ticks(5).map((value) => ({ value, y: y(value) })),
    peak: best && best.workers > 1 && best.workers < maxWorkers ? { ...best, x: x(best.workers), y: y(Math.min(best.speedup, top)) } : null,
  };
}
