import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../../simulator/engine/event-queue.js';
import { Random } from '../../../simulator/engine/random.js';

interface Pending {
  time: number;
  priority: number;
  seq: number;
  target: number;
}

/** The order the queue promises: time, then priority, then the order of pushing. */
const before = (a: Pending, b: Pending) => a.time - b.time || a.priority - b.priority || a.seq - b.seq;

describe('event queue', () => {
  it('pops in (time, priority, push order) order under any mix of pushes and pops', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rng = new Random(seed);
      const queue = new EventQueue();
      const reference: Pending[] = [];
      const out = { time: 0, kind: 0, target: 0, token: 0 };
      let now = 0;
      let seq = 0;
      for (let step = 0; step < 3000; step++) {
        if (reference.length === 0 || rng.float() < 0.55) {
          // Times at this instant, soon, or a tie with something queued; a few at priority 1.
          const r = rng.float();
          const time = r < 0.3 ? now : r < 0.5 && reference.length > 0 ? reference[rng.uint32() % reference.length]!.time : now + (rng.uint32() % 50);
          const priority = rng.float() < 0.1 ? 1 : 0;
          const e = { time, priority, seq: seq++, target: step };
          reference.push(e);
          queue.push(time, priority, step % 6, step, seq);
        } else {
          reference.sort(before);
          const want = reference.shift()!;
          expect(queue.pop(out)).toBe(true);
          expect({ seed, step, time: out.time, target: out.target }).toEqual({ seed, step, time: want.time, target: want.target });
          now = out.time;
        }
        expect(queue.length).toBe(reference.length);
      }
    }
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
