/** A simulated run's figures and ending, in words for the speedup chart and its table. */

/** Milliseconds to three significant digits; from ten seconds on, seconds with their thousands grouped (not 199999998 ms). */
export const ms = (x: number): string =>
  x >= 10_000
    ? `${(x / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s`
    : `${x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)} ms`;

/** Why no run has a speedup, from how the runs ended (it said "see the findings" where there were none). */
export function whyNoSpeedup(outcomes: readonly string[]): string {
  if (outcomes.includes('time_limit')) return 'these runs stop at the profile’s run_for, so their length is the time limit, not the work';
  if (outcomes.includes('stuck')) return 'a run did not finish: some of its processes could never go on (see the findings)';
  if (outcomes.includes('event_limit'))
    return 'the runs stopped early, at the event budget or where time stood still (a loop of steps that take no time), so their figures cover them only so far';
  if (outcomes.includes('process_limit')) return 'the runs started more processes than one run may hold';
  return 'no run completed';
}
