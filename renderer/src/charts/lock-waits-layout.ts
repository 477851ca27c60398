import type { LockSummary, Trace } from '../../../simulator/index';

/** One lock's story: counts, the distribution of its waits and holds, and who waited on whom. */
export interface LockView {
  readonly name: string;
  readonly summary: LockSummary;
  /** Histogram over log-spaced bins of wait and hold durations (ns). */
  readonly bins: readonly { readonly fromNs: number; readonly toNs: number; readonly waits: number; readonly holds: number }[];
  /** Waiter and the process whose release let it in, with how often. */
  readonly waitedOn: readonly { readonly waiter: string; readonly holder: string; readonly times: number }[];
}

const BIN_EDGES = [0, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, Infinity];

/** Locks shown in full at most; past them, the rest are rows of a table. */
export const DETAILED_LOCKS = 6;

/**
 * The locks to show in full, and the rest: up to DETAILED_LOCKS, all in the
 * profile's order; past that, the most waited on in full, most first, and
 * the rest by the same order (ties by name).
 */
export function splitLocks(views: readonly LockView[]): { readonly detailed: readonly LockView[]; readonly rest: readonly LockView[] } {
  if (views.length <= DETAILED_LOCKS) return { detailed: views, rest: [] };
  const byWait = [...views].sort((a, b) => b.summary.wait_ms - a.summary.wait_ms || a.name.localeCompare(b.name));
  return { detailed: byWait.slice(0, DETAILED_LOCKS), rest: byWait.slice(DETAILED_LOCKS) };
}

/**
 * From a run's lock summaries and its trace: per lock, how long waits and
 * holds took (binned from 1 µs to 1 s), and which process handed the lock to
 * which (the trace's wake-ups name who woke whom).
 */
export function lockViews(locks: Readonly<Record<string, LockSummary>>, trace: Trace | null): LockView[] {
  const perResource = trace ? durationsByResource(trace) : new Map<number, ResourceDurations>();
  return Object.entries(locks).map(([name, summary]) => {
    const r = trace ? trace.resources.findIndex((x) => x.name === name) : -1;
    const { waits, holds, pairs } = perResource.get(r) ?? { waits: [], holds: [], pairs: new Map<string, number>() };
    const bins = BIN_EDGES.slice(0, -1).map((from, k) => {
      const to = BIN_EDGES[k + 1]!;
      return { fromNs: from, toNs: to, waits: waits.filter((d) => d >= from && d < to).length, holds: holds.filter((d) => d >= from && d < to).length };
    });
    const waitedOn = [...pairs]
      .map(([key, times]) => {
        const [waiter, holder] = key.split('\u0000') as [string, string];
        return { waiter, holder, times };
      })
      .sort((a, b) => b.times - a.times || a.waiter.localeCompare(b.waiter));
    return { name, summary, bins, waitedOn };
  });
}

interface ResourceDurations {
  readonly waits: number[];
  readonly holds: number[];
  /** `waiter\0holder` to how often. */
  readonly pairs: Map<string, number>;
}

/**
 * Every resource's waits, holds and hand-offs, in one pass over the trace (a
 * pass per lock was a hundred passes over a million records for a profile of
 * a hundred locks).
 */
function durationsByResource(trace: Trace): Map<number, ResourceDurations> {
  const out = new Map<number, ResourceDurations>();
  const of = (r: number) => {
    let d = out.get(r);
    if (!d) out.set(r, (d = { waits: [], holds: [], pairs: new Map() }));
    return d;
  };
  for (const [, state, s, e, r] of trace.spans) if (state === 2 && r >= 0) of(r).waits.push(e - s);
  // When each process took each resource it holds: `process,resource` to the time.
  const since = new Map<string, number>();
  for (const [t, p, op, r, other] of trace.ops) {
    if (r < 0) continue;
    if (op === 'acquire') since.set(`${p},${r}`, t);
    else if (op === 'release') {
      const key = `${p},${r}`;
      const from = since.get(key);
      if (from === undefined) continue;
      of(r).holds.push(t - from);
      since.delete(key);
    } else if (op === 'wake' && other >= 0) {
      const pairs = of(r).pairs;
      const key = `${trace.processes[p]?.name ?? p}\u0000${trace.processes[other]?.name ?? other}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
  }
  return out;
}
