/**
 * Makes every string in a value received from another thread an internalized
 * one, in place, and returns the value.
 *
 * Why: a structured clone makes each string anew, and V8 compares a fresh
 * string with a literal (`d.kind === 'fixed'`, `s.kind === 'rlock'`) by
 * calling a builtin that reads both, where two internalized strings compare
 * as pointers. The simulator makes such comparisons on the kinds in the
 * program at every step; the baseline thread made several calls an event.
 *
 * A property key is always internalized, so a string is made one by using
 * it as a key. Arrays and plain objects are walked; a value reached twice
 * (the clone keeps shared references) is walked once. (Pure, but here beside
 * the thread it serves: it undoes what carrying a value between threads does.)
 */
export function internStrings<T>(value: T): T {
  const seen = new Set<object>();
  const table = new Map<string, string>();
  const intern = (s: string): string => {
    let done = table.get(s);
    if (done === undefined) {
      // An index-like key ("12") is an element, not a name, and would come back a new string: kept as it is.
      done = /^(0|[1-9]\d*)$/.test(s) ? s : Object.keys({ [s]: true })[0]!;
      table.set(s, done);
    }
    return done;
  };
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (typeof item === 'string') v[i] = intern(item);
        else walk(item);
      }
      return;
    }
    if (Object.getPrototypeOf(v) !== Object.prototype) return;
    const record = v as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (typeof item === 'string') record[key] = intern(item);
      else walk(item);
    }
  };
  walk(value);
  return value;
}
