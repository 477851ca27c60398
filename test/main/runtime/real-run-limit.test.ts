import { describe, expect, it } from 'vitest';
import { realRunRefusal } from '../../../main/runtime/real-run-limit.js';
import { parseProfile, type Program } from '../../../simulator/index.js';

function program(text: string): Program {
  const parsed = parseProfile(text);
  if (!parsed.ok) throw new Error(parsed.errors[0]!.message);
  return parsed.program;
}

describe('the real run limit, checked before a run', () => {
  const scaling = program(
    'version: 1\nname: s\nprocesses:\n  w:\n    count: $workers * 100\n    steps:\n      - compute: 1ms\n  v:\n    count: 12\n    steps:\n      - compute: 1ms\n',
  );

  it('counts the processes each worker count starts with, every template together', () => {
    expect(realRunRefusal(scaling, [1, 2, 4])).toBeNull();
    // 5 × 100 + 12: as many as a run holds, not more.
    expect(realRunRefusal(scaling, [1, 5])).toBeNull();
    expect(realRunRefusal(scaling, [1, 2, 6])).toContain('with 6 workers the profile starts 612 processes at once, and a real run holds at most 512');
  });

  it('counts main alone where there is one: what it spawns is checked as it starts', () => {
    const spawner = program('version: 1\nname: m\nprocesses:\n  c:\n    count: 1000\n    steps:\n      - compute: 1ms\nmain:\n  - spawn: c\n  - join: c\n');
    expect(realRunRefusal(spawner, [1, 8])).toBeNull();
  });
});
