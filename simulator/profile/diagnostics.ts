/** One problem found in a profile, at the place it was found. */
export interface ProfileError {
  readonly file: string;
  /** Counted from 1. */
  readonly line: number;
  /** Counted from 1. */
  readonly column: number;
  /** What was found and what was expected, in plain words. */
  readonly message: string;
}

/** `file:line:column: message`, the form editors and terminals link to. */
export function formatProfileError(e: ProfileError): string {
  return `${e.file}:${e.line}:${e.column}: ${e.message}`;
}

/** Orders errors by place, so they read top to bottom. */
export function byPosition(a: ProfileError, b: ProfileError): number {
  return a.line - b.line || a.column - b.column;
}

/** Edit distance counting a swap of neighbours as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** ` (did you mean "x"?)` for a near miss among `known`, or nothing. */
export function didYouMean(found: string, known: readonly string[]): string {
  if (found.length > 64) return '';
  let best = '';
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(found.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  const close = bestDistance < found.length && bestDistance <= Math.max(1, Math.floor(best.length / 3));
  return close ? ` (did you mean "${best}"?)` : '';
}

/** `a, b or c`, for lists of what was expected. */
export function oneOf(options: readonly string[]): string {
  if (options.length <= 1) return options.join('');
  return `${options.slice(0, -1).join(', ')} or ${options[options.length - 1]}`;
}

/** A found value shown in a message: short, quoted, never a whole document. */
export function show(value: unknown): string {
  const text =
    typeof value === 'number' && !Number.isFinite(value) ? String(value) : typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value));
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
