import { workersText } from '../profile/worker-words.js';

/**
 * What a run found. A finding is data in the result, never an exception; each
 * names the processes and resources involved, and the profile line where it
 * applies.
 */

/** One link of a wait-for cycle: a process, what it holds, what it waits for. */
export interface CycleLink {
  readonly process: string;
  readonly holds: readonly string[];
  readonly waits_for: string;
  readonly line: number | null;
}

export interface BlockedProcess {
  readonly process: string;
  /** The resource (or `join:<template>`, `pool`) it waits on. */
  readonly waits_for: string;
  /** The kind of wait: lock, semaphore, event, barrier, condition, queue get or put, join, pool. */
  readonly on: string;
  readonly holds: readonly string[];
  readonly line: number | null;
}

export interface LockOrder {
  readonly process: string;
  /** Held while taking `then`. */
  readonly first: string;
  readonly then: string;
  readonly line: number | null;
}

export type Finding =
  /** A wait-for cycle: each process holds something the next one waits for. */
  | { readonly kind: 'deadlock'; readonly workers: number; readonly at_ms: number; readonly cycle: readonly CycleLink[] }
  /**
   * Processes blocked for good that no cycle explains (a barrier that never fills, a get no one will put to):
   * every live process, where the run got stuck; where it was stopped (run_for, the event budget, the
   * process limit) while others went on, those that nothing can ever free.
   */
  | { readonly kind: 'hang'; readonly workers: number; readonly at_ms: number; readonly blocked: readonly BlockedProcess[] }
  /** Locks taken in opposite orders by different processes: a deadlock under another timing. */
  | { readonly kind: 'lock_order_inversion'; readonly workers: number; readonly locks: readonly string[]; readonly orders: readonly LockOrder[] }
  /** A shared value that ends other than `expect` says. */
  | {
      readonly kind: 'lost_update';
      readonly workers: number;
      readonly resource: string;
      readonly expected: number | readonly number[];
      readonly actual: number | readonly number[];
      readonly line: number;
    }
  /** A process of a real run that threw or died; the others were stopped. */
  | { readonly kind: 'crash'; readonly workers: number; readonly process: string; readonly message: string; readonly at_ms: number }
  /** A real run still going at its --timeout; it was stopped there. */
  | { readonly kind: 'timeout'; readonly workers: number; readonly at_ms: number; readonly blocked: readonly BlockedProcess[] }
  /** A primitive used against its rules; the process stops there, as Python's would raise. */
  | {
      readonly kind: 'misuse';
      readonly workers: number;
      readonly process: string;
      readonly resource: string;
      readonly what: string;
      readonly at_ms: number;
      readonly line: number | null;
    };

export type FindingKind = Finding['kind'];

/** Milliseconds as a person reads them: at most three decimals. */
const ms = (x: number) => `${+x.toFixed(3)} ms`;

/** A finding in one sentence of plain words. */
export function describeFinding(f: Finding): string {
  switch (f.kind) {
    case 'deadlock':
      return `deadlock at ${ms(f.at_ms)} with ${workersText(f.workers)}: ${f.cycle.map((c) => `${c.process} holds ${c.holds.join(', ') || 'nothing'} and waits for ${c.waits_for}`).join('; ')}`;
    case 'hang':
      return `hang at ${ms(f.at_ms)} with ${workersText(f.workers)}: ${blockedInWords(f.blocked)}`;
    case 'lock_order_inversion':
      return `lock-order inversion on ${f.locks.join(', ')} with ${workersText(f.workers)}: ${f.orders.map((o) => `${o.process} takes ${o.then} while holding ${o.first}${o.line ? ` (line ${o.line})` : ''}`).join('; ')}`;
    case 'lost_update':
      return `lost updates with ${workersText(f.workers)}: ${f.resource} ends at ${JSON.stringify(f.actual)}, expected ${JSON.stringify(f.expected)}`;
    case 'misuse':
      return `misuse with ${workersText(f.workers)}: ${f.process} ${f.what}${f.line ? ` (line ${f.line})` : ''}`;
    case 'crash':
      return `crash at ${ms(f.at_ms)} with ${workersText(f.workers)}: ${f.process} died: ${f.message}`;
    case 'timeout':
      return `still running at the ${ms(f.at_ms)} timeout with ${workersText(f.workers)}${f.blocked.length ? `: ${blockedInWords(f.blocked)}` : ''}`;
  }
}

/**
 * Findings in sentences, one each, but for one-process deadlocks alike (the
 * same template, worker count, holdings and wait): those are said once. A
 * stuck semaphore held by 2,000 processes, each waiting for another unit,
 * printed 2,000 lines; the result document keeps every one.
 */
export function describeFindings(findings: readonly Finding[]): string[] {
  return alikeGroups(findings).map(describeGroup);
}

/** The findings in order, one-process deadlocks alike (four or more in a row) in one group, every other alone. */
export function alikeGroups(findings: readonly Finding[]): Finding[][] {
  const groups: Finding[][] = [];
  for (let k = 0; k < findings.length;) {
    const key = alikeKey(findings[k]!);
    let end = k + 1;
    while (key !== null && end < findings.length && alikeKey(findings[end]!) === key) end++;
    if (end - k < 4) for (let j = k; j < end; j++) groups.push([findings[j]!]);
    else groups.push(findings.slice(k, end));
    k = end;
  }
  return groups;
}

/** A group of alikeGroups in one sentence. */
export function describeGroup(group: readonly Finding[]): string {
  const f = group[0]!;
  if (group.length === 1 || f.kind !== 'deadlock') return describeFinding(f);
  const who = group.map((d) => (d.kind === 'deadlock' ? d.cycle[0]!.process : ''));
  const link = f.cycle[0]!;
  return `deadlock at ${ms(f.at_ms)} with ${workersText(f.workers)}: ${who.length.toLocaleString('en-US')} ${link.process.replace(/\[\d+\]$/, '')} processes (${who[0]}, ${who[1]}, …, ${who[who.length - 1]}) each hold ${link.holds.join(', ') || 'nothing'} and wait for ${link.waits_for}`;
}

/** What makes one-process deadlocks alike; null for any other finding. */
function alikeKey(f: Finding): string | null {
  if (f.kind !== 'deadlock' || f.cycle.length !== 1) return null;
  const link = f.cycle[0]!;
  return JSON.stringify([f.workers, link.process.replace(/\[\d+\]$/, ''), link.holds, link.waits_for]);
}

/**
 * Who waits on what, in words. Instances of one template waiting on the same
 * thing are said once: a thousand workers stuck at one event read as one
 * clause, not a thousand (the result document keeps every one).
 */
function blockedInWords(blocked: readonly BlockedProcess[]): string {
  const groups = new Map<string, { template: string; wait: string; processes: string[] }>();
  for (const b of blocked) {
    const template = b.process.replace(/\[\d+\]$/, '');
    const wait = `${b.on} ${b.waits_for}`;
    const key = `${template}\u0000${wait}`;
    const group = groups.get(key);
    if (group) group.processes.push(b.process);
    else groups.set(key, { template, wait, processes: [b.process] });
  }
  return [...groups.values()]
    .map(({ template, wait, processes: p }) => {
      if (p.length === 1) return `${p[0]} waits on ${wait}`;
      // Past three, the first two and the last: a list with a gap, not a range (the instances need not be in a row).
      const who =
        p.length <= 3
          ? `${p.slice(0, -1).join(', ')} and ${p[p.length - 1]}`
          : `${p.length.toLocaleString('en-US')} ${template} processes (${p[0]}, ${p[1]}, …, ${p[p.length - 1]})`;
      return `${who} wait on ${wait}`;
    })
    .join('; ');
}
