import { DEFAULT_MAX_EVENTS } from '../../../simulator/index';
/** A simulated run's figures and ending, in words for the speedup chart and its table. */

/** Milliseconds to three significant digits; from ten seconds on, seconds with their thousands grouped (not 199999998 ms). */
export const ms = (x: number): string =>
  x >= 10_000
    ? `${(x / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s`
    : `${x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)} ms`;

/** How a run ended, as the speedup chart needs it. */
export interface RunEnd {
  readonly outcome: string;
  readonly events: number;
}

/**
 * Why no run has a speedup, from how the runs ended (it said "see the
 * findings" where there were none). A run stopped at the event budget has
 * passed it; one stopped well before, where time stood still.
 */
export function whyNoSpeedup(runs: readonly RunEnd[]): string {
  const ended = (outcome: string) => runs.some((r) => r.outcome === outcome);
  if (ended('time_limit')) return 'these runs stop at the profile’s run_for, so their length is the time limit, not the work';
  if (ended('stuck')) return 'a run did not finish: some of its processes could never go on (see the findings)';
  if (ended('event_limit'))
    return runs.some((r) => r.outcome === 'event_limit' && r.events > DEFAULT_MAX_EVENTS)
      ? `the runs stopped at the event budget (${DEFAULT_MAX_EVENTS.toLocaleString('en-US')} events): the program does not end, or is too long to simulate whole (a loop forever with no run_for, say)`
      : 'the runs stopped where time stood still: a loop of steps that take no time went on at one instant';
  if (ended('process_limit')) return 'the runs started more processes than one run may hold';
  return 'no run completed';
}
