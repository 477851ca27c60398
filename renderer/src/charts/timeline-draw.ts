import { eachLaneRect, type TimelineModel } from './timeline-model';

/** Everything a frame of the timeline needs besides the model. */
export interface TimelineFrame {
  readonly tops: readonly number[];
  readonly laneHeight: number;
  readonly t0: number;
  readonly t1: number;
  readonly width: number;
  readonly height: number;
  /** Fill colour per category index. */
  readonly colors: readonly string[];
  /** The lane to highlight, or -1. */
  readonly focusLane: number;
  readonly focusColor: string;
}

/**
 * Draws one frame of the timeline's lanes on a 2D canvas (merging sub-pixel
 * spans per pixel). Rectangles are batched into one path per category, so a
 * frame sets each colour once however many rectangles it draws. Lanes whose
 * top is outside the canvas (scrolled out of the window) are skipped: a
 * frame costs the lanes in view, not all of them.
 */
export function drawTimeline(ctx: CanvasRenderingContext2D, model: TimelineModel, frame: TimelineFrame): void {
  ctx.clearRect(0, 0, frame.width, frame.height);
  const batches = frame.colors.map(() => new Path2D());
  model.lanes.forEach((lane, k) => {
    const y = frame.tops[k]!;
    if (y + frame.laneHeight <= 0 || y >= frame.height) return;
    if (k === frame.focusLane) {
      ctx.fillStyle = frame.focusColor;
      ctx.fillRect(0, y - 2, frame.width, frame.laneHeight);
    }
    eachLaneRect(lane, frame.t0, frame.t1, frame.width, model.endNs, (x, w, category) => batches[category]!.rect(x, y, Math.max(w, 1), frame.laneHeight - 4));
  });
  batches.forEach((path, category) => {
    ctx.fillStyle = frame.colors[category]!;
    ctx.fill(path);
  });
}
