// Runs in Chromium: builds a timeline of a million spans from a trace, draws
// its first frame, then zooms frame by frame; beside it, the naive anchor that
// draws every span of the same trace as its own rectangle.
import { drawTimeline } from '../../renderer/src/charts/timeline-draw';
import { buildTimeline, CATEGORIES } from '../../renderer/src/charts/timeline-model';
import type { Trace } from '../../simulator/index';

const LANES = 50;
const PER_LANE = 20_000;

function syntheticTrace(): Trace {
  const spans: [number, number, number, number, number][] = [];
  let seed = 1;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let p = 0; p < LANES; p++) {
    let t = 0;
    for (let k = 0; k < PER_LANE; k++) {
      const d = 1000 + Math.floor(next() * 50_000);
      spans.push([p, Math.floor(next() * 4), t, t + d, -1]);
      t += d;
    }
  }
  return {
    version: 1,
    clock: 'simulated',
    processes: Array.from({ length: LANES }, (_, id) => ({ id, name: `p[${id}]`, template: 'p' })),
    resources: [],
    spans,
    ops: [],
    cap: spans.length,
    dropped: 0,
  };
}

export interface TimelineBench {
  spans: number;
  firstPaintMs: number;
  frameMedianMs: number;
  frameMaxMs: number;
  naiveFirstPaintMs: number;
}

function canvas(width: number, height: number): CanvasRenderingContext2D {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  document.body.appendChild(c);
  return c.getContext('2d')!;
}

/** Waits for the browser to paint what was drawn. */
const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));

(window as unknown as { runBench: () => Promise<TimelineBench> }).runBench = async () => {
  const trace = syntheticTrace();
  const width = 1200;
  const laneHeight = 18;
  const tops = Array.from({ length: LANES }, (_, k) => 20 + k * laneHeight);
  const height = 20 + LANES * laneHeight;
  const colors = CATEGORIES.map((_, k) => `hsl(${k * 36}, 60%, 50%)`);
  const ctx = canvas(width, height);

  let start = performance.now();
  const model = buildTimeline(null, trace);
  const frame = { tops, laneHeight, t0: 0, t1: model.endNs, width, height, colors, focusLane: -1, focusColor: '#0000' };
  drawTimeline(ctx, model, frame);
  await painted();
  const firstPaintMs = performance.now() - start;

  // Zoom in 30 steps towards the middle, then out again: each is one frame.
  const frames: number[] = [];
  for (let step = 0; step < 60; step++) {
    const k = step < 30 ? 1.35 ** step : 1.35 ** (59 - step);
    const mid = model.endNs / 2;
    const half = model.endNs / 2 / k;
    const t = performance.now();
    drawTimeline(ctx, model, { ...frame, t0: mid - half, t1: mid + half });
    frames.push(performance.now() - t);
    await painted();
  }
  frames.sort((a, b) => a - b);

  // The anchor: every span its own rectangle, no merging.
  const naive = canvas(width, height);
  start = performance.now();
  const scale = width / model.endNs;
  for (const [p, state, s, e] of trace.spans) {
    naive.fillStyle = colors[state]!;
    naive.fillRect(s * scale, tops[p]!, Math.max((e - s) * scale, 0.5), laneHeight - 4);
  }
  await painted();
  const naiveFirstPaintMs = performance.now() - start;
  return { spans: trace.spans.length, firstPaintMs, frameMedianMs: frames[30]!, frameMaxMs: frames[frames.length - 1]!, naiveFirstPaintMs };
};
