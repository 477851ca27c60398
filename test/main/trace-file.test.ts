import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTraceFile } from '../../main/cli/trace-file.js';
import type { Trace } from '../../simulator/index.js';

const trace = (spans: number): Trace =>
  ({
    version: 1,
    clock: 'simulated',
    processes: [],
    resources: [],
    spans: Array.from({ length: spans }, () => [0, 0, 0, 1, -1]),
    ops: [],
    cap: 10,
    dropped: 0,
  }) as unknown as Trace;

describe('the --trace file', () => {
  it('holds each run’s worker count and trace', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'interleave-trace-')), 't.json');
    expect(writeTraceFile(path, 'p', [{ workers: 1 }, { workers: 2 }], [trace(1), trace(2)], () => {})).toBe(true);
    const written = JSON.parse(readFileSync(path, 'utf8')) as { profile: string; runs: { workers: number; trace: Trace }[] };
    expect(written.profile).toBe('p');
    expect(written.runs.map((r) => [r.workers, r.trace.spans.length])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('is said not written, not a crash, where it cannot be: a folder gone, or more than one JSON document can hold', () => {
    const said: string[] = [];
    const gone = join(tmpdir(), 'interleave-no-such-folder', 't.json');
    expect(writeTraceFile(gone, 'p', [{ workers: 1 }], [trace(1)], (s) => said.push(s))).toBe(false);
    expect(said[0]).toMatch(/^interleave: the trace was not written to .*t\.json: ENOENT/);
    // JSON.stringify throws a RangeError past the longest string (a sweep of 24 runs of a million records each did).
    const huge = {
      ...trace(3),
      toJSON: () => {
        throw new RangeError('Invalid string length');
      },
    } as unknown as Trace;
    expect(writeTraceFile(join(tmpdir(), 'never.json'), 'p', [{ workers: 1 }], [huge], (s) => said.push(s))).toBe(false);
    expect(said[1]).toBe(
      'interleave: the trace was not written to ' +
        join(tmpdir(), 'never.json') +
        ': its 3 records are more than one JSON document can hold; ask for fewer worker counts',
    );
  });
});
