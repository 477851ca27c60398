/**
 * The lock word protocol of the runtime's locks (the futex mutex of Drepper's
 * "Futexes Are Tricky"): 0 free, 1 taken, 2 taken and someone may be waiting.
 * Taking a free lock is one compare-and-swap; releasing one nobody waits for
 * is one subtraction; only contention reaches Atomics.wait and notify.
 */

/** Tries to take the lock: 0 when taken now, else the word's state (1 or 2) for lockSlow. */
export function tryLock(mem: Int32Array, word: number): number {
  return Atomics.compareExchange(mem, word, 0, 1);
}

/**
 * Waits for the lock after tryLock failed with state `c`. `wait(word, 2)`
 * blocks while the word is 2 and returns false when its deadline passed.
 * Returns false on that timeout, true once the lock is taken.
 */
export function lockSlow(mem: Int32Array, word: number, c: number, wait: (word: number, expected: number) => boolean): boolean {
  do {
    if (c === 2 || Atomics.compareExchange(mem, word, 1, 2) !== 0) {
      if (!wait(word, 2)) return false;
    }
  } while ((c = Atomics.compareExchange(mem, word, 0, 2)) !== 0);
  return true;
}

/** Releases the lock, waking one waiter if any may be waiting. */
export function unlock(mem: Int32Array, word: number): void {
  if (Atomics.sub(mem, word, 1) !== 1) {
    Atomics.store(mem, word, 0);
    Atomics.notify(mem, word, 1);
  }
}
