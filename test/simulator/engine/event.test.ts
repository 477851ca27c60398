import { describe, expect, it } from 'vitest';
import { only, profile, sim } from './simulate-helpers.js';

describe('Event', () => {
  it('set wakes every waiter at once', () => {
    const run = only(
      sim(
        profile(`workers: [4]
resources:
  go: event
processes:
  waiter:
    count: 3
    steps:
      - wait: go
      - compute: 5ms
  setter:
    - sleep: 10ms
    - set: go
`),
      ),
    );
    expect(run.makespan_ms).toBe(15);
    expect(run.processes.waiter!.blocked_on.go).toBe(30);
  });

  it('a wait on a set event returns at once, and clear makes the next wait block', () => {
    const run = only(
      sim(
        profile(`workers: [2]
resources:
  go: event
processes:
  p:
    - set: go
    - wait: go
    - clear: go
    - wait: go
      timeout: 7ms
`),
      ),
    );
    expect(run.makespan_ms).toBe(7);
    expect(run.outcome).toBe('completed');
  });

  it('a wait no one will ever satisfy is a hang naming the event', () => {
    const result = sim(profile('workers: [1]\nresources:\n  go: event\nmain:\n  - wait: go\n'));
    expect(only(result).outcome).toBe('stuck');
    expect(result.findings).toEqual([
      expect.objectContaining({ kind: 'hang', blocked: [{ process: 'main', waits_for: 'go', on: 'event', holds: [], line: 7 }] }),
    ]);
  });
});
