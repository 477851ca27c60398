/** "1 worker", "4 workers". */
export function workersText(n: number): string {
  return `${n} worker${n === 1 ? '' : 's'}`;
}

/** A sweep in words: "1 worker", "1, 2, 4 workers"; "no workers" for none. */
export function sweepText(counts: readonly number[]): string {
  if (counts.length === 0) return 'no workers';
  return counts.length === 1 ? workersText(counts[0]!) : `${counts.join(', ')} workers`;
}
