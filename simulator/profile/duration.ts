import { show } from './diagnostics.js';
import type { Duration } from './ir.js';
import { LIMITS } from './limits.js';
import type { LNode } from './located-tree.js';
import type { Reporter } from './reporter.js';

const UNIT_NS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1_000,
  µs: 1_000,
  ms: 1_000_000,
  s: 1_000_000_000,
  min: 60_000_000_000,
  h: 3_600_000_000_000,
};

export const DURATION_UNITS = Object.keys(UNIT_NS);
export const DISTRIBUTIONS = ['uniform', 'exponential', 'normal'] as const;

// µ written as an escape: esbuild escapes the strings of the command's bundle, not its regular expressions, and this one
// character made the whole bundle a two-byte string to V8 (decoded byte by byte at every start, twice the memory).
const LITERAL = /^\s*(-?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?\s*([a-z\u00b5]*)\s*$/;

/** Parses `1.5ms` and friends to whole nanoseconds; null after reporting why not. */
export function readFixedNs(node: LNode, report: Reporter): number | null {
  if (node.kind !== 'scalar' || (typeof node.value !== 'string' && typeof node.value !== 'number')) {
    report.error(node.at, `expected a duration with a unit, like 5ms, found ${describe(node)}`);
    return null;
  }
  if (typeof node.value === 'number') {
    report.error(
      node.at,
      Number.isFinite(node.value)
        ? `expected a duration with a unit (${DURATION_UNITS.join(', ')}), found the bare number ${node.value}; write ${node.value}ms, say`
        : `expected a duration with a unit, like 5ms, found ${node.value} (not a finite number)`,
    );
    return null;
  }
  const match = LITERAL.exec(node.value);
  if (!match) {
    report.error(node.at, `expected a duration like 250ns, 40us, 1.5ms or 2s, found ${show(node.value)}`);
    return null;
  }
  const [, sign, digits, exponent, unit] = match;
  if (!unit) {
    report.error(node.at, `the duration ${show(node.value)} has no unit; expected one of ${DURATION_UNITS.join(', ')}`);
    return null;
  }
  const scale = Object.hasOwn(UNIT_NS, unit) ? UNIT_NS[unit] : undefined;
  if (scale === undefined) {
    report.error(node.at, `unknown duration unit ${show(unit)}; expected one of ${DURATION_UNITS.join(', ')}`);
    return null;
  }
  if (sign === '-') {
    report.error(node.at, `a duration cannot be negative, found ${show(node.value)}`);
    return null;
  }
  const ns = Math.round(Number(`${digits}e${exponent ?? '0'}`) * scale);
  if (!Number.isFinite(ns) || ns > LIMITS.durationNs) {
    report.error(node.at, `the duration ${show(node.value)} is longer than the limit of one day (24h)`);
    return null;
  }
  return ns;
}

/** A duration: a literal or a distribution map. */
export function readDuration(node: LNode, report: Reporter): Duration | null {
  if (node.kind !== 'map') {
    const ns = readFixedNs(node, report);
    return ns === null ? null : { kind: 'fixed', ns };
  }
  const [entry, extra] = node.entries;
  if (!entry || extra) {
    report.error(node.at, `a distribution is a map with one key (${DISTRIBUTIONS.join(', ')}), found ${node.entries.length} keys`);
    return null;
  }
  const { value } = entry;
  switch (entry.key) {
    case 'uniform': {
      const pair = readPair(value, 'uniform: [low, high]', report);
      if (!pair) return null;
      const [lo, hi] = pair;
      if (lo > hi) {
        report.error(value.at, `uniform needs low <= high, found [${lo / 1e6}ms, ${hi / 1e6}ms]`);
        return null;
      }
      return { kind: 'uniform', lo, hi };
    }
    case 'exponential': {
      const mean = readFixedNs(value, report);
      return mean === null ? null : { kind: 'exponential', mean };
    }
    case 'normal': {
      const pair = readPair(value, 'normal: [mean, standard deviation]', report);
      return pair ? { kind: 'normal', mean: pair[0], sd: pair[1] } : null;
    }
    default:
      report.error(entry.keyAt, `unknown distribution ${show(entry.key)}; expected ${DISTRIBUTIONS.join(', ')}`);
      return null;
  }
}

function readPair(node: LNode, form: string, report: Reporter): [number, number] | null {
  if (node.kind !== 'seq' || node.items.length !== 2) {
    report.error(node.at, `expected ${form}, a list of two durations, found ${describe(node)}`);
    return null;
  }
  const a = readFixedNs(node.items[0]!, report);
  const b = readFixedNs(node.items[1]!, report);
  return a === null || b === null ? null : [a, b];
}

/** The expected value of a duration, in ns (normal cut at zero is approximated by its mean). */
export function meanNs(d: Duration): number {
  switch (d.kind) {
    case 'fixed':
      return d.ns;
    case 'uniform':
      return (d.lo + d.hi) / 2;
    case 'exponential':
      return d.mean;
    case 'normal':
      return Math.max(0, d.mean);
    default:
      return assertNever(d);
  }
}

export function assertNever(x: never): never {
  throw new Error(`unexpected variant: ${JSON.stringify(x)}`);
}

/** A short description of what a node is, for "found ..." in messages. */
export function describe(node: LNode): string {
  switch (node.kind) {
    case 'map':
      return 'a map';
    case 'seq':
      return 'a list';
    case 'scalar':
      return node.value === null ? 'nothing' : show(node.value);
    default:
      return assertNever(node);
  }
}

/** Parses a duration written on a command line (`5ms`); a message on failure. */
export function parseDurationText(text: string): number | string {
  const match = LITERAL.exec(text);
  const scale = match?.[4] && Object.hasOwn(UNIT_NS, match[4]) ? UNIT_NS[match[4]] : undefined;
  if (!match || match[1] === '-' || scale === undefined) return `expected a duration with a unit (${DURATION_UNITS.join(', ')}), like 5ms, found ${show(text)}`;
  const ns = Math.round(Number(`${match[2]}e${match[3] ?? '0'}`) * scale);
  return ns > LIMITS.durationNs ? `the duration ${show(text)} is longer than the limit of one day` : ns;
}
