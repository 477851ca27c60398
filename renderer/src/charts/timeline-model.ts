import type { Trace } from '../../../simulator/index';

/** How a span is coloured: what the process was doing, and on what kind of thing it waited. */
export type SpanCategory = 'running' | 'ready' | 'sleeping' | 'lock' | 'queue' | 'barrier' | 'event' | 'condition' | 'semaphore' | 'join';

export const CATEGORIES: readonly SpanCategory[] = ['running', 'ready', 'lock', 'semaphore', 'queue', 'barrier', 'event', 'condition', 'join', 'sleeping'];

export const CATEGORY_LABEL: Readonly<Record<SpanCategory, string>> = {
  running: 'running',
  ready: 'ready (waiting for a core)',
  sleeping: 'sleeping',
  lock: 'blocked on a lock',
  semaphore: 'blocked on a semaphore',
  queue: 'blocked on a queue',
  barrier: 'blocked at a barrier',
  event: 'blocked on an event',
  condition: 'blocked on a condition',
  join: 'blocked in join or on the pool',
};

/** One lane: one process of one run, its spans in time order as typed arrays (a million spans stay compact). */
export interface Lane {
  readonly key: string;
  readonly group: 'measured' | 'simulated';
  readonly pid: number;
  readonly label: string;
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  readonly categories: Uint8Array;
  readonly resources: Int32Array;
  /**
   * Level of detail for lanes with many spans: the time range cut into
   * LOD_BUCKETS buckets, each holding the category that covers most of it
   * (NO_SPAN where none does). Zoomed out, a frame reads these
   * instead of every span, so its cost is the canvas's width, not the trace's size.
   */
  lod: Uint8Array | null;
}

export const LOD_BUCKETS = 16_384;
const NO_SPAN = 255;
/** Lanes with fewer spans than this are cheap to draw span by span at any zoom. */
const LOD_MIN_SPANS = 2048;

/** Scratch for building a lane's level of detail: time covered per bucket and category (reused). */
let coverScratch: Float32Array | null = null;

function buildLod(lane: Lane, endNs: number): Uint8Array {
  const n = CATEGORIES.length;
  const cover = (coverScratch ??= new Float32Array(LOD_BUCKETS * n));
  cover.fill(0);
  const width = endNs / LOD_BUCKETS;
  for (let k = 0; k < lane.starts.length; k++) {
    const s = lane.starts[k]!;
    const e = lane.ends[k]!;
    const c = lane.categories[k]!;
    const b0 = Math.min(LOD_BUCKETS - 1, Math.floor(s / width));
    const b1 = Math.min(LOD_BUCKETS - 1, Math.floor(e / width));
    for (let b = b0; b <= b1; b++) cover[b * n + c]! += Math.min(e, (b + 1) * width) - Math.max(s, b * width);
  }
  // Each bucket shows the category that covers most of it, summed over its spans.
  const lod = new Uint8Array(LOD_BUCKETS).fill(NO_SPAN);
  for (let b = 0; b < LOD_BUCKETS; b++) {
    let best = 0;
    for (let c = 0; c < n; c++) {
      const v = cover[b * n + c]!;
      if (v > best) {
        best = v;
        lod[b] = c;
      }
    }
  }
  return lod;
}

export interface TimelineModel {
  readonly lanes: readonly Lane[];
  /** Time range in ns, shared by both runs. */
  readonly endNs: number;
  readonly spans: number;
  /** Records past the traces' caps. */
  readonly dropped: number;
  readonly traces: { readonly measured: Trace | null; readonly simulated: Trace | null };
}

function category(trace: Trace, state: number, resource: number): SpanCategory {
  if (state === 0) return 'running';
  if (state === 1) return 'ready';
  if (state === 3) return 'sleeping';
  const kind = resource >= 0 ? trace.resources[resource]?.kind : undefined;
  switch (kind) {
    case 'lock':
    case 'rlock':
      return 'lock';
    case 'semaphore':
    case 'bounded_semaphore':
      return 'semaphore';
    case 'queue':
      return 'queue';
    case 'barrier':
      return 'barrier';
    case 'event':
      return 'event';
    case 'condition':
      return 'condition';
    default:
      return 'join';
  }
}

function lanesOf(trace: Trace, group: 'measured' | 'simulated', stuckUntil: number): Lane[] {
  const byProcess = new Map<number, (readonly [number, number, number, number, number])[]>();
  const add = (span: readonly [number, number, number, number, number]) => {
    const list = byProcess.get(span[0]);
    if (list) list.push(span);
    else byProcess.set(span[0], [span]);
  };
  trace.spans.forEach(add);
  // A process blocked for good (a deadlock, a hang) is drawn blocked past the end of the run.
  for (const [time, p, op, r] of trace.ops) if (op === 'stuck') add([p, 2, time, Math.max(stuckUntil, time + 1), r]);
  return trace.processes.map((p) => {
    const spans = (byProcess.get(p.id) ?? []).sort((a, b) => a[2] - b[2]);
    const lane: Lane = {
      key: `${group}:${p.id}`,
      group,
      pid: p.id,
      label: p.name,
      starts: new Float64Array(spans.length),
      ends: new Float64Array(spans.length),
      categories: new Uint8Array(spans.length),
      resources: new Int32Array(spans.length),
      lod: null,
    };
    spans.forEach(([, state, s, e, r], k) => {
      lane.starts[k] = s;
      lane.ends[k] = e;
      lane.categories[k] = CATEGORIES.indexOf(category(trace, state, r));
      lane.resources[k] = r;
    });
    return lane;
  });
}

/** Builds the lanes of the measured run (if any) above those of the simulated one. */
export function buildTimeline(measured: Trace | null, simulated: Trace | null): TimelineModel {
  const lastEnd = (t: Trace | null) => (t ? t.spans.reduce((m, s) => Math.max(m, s[3]), 0) : 0);
  const hasStuck = (t: Trace | null) => t?.ops.some((o) => o[2] === 'stuck') ?? false;
  const runEnd = Math.max(lastEnd(measured), lastEnd(simulated), 1);
  const stuckUntil = hasStuck(measured) || hasStuck(simulated) ? runEnd * 1.25 : runEnd;
  const lanes = [...(measured ? lanesOf(measured, 'measured', stuckUntil) : []), ...(simulated ? lanesOf(simulated, 'simulated', stuckUntil) : [])];
  let endNs = 0;
  let spans = 0;
  for (const lane of lanes) {
    spans += lane.starts.length;
    if (lane.ends.length) endNs = Math.max(endNs, lane.ends[lane.ends.length - 1]!);
  }
  endNs = Math.max(endNs, 1);
  for (const lane of lanes) if (lane.starts.length >= LOD_MIN_SPANS) lane.lod = buildLod(lane, endNs);
  const dropped = (measured?.dropped ?? 0) + (simulated?.dropped ?? 0);
  return { lanes, endNs, spans, dropped, traces: { measured, simulated } };
}

/** The first span of a lane that ends after t (binary search). */
export function firstEndingAfter(lane: Lane, t: number): number {
  let lo = 0;
  let hi = lane.ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lane.ends[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The span under time t in a lane, or -1. */
export function spanAt(lane: Lane, t: number): number {
  const k = firstEndingAfter(lane, t);
  return k < lane.starts.length && lane.starts[k]! <= t ? k : -1;
}

/** Takes one rectangle of a lane: where it starts and how wide it is, in px, and its category. */
export type RectSink = (x: number, w: number, category: number) => void;

/**
 * Rectangles to draw for one lane between t0 and t1 at `width` pixels: spans
 * narrower than a pixel are merged into the pixel they fall in (its category
 * the one that covers most of it), so a million spans cost at most a few
 * thousand rectangles per frame.
 */
export function laneRects(lane: Lane, t0: number, t1: number, width: number, endNs = 0): { x: number; w: number; category: number }[] {
  const rects: { x: number; w: number; category: number }[] = [];
  eachLaneRect(lane, t0, t1, width, endNs, (x, w, category) => rects.push({ x, w, category }));
  return rects;
}

/**
 * As laneRects, each rectangle handed to `sink` as it is found: a frame draws
 * tens of thousands, and an object for each made the collector pause frames.
 */
export function eachLaneRect(lane: Lane, t0: number, t1: number, width: number, endNs: number, sink: RectSink): void {
  const nsPerPixel = (t1 - t0) / width;
  if (lane.lod && endNs > 0 && nsPerPixel >= endNs / LOD_BUCKETS) {
    // Zoomed out: one bucket per pixel, runs of one category as one rectangle.
    const bucket = endNs / LOD_BUCKETS;
    let runStart = 0;
    let runCategory = NO_SPAN;
    for (let px = 0; px <= width; px++) {
      const b = px < width ? Math.floor((t0 + (px + 0.5) * nsPerPixel) / bucket) : -1;
      const c = b >= 0 && b < LOD_BUCKETS ? lane.lod[b]! : NO_SPAN;
      if (c !== runCategory) {
        if (runCategory !== NO_SPAN) sink(runStart, px - runStart, runCategory);
        runStart = px;
        runCategory = c;
      }
    }
    return;
  }
  const scale = width / (t1 - t0);
  let pixel = -1;
  let best = -1;
  let bestCover = 0;
  const cover = coverOfPixel;
  const flush = () => {
    if (pixel >= 0 && best >= 0) sink(pixel, 1, best);
    cover.fill(0);
    best = -1;
    bestCover = 0;
  };
  for (let k = firstEndingAfter(lane, t0); k < lane.starts.length && lane.starts[k]! < t1; k++) {
    const x0 = (Math.max(lane.starts[k]!, t0) - t0) * scale;
    const x1 = (Math.min(lane.ends[k]!, t1) - t0) * scale;
    const c = lane.categories[k]!;
    if (x1 - x0 >= 1) {
      flush();
      pixel = -1;
      sink(x0, x1 - x0, c);
      continue;
    }
    const px = Math.floor(x0);
    if (px !== pixel) {
      flush();
      pixel = px;
    }
    cover[c]! += x1 - x0;
    if (cover[c]! > bestCover) {
      bestCover = cover[c]!;
      best = c;
    }
  }
  flush();
}

/** Time covered per category within the pixel being merged (scratch, reused by every lane). */
const coverOfPixel = new Float64Array(CATEGORIES.length);

/**
 * The lines of the tooltip for span s of a lane: the process, what it was
 * doing and on what, when, and what ended it where the trace says: the
 * process whose action woke it, or the waking process that preempted it.
 */
export function spanTooltip(trace: Trace, lane: Lane, s: number, fmt: (ns: number) => string): string[] {
  const resource = lane.resources[s]! >= 0 ? trace.resources[lane.resources[s]!]?.name : null;
  const start = lane.starts[s]!;
  const end = lane.ends[s]!;
  // One pass over the ops (a million in a large trace) for both: a wake and a preemption at the span's end.
  let waker: string | null = null;
  let preempter: string | null = null;
  for (const [time, p, op, , other] of trace.ops) {
    if (p !== lane.pid || Math.abs(time - end) >= 1 || other < 0) continue;
    if (op === 'wake' && waker === null) waker = trace.processes[other]?.name ?? null;
    if (op === 'preempt' && preempter === null) preempter = trace.processes[other]?.name ?? null;
  }
  return [
    `${lane.label} (${lane.group})`,
    `${CATEGORY_LABEL[CATEGORIES[lane.categories[s]!]!]}${resource ? ` ${resource}` : ''}`,
    `${fmt(start)} – ${fmt(end)} (${fmt(end - start)})`,
    ...(waker ? [`woken by ${waker}`] : []),
    ...(preempter ? [`preempted by ${preempter}, which had just woken`] : []),
  ];
}
