import { getPriority, setPriority } from 'node:os';

/**
 * How much lower the baseline thread runs than the thread that started it,
 * in nice values: it yields the CPU to the command's own thread and to V8's
 * compiler threads. On two cores the four compete, and the compiled code
 * then reaches both simulations sooner: the contention model's command took
 * 9 ms less (wall, 189 against 198 ms) and 14 ms less CPU (bench/README.md).
 * Any value from 6 to 19 did as well.
 */
export const BASELINE_NICE = 10;

/**
 * Lowers the calling thread by BASELINE_NICE below where it started (up to
 * 19, the lowest), so a command started under `nice` keeps its baseline
 * below it too. Linux alone: there a thread's nice value is its own, where
 * elsewhere the call would lower the whole process. Whether it did: a
 * sandbox may refuse, and then the thread runs as it was, only slower to
 * yield.
 */
export function lowerThisThread(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    setPriority(Math.min(19, getPriority() + BASELINE_NICE));
    return true;
  } catch {
    return false;
  }
}
