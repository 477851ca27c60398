import { writeFileAtomic } from '../atomic-write.js';
import type { Trace } from '../../simulator/index.js';

/**
 * Writes the `--trace` file of a sweep: each run's worker count and trace.
 * False, with the reason told to `err`, where it cannot be written (a disk
 * full, a trace past the longest string JavaScript can make): the caller has
 * printed its result first, so that nothing measured is lost with the file.
 */
export function writeTraceFile(
  path: string,
  profile: string,
  runs: readonly { readonly workers: number }[],
  traces: readonly Trace[],
  err: (s: string) => void,
): boolean {
  let text: string;
  try {
    text = JSON.stringify({ profile, runs: runs.map((r, k) => ({ workers: r.workers, trace: traces[k] })) });
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const records = traces.reduce((n, t) => n + t.spans.length + t.ops.length, 0);
    err(
      `interleave: the trace was not written to ${path}: its ${records.toLocaleString('en-US')} records are more than one JSON document can hold; ask for fewer worker counts`,
    );
    return false;
  }
  try {
    writeFileAtomic(path, text);
    return true;
  } catch (e) {
    err(`interleave: the trace was not written to ${path}: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}
