import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { BaselineThread, simulateWithBaselineThread } from '../../../main/simulation/baseline-thread.js';
import { BASELINE_NICE } from '../../../main/simulation/baseline-priority.js';
import { parseProfile, simulate, simulateBaseline, warmUpProgram, type Program } from '../../../simulator/index.js';

function compile(text: string, file: string): Program {
  const parsed = parseProfile(text, file);
  if (!parsed.ok) throw new Error(`${file} does not load`);
  return parsed.program;
}
const load = (file: string) => compile(readFileSync(file, 'utf8'), file);
const warmUp = warmUpProgram();

describe('the baseline on a second thread', () => {
  it('runs on a worker thread and ends as it does here', async () => {
    const program = load('profiles/talk/pool-benchmark.yaml');
    const thread = BaselineThread.start();
    expect(thread).not.toBeNull();
    expect(await thread!.run({ program, options: { seed: 3 }, warmUp })).toEqual(simulateBaseline(program, { seed: 3 }));
  });

  it('resolves to nothing, not a hang, when the thread fails (the caller then runs it itself)', async () => {
    const broken = { ...load('profiles/talk/pool-benchmark.yaml'), templates: null } as unknown as Program;
    expect(await BaselineThread.start()!.run({ program: broken, options: {}, warmUp })).toBeUndefined();
  });

  it('gives the result document of simulate, to the byte, for a sweep that lacks one worker', async () => {
    const program = load('profiles/talk/pool-benchmark.yaml');
    const options = { workers: [2, 4], traceCap: 500 };
    const threaded = await simulateWithBaselineThread(program, options, BaselineThread.start());
    expect(threaded.result.runs[0]!.simulated.speedup).not.toBeNull();
    expect(JSON.stringify(threaded)).toBe(JSON.stringify(simulate(program, options)));
  });

  it('stops the thread unused when the sweep has one worker, and gives the same result', async () => {
    const program = load('profiles/classic/connection-pool.yaml');
    const thread = BaselineThread.start()!;
    const threaded = await simulateWithBaselineThread(program, { workers: [1, 2] }, thread);
    expect(JSON.stringify(threaded)).toBe(JSON.stringify(simulate(program, { workers: [1, 2] })));
    // Stopped: it runs nothing more.
    expect(await thread.run({ program, options: {}, warmUp })).toBeUndefined();
  });

  it('reports a finding of the sweep the same way (a deadlock found on the main thread)', async () => {
    const program = load('profiles/talk/deadlock-foo-bar.yaml');
    const threaded = await simulateWithBaselineThread(program, { workers: [2] }, BaselineThread.start());
    expect(threaded.result.findings.map((f) => f.kind)).toContain('deadlock');
    expect(JSON.stringify(threaded)).toBe(JSON.stringify(simulate(program, { workers: [2] })));
  });

  /** A thread's nice value (Linux: a thread's own, the 19th field of its stat); null once it has ended. */
  const niceOf = (tid: string): number | null => {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    } catch {
      return null;
    }
  };
  const threadsAt = (nice: number): string[] => readdirSync('/proc/self/task').filter((tid) => niceOf(tid) === nice);

  // (On one core no thread is started: the baseline runs on the command's own.)
  it.skipIf(process.platform !== 'linux' || availableParallelism() < 2)(
    'runs lower than the thread that started it (its own nice value, on Linux)',
    async () => {
      const mine = niceOf(String(process.pid))!;
      const lowered = Math.min(19, mine + BASELINE_NICE);
      expect(lowered).toBeGreaterThan(mine);
      // Threads of the tests before may still be ending: the new one is looked for by its id.
      const before = new Set(threadsAt(lowered));
      const thread = BaselineThread.start()!;
      let found: string[] = [];
      for (let tries = 0; tries < 200 && found.length === 0; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        found = threadsAt(lowered).filter((tid) => !before.has(tid));
      }
      await thread.stop();
      expect(found).toHaveLength(1);
      // The thread that started it (the command's, here the test's) keeps its own.
      expect(niceOf(String(process.pid))).toBe(mine);
    },
  );
});
