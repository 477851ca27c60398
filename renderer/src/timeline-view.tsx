import { workersText } from '../../simulator/index';
import { select, zoom, zoomIdentity, zoomTransform, type ZoomBehavior, type ZoomTransform } from 'd3';
import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { JobResult } from '../../preload/contract';
import { drawTimeline } from './charts/timeline-draw';
import { buildTimeline, CATEGORIES, CATEGORY_LABEL, spanAt, spanTooltip, type TimelineModel } from './charts/timeline-model';
import { focusedLane, laneAt, lanesBetween, scrollToShow, type LaneFocus } from './charts/timeline-window';
import { axisTicks, formatTime } from './charts/time-format';

const LANE_H = 18;
const GROUP_GAP = 22;
/**
 * The lanes' window at most, in px: more lanes than fit scroll inside it.
 * The canvas is this tall at most and draws the lanes in view alone, so a run
 * of ten thousand processes draws as fast as one of ten (a canvas as tall as
 * every lane would pass the browser's limit, some 32,000 px, and stay blank).
 */
const VIEW_MAX_H = 540;
/** Lane labels kept in the page beyond the window, above and below it, so a scroll shows no gap. */
const LABEL_MARGIN = 10;

/** Lane tops, with a gap and a heading between the measured and the simulated groups. */
function laneTops(model: TimelineModel): number[] {
  const tops: number[] = [];
  let y = GROUP_GAP;
  model.lanes.forEach((lane, k) => {
    if (k > 0 && lane.group !== model.lanes[k - 1]!.group) y += GROUP_GAP;
    tops.push(y);
    y += LANE_H;
  });
  return tops;
}

function cssColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(`--state-${name}`).trim() || '#888';
}

export function TimelineView({ result, focus }: { readonly result: JobResult; readonly focus: LaneFocus | null }) {
  const model = useMemo(() => buildTimeline(result.timeline.measured, result.timeline.simulated), [result]);
  const canvas = useRef<HTMLCanvasElement>(null);
  const zoomBehaviour = useRef<ZoomBehavior<HTMLCanvasElement, unknown> | null>(null);
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const [width, setWidth] = useState(900);
  const [tip, setTip] = useState<{ style: CSSProperties; text: string[] } | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const tops = useMemo(() => laneTops(model), [model]);
  const focusIndex = useMemo(() => focusedLane(model.lanes, focus), [model, focus]);
  // Every lane's height together, and the window's (the canvas's) height.
  const totalH = (tops[tops.length - 1] ?? 0) + LANE_H + 6;
  const height = Math.min(totalH, VIEW_MAX_H);
  // `width` is the plot's own width (the canvas's parent, beside the labels).
  const plotW = Math.max(100, width);

  useEffect(() => {
    const el = canvas.current?.parentElement;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const behaviour = (zoomBehaviour.current = zoom<HTMLCanvasElement, unknown>())
      .scaleExtent([1, 1e7])
      .translateExtent([
        [0, 0],
        [plotW, height],
      ])
      .extent([
        [0, 0],
        [plotW, height],
      ])
      // The wheel zooms only with Ctrl (or ⌘; a trackpad's pinch comes as Ctrl and the wheel): plain, it
      // scrolls the lanes and then the page, as over anything else, rather than being taken for a zoom.
      .filter((event: Event) => (event instanceof WheelEvent ? event.ctrlKey || event.metaKey : !(event instanceof MouseEvent && event.button !== 0)))
      // d3 zooms ten times faster with Ctrl, taking it for a pinch (small steps); a mouse's notch (100 px) with Ctrl is not one.
      .wheelDelta(
        (event: WheelEvent) =>
          -event.deltaY * (event.deltaMode === 1 ? 0.05 : event.deltaMode ? 1 : 0.002) * (event.ctrlKey && Math.abs(event.deltaY) < 50 ? 10 : 1),
      )
      .on('zoom', (event: { transform: ZoomTransform }) => setTransform(event.transform));
    select(el).call(behaviour);
    // A sideways wheel (a trackpad's swipe, Shift and the wheel) pans through time.
    const pan = (event: WheelEvent) => {
      // A zoom is the timeline's, even at its limit, where d3 lets the event go: never the page's own zoom.
      if (event.ctrlKey || event.metaKey) event.preventDefault();
      if (event.ctrlKey || event.metaKey || Math.abs(event.deltaX) <= Math.abs(event.deltaY)) return;
      event.preventDefault();
      const k = zoomTransform(el).k;
      behaviour.translateBy(select(el), -event.deltaX / k, 0);
    };
    el.addEventListener('wheel', pan, { passive: false });
    return () => {
      select(el).on('.zoom', null);
      el.removeEventListener('wheel', pan);
    };
  }, [plotW, height]);

  // Time shown: the zoom transform applied to [0, endNs] across the plot's width.
  const t0 = (-transform.x / transform.k / plotW) * model.endNs;
  const t1 = t0 + model.endNs / transform.k;

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const ratio = window.devicePixelRatio || 1;
    // Resized only when its size changes: setting a canvas's size clears and reallocates it.
    if (el.width !== Math.round(plotW * ratio)) el.width = Math.round(plotW * ratio);
    if (el.height !== Math.round(height * ratio)) el.height = Math.round(height * ratio);
    const ctx = el.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawTimeline(ctx, model, {
      tops: tops.map((top) => top - scrollTop),
      laneHeight: LANE_H,
      t0,
      t1,
      width: plotW,
      height,
      colors: CATEGORIES.map(cssColor),
      focusLane: focusIndex,
      focusColor: cssColor('focus'),
    });
  }, [model, tops, t0, t1, plotW, height, focusIndex, scrollTop]);

  // A lane focused from another view (the deadlock graph) is scrolled into the window.
  useEffect(() => {
    const el = scroller.current;
    if (!el || focusIndex < 0) return;
    const to = scrollToShow(tops[focusIndex]!, LANE_H, el.scrollTop, height);
    if (to !== null) el.scrollTop = to;
    // `focus` too: choosing the same process again, after scrolling away, scrolls back to it.
  }, [focus, focusIndex, tops, height]);

  // Only the labels in and near the window are in the page.
  const { first, last } = lanesBetween(tops, LANE_H, scrollTop - LABEL_MARGIN * LANE_H, scrollTop + height + LABEL_MARGIN * LANE_H);
  const labelled = Array.from({ length: Math.max(0, last - first + 1) }, (_, j) => first + j);

  const onMove = (event: React.MouseEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const px = event.clientX - rect.left;
    const py = event.clientY - rect.top + scrollTop;
    const k = laneAt(tops, LANE_H, py);
    if (k < 0) return setTip(null);
    const lane = model.lanes[k]!;
    const t = t0 + (px / plotW) * (t1 - t0);
    const s = spanAt(lane, t);
    if (s < 0) return setTip(null);
    const trace = lane.group === 'measured' ? model.traces.measured! : model.traces.simulated!;
    // Placed in the window, not the card, beside the pointer on the side with room: the card's
    // edges would cut it off near the plot's right end or below a short list of lanes.
    const { clientX: x, clientY: y } = event;
    const style: CSSProperties = {
      position: 'fixed',
      ...(x > window.innerWidth * 0.6 ? { right: window.innerWidth - x + 12 } : { left: x + 12 }),
      ...(y > window.innerHeight - 140 ? { bottom: window.innerHeight - y + 12 } : { top: y + 12 }),
    };
    setTip({ style, text: spanTooltip(trace, lane, s, (ns) => formatTime(ns)) });
  };

  return (
    <section className="card" data-testid="timeline" aria-label="Timeline">
      <div className="card-head">
        <h2>Timeline</h2>
        <span className="muted">
          {workersText(result.timeline.workers)} · {model.lanes.length.toLocaleString('en-US')} lanes · {model.spans.toLocaleString('en-US')} spans
          {model.dropped > 0 ? ` (the trace stops at its cap: ${model.dropped.toLocaleString('en-US')} records past it were not kept)` : ''} ·{' '}
          {formatTime(t0, (t1 - t0) / 10)} – {formatTime(t1, (t1 - t0) / 10)} · Ctrl+scroll to zoom, drag to pan
          {totalH > height ? ', scroll for more lanes' : ''}
        </span>
        <button
          className="ghost small"
          onClick={() => canvas.current && zoomBehaviour.current && select(canvas.current).call(zoomBehaviour.current.transform, zoomIdentity)}
        >
          Reset zoom
        </button>
      </div>
      <div className="timeline-body">
        <div
          className="lane-scroll"
          ref={scroller}
          style={{ height }}
          onScroll={(e) => {
            setScrollTop(e.currentTarget.scrollTop);
            setTip(null);
          }}
          data-testid="timeline-lanes"
        >
          <div className="lane-rows" style={{ height: totalH }}>
            <div className="lane-labels">
              {labelled.map((k) => {
                const lane = model.lanes[k]!;
                const top = tops[k]!;
                return (
                  <div key={lane.key}>
                    {(k === 0 || lane.group !== model.lanes[k - 1]!.group) && (
                      <div className="group-label" style={{ top: top - GROUP_GAP + 4 }}>
                        {lane.group}
                      </div>
                    )}
                    <div className={`lane-label${k === focusIndex ? ' focused' : ''}`} style={{ top }} title={lane.label} data-lane={lane.label}>
                      {lane.label}
                    </div>
                  </div>
                );
              })}
            </div>
            <div className="lane-plot">
              <canvas ref={canvas} style={{ width: plotW, height }} onMouseMove={onMove} onMouseLeave={() => setTip(null)} data-testid="timeline-canvas" />
            </div>
          </div>
        </div>
        <div className="time-axis" style={{ width: plotW }}>
          {axisTicks(t0, t1, plotW).map(({ t, step }) => (
            <span key={t} style={{ left: ((t - t0) / (t1 - t0)) * plotW }}>
              {formatTime(t, step)}
            </span>
          ))}
        </div>
        {tip && (
          <div className="tooltip" style={tip.style} data-testid="timeline-tooltip">
            {tip.text.map((line, k) => (
              <div key={k}>{line}</div>
            ))}
          </div>
        )}
      </div>
      <div className="legend-row">
        {CATEGORIES.map((c) => (
          <span key={c} className="key-swatch">
            <i style={{ background: `var(--state-${c})` }} /> {CATEGORY_LABEL[c]}
          </span>
        ))}
      </div>
    </section>
  );
}
