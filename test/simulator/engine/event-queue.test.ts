import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../simulator/engine/event-queue.js';

interface Pending {
  readonly time: number;
  readonly priority: number;
  readonly seq: number;
  readonly kind: number;
  readonly target: number;
  readonly token: number;
}

/** The order the queue promises: time, then priority, then the order of pushing. */
const before = (a: Pending, b: Pending) => a.time - b.time || a.priority - b.priority || a.seq - b.seq;

/**
 * One step of a run: a push at this instant, at a tie with something queued,
 * or later (a few at priority 1, as a yield is), or a pop. Times are drawn
 * from a small range so that ties are common.
 */
const step = fc.oneof(
  fc.record({
    op: fc.constant('push' as const),
    when: fc.constantFrom('now', 'tie', 'later'),
    delay: fc.integer({ min: 1, max: 40 }),
    fraction: fc.constantFrom(0, 0.5),
    priority: fc.constantFrom(0, 0, 0, 1),
    pick: fc.nat(),
    /** An event at this instant at priority 0 is pushed with pushNow, as the engine pushes one. */
    direct: fc.boolean(),
  }),
  fc.constant({ op: 'pop' as const }),
);

describe('event queue', () => {
  it('pops in (time, priority, push order) order under any mix of pushes (pushNow among them) and pops, every field intact', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 400 }), (steps) => {
        const queue = new EventQueue();
        const reference: Pending[] = [];
        const out = { time: 0, kind: 0, target: 0, token: 0 };
        let now = 0;
        let seq = 0;
        for (const s of steps) {
          if (s.op === 'push') {
            const time =
              s.when === 'now' ? now : s.when === 'tie' && reference.length > 0 ? reference[s.pick % reference.length]!.time : now + s.delay + s.fraction;
            const e = { time, priority: s.priority, seq, kind: seq % 6, target: seq * 7, token: seq * 13 };
            seq++;
            reference.push(e);
            if (s.when === 'now' && s.priority === 0 && s.direct) queue.pushNow(e.kind, e.target, e.token);
            else queue.push(e.time, e.priority, e.kind, e.target, e.token);
          } else {
            reference.sort(before);
            const want = reference.shift();
            expect(queue.pop(out)).toBe(want !== undefined);
            if (want) {
              expect({ ...out }).toEqual({ time: want.time, kind: want.kind, target: want.target, token: want.token });
              now = out.time;
            }
          }
          expect(queue.length).toBe(reference.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('says it is empty when everything has been popped', () => {
    const queue = new EventQueue();
    const out = { time: 0, kind: 0, target: 0, token: 0 };
    queue.push(5, 0, 1, 7, 3);
    expect(queue.pop(out)).toBe(true);
    expect(out).toEqual({ time: 5, kind: 1, target: 7, token: 3 });
    expect(queue.pop(out)).toBe(false);
    expect(queue.length).toBe(0);
  });
});
