import { scaleLinear } from 'd3';

/**
 * A time as a person reads it, in the largest unit it reaches, with as many
 * decimals as tell it apart from a time `stepNs` away (the step between an
 * axis's ticks, or a shown range's width): zoomed in far enough, three
 * decimals of milliseconds gave every tick the same label. Times are whole
 * nanoseconds, so no more decimals than reach one.
 */
export function formatTime(ns: number, stepNs = Infinity): string {
  const [unit, scale, least] = ns >= 1e9 ? ['s', 1e9, 3] : ns >= 1e6 ? ['ms', 1e6, 3] : ns >= 1e3 ? ['µs', 1e3, 2] : ['ns', 1, 0];
  const needed = stepNs > 0 && Number.isFinite(stepNs) ? Math.ceil(-Math.log10(stepNs / scale)) : 0;
  const decimals = Math.min(Math.round(Math.log10(scale)), Math.max(least, needed));
  return `${(ns / scale).toFixed(decimals)} ${unit}`;
}

/** The time axis's ticks, each with the step between ticks (its label's precision). */
export function axisTicks(t0: number, t1: number, plotW: number): { t: number; step: number }[] {
  let ticks = scaleLinear()
    .domain([t0, t1])
    .range([0, plotW])
    .ticks(Math.max(2, Math.floor(plotW / 110)));
  // Times are whole nanoseconds: zoomed in below one a tick, ticks at fractions of one read alike.
  if (ticks.length > 1 && ticks[1]! - ticks[0]! < 1) ticks = ticks.filter((t) => Number.isInteger(t));
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : Math.max(1, t1 - t0);
  // A tick too near the right end for its label to fit, centred on it, goes unlabelled.
  return ticks.filter((t) => ((t - t0) / (t1 - t0)) * plotW < plotW - 32).map((t) => ({ t, step }));
}
