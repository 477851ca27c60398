/** Helpers for the chart layouts' tests: the vertices of an SVG path, and the distance of a curve from speedup = workers. */

export function pathVertices(d: string): [number, number][] {
  const numbers = (d.match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? []).map(Number);
  const out: [number, number][] = [];
  for (let k = 0; k + 1 < numbers.length; k += 2) out.push([numbers[k]!, numbers[k + 1]!]);
  return out;
}

interface Axes {
  readonly xTicks: readonly { readonly value: number; readonly x: number }[];
  readonly yTicks: readonly { readonly value: number; readonly y: number }[];
}

/**
 * How far, in px, the path strays from speedup = workers: measured at the
 * middle of each of its segments, on a log-2 axis of workers (from the ticks
 * at 1 and 2) and a linear axis of speedup (from two of its ticks).
 */
export function worstDistanceFromIdeal(d: string, g: Axes): number {
  const [one, two] = g.xTicks;
  const [a, b] = g.yTicks;
  const workersAt = (x: number) => 2 ** ((x - one!.x) / (two!.x - one!.x));
  const yOf = (speedup: number) => a!.y + ((speedup - a!.value) / (b!.value - a!.value)) * (b!.y - a!.y);
  const points = pathVertices(d);
  let worst = 0;
  for (let k = 1; k < points.length; k++) {
    const mx = (points[k - 1]![0] + points[k]![0]) / 2;
    const my = (points[k - 1]![1] + points[k]![1]) / 2;
    worst = Math.max(worst, Math.abs(my - yOf(workersAt(mx))));
  }
  return worst;
}

/** The workers (on the log-2 axis, from the ticks at 1 and 2) at the path's first and last vertices. */
export function workersSpanned(d: string, g: Axes): { readonly from: number; readonly to: number } {
  const [one, two] = g.xTicks;
  const workersAt = (x: number) => 2 ** ((x - one!.x) / (two!.x - one!.x));
  const points = pathVertices(d);
  return { from: workersAt(points[0]![0]), to: workersAt(points[points.length - 1]![0]) };
}
