import { describe, expect, it } from 'vitest';
import { ACQUIRE_SEMAPHORE, OPCODE, RELEASE_SEMAPHORE } from '../../../simulator/engine/sim-process.js';
import { only, profile, sim } from './simulate-helpers.js';

describe('Semaphore', () => {
  it('has acquire and release opcodes of its own, apart from every step of the profile language (the interpreter switches on them)', () => {
    const ir: number[] = Object.values(OPCODE);
    expect(ir).not.toContain(ACQUIRE_SEMAPHORE);
    expect(ir).not.toContain(RELEASE_SEMAPHORE);
    expect(ACQUIRE_SEMAPHORE).not.toBe(RELEASE_SEMAPHORE);
  });

  it('lets at most its value of holders in at once', () => {
    const run = only(
      sim(
        profile(`workers: [6]
resources:
  slots: {semaphore: 2}
processes:
  w:
    count: 6
    steps:
      - acquire: slots
      - compute: 10ms
      - release: slots
`),
      ),
    );
    expect(run.makespan_ms).toBe(30);
    expect(run.locks.slots!.acquisitions).toBe(6);
    expect(run.locks.slots!.contended).toBe(4);
  });

  it('a plain semaphore may be released above its initial value', () => {
    const result = sim(profile('workers: [1]\nresources:\n  s: {semaphore: 1}\nmain:\n  - release: s\n  - acquire: s\n  - acquire: s\n'));
    expect(result.findings).toEqual([]);
    expect(only(result).outcome).toBe('completed');
  });
});

describe('BoundedSemaphore', () => {
  it('over-release is a misuse finding naming the semaphore and line', () => {
    const result = sim(profile('workers: [1]\nresources:\n  s: {bounded_semaphore: 1}\nmain:\n  - acquire: s\n  - release: s\n  - release: s\n'));
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'misuse', process: 'main', resource: 's', line: 9 })]);
  });
});
