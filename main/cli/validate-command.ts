import {
  amdahlSpeedup,
  describeProgram,
  formatProfileError,
  LIMITS,
  notUtf8Words,
  parseProfile,
  type Program,
  type ProfileError,
  type ProgramSummary,
  sweepText,
} from '../../simulator/index.js';
import { readSmallTextFile } from '../read-text-file.js';
import { UsageError } from './usage.js';

/** One profile's outcome, as `validate --json` prints it. */
export type ValidateOutcome =
  | { readonly file: string; readonly valid: true; readonly summary: ProgramSummary }
  | { readonly file: string; readonly valid: false; readonly errors: readonly ProfileError[] };

type Invalid = Extract<ValidateOutcome, { valid: false }>;

/**
 * Reads and compiles a profile file: its program, or the outcome that says
 * why not. `alsoWorkers` and `countsAlsoAt`: worker counts the run will use
 * besides the profile's sweep (see parseProfile).
 */
export function loadProfileFile(
  file: string,
  alsoWorkers: readonly number[] = [],
  countsAlsoAt: readonly number[] = [],
): { readonly ok: true; readonly program: Program } | { readonly ok: false; readonly outcome: Invalid } {
  const text = readSmallTextFile(file, LIMITS.sourceBytes);
  if (typeof text !== 'string') {
    // Bytes that are not UTF-8 are an error in the profile, placed as any other; else the file could not be read at all.
    const bad = text.notUtf8;
    const error = bad
      ? { file, line: bad.line, column: bad.column, message: notUtf8Words(bad) }
      : { file, line: 1, column: 1, message: `cannot read the profile: ${text.why}` };
    return { ok: false, outcome: { file, valid: false, errors: [error] } };
  }
  const parsed = parseProfile(text, file, alsoWorkers, countsAlsoAt);
  return parsed.ok ? { ok: true, program: parsed.program } : { ok: false, outcome: { file, valid: false, errors: parsed.errors } };
}

export function validateFile(file: string): ValidateOutcome {
  const loaded = loadProfileFile(file);
  return loaded.ok ? { file, valid: true, summary: describeProgram(loaded.program) } : loaded.outcome;
}

export function validateCommand(files: readonly string[], json: boolean, out: (s: string) => void): number {
  if (files.length === 0) throw new UsageError('validate needs at least one profile file: interleave validate PROFILE...');
  const outcomes = files.map(validateFile);
  if (json) out(JSON.stringify({ mode: 'validate', profiles: outcomes }, null, 2));
  else out(outcomes.map(formatOutcome).join('\n\n'));
  return outcomes.every((o) => o.valid) ? 0 : 2;
}

function ms(ns: number): string {
  return ns >= 1e9 ? `${+(ns / 1e9).toFixed(3)} s` : ns >= 1e6 ? `${+(ns / 1e6).toFixed(3)} ms` : ns >= 1e3 ? `${+(ns / 1e3).toFixed(3)} µs` : `${ns} ns`;
}

/** Items in a summary's line at most: a profile of a hundred templates reads as a few and a count. */
const LIST_ITEMS = 8;

/** The items, comma-separated; past LIST_ITEMS, the first few and how many more (--json lists every one). */
function atMost(items: readonly string[]): string {
  if (items.length <= LIST_ITEMS) return items.join(', ');
  return `${items.slice(0, LIST_ITEMS - 2).join(', ')} and ${items.length - (LIST_ITEMS - 2)} more`;
}

export function formatOutcome(o: ValidateOutcome): string {
  if (!o.valid) return [`${o.file}: ${o.errors.length} error${o.errors.length === 1 ? '' : 's'}`, ...o.errors.map(formatProfileError)].join('\n');
  const s = o.summary;
  const lines = [`${o.file}: valid`, `  ${s.name}`];
  const byStart = (start: string) => s.processes.filter((p) => p.starts === start);
  const list = (ps: typeof s.processes) => atMost(ps.map((p) => `${p.name} ×${p.count} (${p.steps} step${p.steps === 1 ? '' : 's'})`));
  if (byStart('main').length) lines.push(`  main:        ${list(byStart('main'))}`);
  if (byStart('at start').length) lines.push(`  at start:    ${list(byStart('at start'))}`);
  if (byStart('when spawned').length) lines.push(`  spawned:     ${list(byStart('when spawned'))}`);
  lines.push(`  resources:   ${s.resources.length ? atMost(s.resources.map((r) => `${r.name} (${r.kind}${r.detail ? `, ${r.detail}` : ''})`)) : 'none'}`);
  lines.push(`  steps:       ${s.steps}`);
  lines.push(`  sweep:       ${sweepText(s.sweep)}; seed ${s.seed}${s.runForNs !== null ? `; runs for ${ms(s.runForNs)}` : ''}`);
  if (s.work.known) {
    const f = s.work.serialFraction;
    const amdahl = s.sweep.map((n) => `${amdahlSpeedup(f, n).toFixed(2)}× at ${n}`).join(', ');
    lines.push(`  serial:      ${(f * 100).toFixed(1)}% of ${ms(s.work.serialNs + s.work.parallelNs)} of work (${ms(s.work.serialNs)} serial)`);
    lines.push(`  Amdahl:      ${amdahl}`);
  } else {
    lines.push(`  serial:      not computable from the profile alone: ${s.work.reason}`);
  }
  return lines.join('\n');
}
