import { describe, expect, it } from 'vitest';
import { focusedLane, laneAt, lanesBetween, scrollToShow } from '../../renderer/src/charts/timeline-window.js';

// Lanes of 18 px from 22, and a second group after a gap of 22: 22, 40, 58, then 98, 116.
const tops = [22, 40, 58, 98, 116];
const H = 18;

describe("the timeline's window over its lanes", () => {
  it('shows the lanes whose rows reach into the window, partly or whole', () => {
    expect(lanesBetween(tops, H, 0, 540)).toEqual({ first: 0, last: 4 });
    expect(lanesBetween(tops, H, 45, 100)).toEqual({ first: 1, last: 3 });
    expect(lanesBetween(tops, H, 58, 98)).toEqual({ first: 2, last: 2 });
    expect(lanesBetween(tops, H, 200, 300)).toEqual({ first: 5, last: 4 });
  });

  it('finds the lane under the pointer, and none in the gap between groups', () => {
    expect(laneAt(tops, H, 22)).toBe(0);
    expect(laneAt(tops, H, 57.9)).toBe(1);
    expect(laneAt(tops, H, 80)).toBe(-1);
    expect(laneAt(tops, H, 120)).toBe(4);
    expect(laneAt(tops, H, 10)).toBe(-1);
    expect(laneAt(tops, H, 134)).toBe(-1);
  });

  it('scrolls a lane out of view to the middle of the window, and leaves one in view', () => {
    expect(scrollToShow(40, H, 0, 100)).toBeNull();
    expect(scrollToShow(7000, H, 0, 540)).toBe(7000 - (540 - H) / 2);
    expect(scrollToShow(90, H, 0, 100)).toBe(90 - (100 - H) / 2);
    expect(scrollToShow(30, H, 500, 540)).toBe(0);
  });

  it('focuses the process in the run the focus came from, and else the first of its name', () => {
    const lanes = [
      { label: 'foo', group: 'measured' },
      { label: 'bar', group: 'measured' },
      { label: 'foo', group: 'simulated' },
      { label: 'bar', group: 'simulated' },
    ];
    expect(focusedLane(lanes, { process: 'foo', group: 'simulated' })).toBe(2);
    expect(focusedLane(lanes, { process: 'bar', group: 'measured' })).toBe(1);
    expect(focusedLane(lanes.slice(2), { process: 'foo', group: 'measured' })).toBe(0);
    expect(focusedLane(lanes, { process: 'baz', group: 'simulated' })).toBe(-1);
    expect(focusedLane(lanes, null)).toBe(-1);
  });
});
