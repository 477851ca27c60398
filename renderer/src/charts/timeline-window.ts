/**
 * The timeline's window over its lanes: which lanes a scroll position shows,
 * which lane is under the pointer, where to scroll to show one, and which
 * lane a focus names. Pure, so it is tested without a browser; lane tops are
 * in the lanes' own coordinates (scroll not applied), ascending.
 */

/** A process to show, from another view: its name, and the run it is from. */
export interface LaneFocus {
  readonly process: string;
  readonly group: 'measured' | 'simulated';
}

/** The first and last lane whose rows reach into [from, to); last < first when none does. */
export function lanesBetween(tops: readonly number[], laneHeight: number, from: number, to: number): { first: number; last: number } {
  // The first lane ending after `from`, then the last starting before `to` (binary searches: ten thousand lanes, every frame).
  const first = firstIndex(tops.length, (k) => tops[k]! + laneHeight > from);
  const last = firstIndex(tops.length, (k) => tops[k]! >= to) - 1;
  return { first, last };
}

/** The lane whose row holds y, or -1 (a gap between groups, or past the last lane). */
export function laneAt(tops: readonly number[], laneHeight: number, y: number): number {
  const k = firstIndex(tops.length, (j) => tops[j]! > y) - 1;
  return k >= 0 && y < tops[k]! + laneHeight ? k : -1;
}

/** Where to scroll for the lane at `top` to be whole in a window of viewHeight (it comes to the middle), or null if it already is. */
export function scrollToShow(top: number, laneHeight: number, scrollTop: number, viewHeight: number): number | null {
  if (top >= scrollTop && top + laneHeight <= scrollTop + viewHeight) return null;
  return Math.max(0, top - (viewHeight - laneHeight) / 2);
}

/** The lane a focus names: the process in the run the focus is from, else the first lane of that name; -1 if none. */
export function focusedLane(lanes: readonly { readonly label: string; readonly group: string }[], focus: LaneFocus | null): number {
  if (focus === null) return -1;
  const exact = lanes.findIndex((lane) => lane.label === focus.process && lane.group === focus.group);
  return exact >= 0 ? exact : lanes.findIndex((lane) => lane.label === focus.process);
}

/** The least k in [0, n) for which `holds` is true, n if none (`holds` is false, then true). */
function firstIndex(n: number, holds: (k: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
