import { describe, expect, it } from 'vitest';
import { describeFinding, describeFindings, type BlockedProcess, type Finding } from '../../../simulator/index.js';

const waiting = (process: string, on: string, waits_for: string): BlockedProcess => ({ process, on, waits_for, holds: [], line: null });

describe('a finding in words', () => {
  it('says a thousand instances stuck on one thing once, with the first two and the last', () => {
    const blocked = [...Array.from({ length: 1000 }, (_, k) => waiting(`waiter[${k}]`, 'event', 'go')), waiting('a', 'event', 'go')];
    expect(describeFinding({ kind: 'hang', workers: 4, at_ms: 250, blocked })).toBe(
      'hang at 250 ms with 4 workers: 1,000 waiter processes (waiter[0], waiter[1], …, waiter[999]) wait on event go; a waits on event go',
    );
  });

  it('names up to three instances, and keeps apart what differs', () => {
    const blocked = [waiting('w[0]', 'barrier', 'b'), waiting('w[1]', 'barrier', 'b'), waiting('w[2]', 'queue get', 'q'), waiting('w[3]', 'barrier', 'b')];
    expect(describeFinding({ kind: 'timeout', workers: 2, at_ms: 1000, blocked })).toBe(
      'still running at the 1000 ms timeout with 2 workers: w[0], w[1] and w[3] wait on barrier b; w[2] waits on queue get q',
    );
  });

  it('names each link of a deadlock', () => {
    const cycle = [
      { process: 'bar', holds: ['b'], waits_for: 'a', line: 20 },
      { process: 'foo', holds: ['a'], waits_for: 'b', line: 13 },
    ];
    expect(describeFinding({ kind: 'deadlock', workers: 2, at_ms: 1.5, cycle })).toBe(
      'deadlock at 1.5 ms with 2 workers: bar holds b and waits for a; foo holds a and waits for b',
    );
  });

  it('says one worker, not one workers', () => {
    expect(describeFinding({ kind: 'lost_update', workers: 1, resource: 'n', expected: 2, actual: 1, line: 3 })).toBe(
      'lost updates with 1 worker: n ends at 1, expected 2',
    );
  });

  it('one-process deadlocks alike are said once, in order with the others, where 2,000 printed 2,000 lines', () => {
    const alone = (process: string): Finding => ({ kind: 'deadlock', workers: 1, at_ms: 0, cycle: [{ process, holds: ['s'], waits_for: 's', line: 13 }] });
    const hang: Finding = { kind: 'hang', workers: 1, at_ms: 2, blocked: [{ process: 'q', waits_for: 'e', on: 'event', holds: [], line: 3 }] };
    const many = Array.from({ length: 2000 }, (_, k) => alone(`p[${k}]`));
    expect(describeFindings([...many, hang])).toEqual([
      'deadlock at 0 ms with 1 worker: 2,000 p processes (p[0], p[1], …, p[1999]) each hold s and wait for s',
      describeFinding(hang),
    ]);
    // Three are said one by one; four are one sentence.
    const few = [alone('p[0]'), alone('p[1]'), alone('p[2]')];
    expect(describeFindings(few)).toEqual(few.map(describeFinding));
    expect(describeFindings([...few, alone('p[3]')])).toHaveLength(1);
    // Alike means the same worker count and holdings too.
    const other = (process: string, workers: number, holds: string[]): Finding => ({
      kind: 'deadlock',
      workers,
      at_ms: 0,
      cycle: [{ process, holds, waits_for: 's', line: 13 }],
    });
    const four = (workers: number, holds: string[]) => [0, 1, 2, 3].map((k) => other(`p[${k}]`, workers, holds));
    expect(describeFindings([...four(1, ['s']), ...four(2, ['s'])])).toHaveLength(2);
    expect(describeFindings([...four(1, ['s']), ...four(1, ['s', 't'])])).toHaveLength(2);
  });
});
