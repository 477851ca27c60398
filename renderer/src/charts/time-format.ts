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
