import { setPriority } from 'node:os';

/**
 * The nice value the baseline thread takes: it yields the CPU to the
 * command's own thread and to V8's compiler threads. On two cores the four
 * compete, and the compiled code then reaches both simulations sooner: the
 * contention model's command took 9 ms less (wall, 189 against 198 ms) and
 * 14 ms less CPU (bench/README.md). Any value from 6 to 19 did as well.
 */
export const BASELINE_NICE = 10;

/**
 * Lowers the calling thread to BASELINE_NICE. Linux alone: there a thread's
 * nice value is its own, where elsewhere the call would lower the whole
 * process. Refused (a sandbox, say), the thread runs as it was.
 */
export function lowerThisThread(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(BASELINE_NICE);
  } catch {
    // As it was.
  }
}
