/**
 * What the machine charges for the overheads of concurrency, in nanoseconds.
 * The simulator adds these to the profile's own costs; under `none` all are
 * zero and the simulator is an ideal machine.
 */
export interface CostModel {
  readonly name: string;
  /** Where the figures come from, for reports. */
  readonly source: string;
  /** Starting a process (or a pool worker): work on its own core before its first step. */
  readonly spawnNs: number;
  /**
   * The part of a start that cannot overlap another start (creating the
   * thread or process, one at a time): the k-th of several spawned at once
   * begins its start-up k times this after the first. Optional in files (0).
   */
  readonly spawnSerialNs?: number;
  /**
   * How much more a start costs for each other start still in progress when
   * it is made, as a fraction of spawnNs: starts made together share memory,
   * caches and the loader, so the last of many takes longer than the first.
   * Optional in files (0).
   */
  readonly spawnContention?: number;
  /** Handing one chunk of tasks to a pool worker and taking its result back (CPU on the worker). */
  readonly dispatchNs: number;
  /** Per byte crossing between processes (task arguments and results), CPU on the worker. */
  readonly byteNs: number;
  /** An uncontended acquire or release of a lock or semaphore (CPU). */
  readonly lockNs: number;
  /** From a wake-up (release, set, notify, put) until the woken process is ready to run. */
  readonly wakeNs: number;
  /** One queue put or get (CPU). */
  readonly queueNs: number;
  /** Between the read and the write of a non-atomic `increment` (CPU). */
  readonly valueNs: number;
}

export const COST_FIELDS = ['spawnNs', 'dispatchNs', 'byteNs', 'lockNs', 'wakeNs', 'queueNs', 'valueNs'] as const;

/** An ideal machine: every overhead is free, so Amdahl's law holds exactly. */
export const NO_OVERHEADS: CostModel = {
  name: 'none',
  source: 'an ideal machine: every overhead is zero',
  spawnNs: 0,
  dispatchNs: 0,
  byteNs: 0,
  lockNs: 0,
  wakeNs: 0,
  queueNs: 0,
  valueNs: 0,
};

/**
 * Figures typical of the 2-vCPU machines Interleave is developed on, for
 * worker threads (the runtime's processes), from the anchor measurements in
 * shared/anchors/README.md: `new Worker` start 22 ms; a minimal worker-thread
 * pool's dispatch 2.2–2.6 µs per task; a futex-style lock on Atomics 19 ns per
 * acquire and release; structured clone at about 1 GB/s (1 ns per byte).
 * Wake-up (futex wake to running, 20 µs), queue operation (2 µs) and shared
 * value access (20 ns) are typical Linux figures of the same machines.
 * `interleave calibrate` replaces them with this machine's own.
 */
export const DEFAULT_OVERHEADS: CostModel = {
  name: 'default',
  source: 'typical of a 2-vCPU Linux machine with worker threads (shared/anchors/README.md)',
  spawnNs: 22_000_000,
  dispatchNs: 2_500,
  byteNs: 1,
  lockNs: 10,
  wakeNs: 20_000,
  queueNs: 2_000,
  valueNs: 20,
};

/** The first C0 or C1 control character of `text` (tab and line feed among them), or -1. */
function controlCharacterIn(text: string): number {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return c;
  }
  return -1;
}

/** Parses a cost-model file (JSON with the fields above, in ns); an error message on failure. */
export function parseCostModel(text: string, file: string): CostModel | string {
  let data: unknown;
  // A byte-order mark, as some editors save one, is read past, as a profile's is.
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  try {
    data = JSON.parse(text);
  } catch (e) {
    return `${file}${jsonErrorPlace(text, (e as Error).message)}: not JSON: ${(e as Error).message.replace(/ at position \d+.*$/, '')}`;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return `${file}: expected a JSON object with ${COST_FIELDS.join(', ')}`;
  const record = data as Record<string, unknown>;
  const out: Record<string, number | string> = {
    name: typeof record.name === 'string' ? record.name : file,
    source: typeof record.source === 'string' ? record.source : `cost model file ${file}`,
  };
  // Both are printed as they are: a control character (an escape sequence, a line break) would reach the terminal.
  for (const field of ['name', 'source'] as const) {
    const given = record[field];
    const code = typeof given === 'string' ? controlCharacterIn(given) : -1;
    if (code >= 0)
      return `${file}: ${field} holds a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')}); it is printed as it is, so it may hold printable characters only`;
  }
  for (const field of COST_FIELDS) {
    const v = record[field];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 3.6e12) {
      return `${file}: ${field} should be a number of nanoseconds from 0 to 3.6e12, found ${shown(v)}`;
    }
    // Whole nanoseconds, but for the cost of a byte, which is often a fraction of one.
    out[field] = field === 'byteNs' ? v : Math.round(v);
  }
  // A calibrated model also carries the runtime's kernel speed and when it was measured.
  const extra = ['name', 'source', 'kernelItersPerNs', 'measuredAt'];
  const serial = record.spawnSerialNs;
  if (serial !== undefined) {
    if (typeof serial !== 'number' || !Number.isFinite(serial) || serial < 0 || serial > 3.6e12)
      return `${file}: spawnSerialNs should be a number of nanoseconds from 0 to 3.6e12, found ${shown(serial)}`;
    out.spawnSerialNs = Math.round(serial);
  }
  const contention = record.spawnContention;
  if (contention !== undefined) {
    if (typeof contention !== 'number' || !Number.isFinite(contention) || contention < 0 || contention > 10)
      return `${file}: spawnContention should be a fraction from 0 to 10, found ${shown(contention)}`;
    out.spawnContention = contention;
  }
  const optional = ['spawnSerialNs', 'spawnContention'];
  const unknown = Object.keys(record).filter((k) => !extra.includes(k) && !optional.includes(k) && !(COST_FIELDS as readonly string[]).includes(k));
  if (unknown.length) return `${file}: unknown field ${unknown[0]}; expected ${COST_FIELDS.join(', ')}, and optionally ${[...optional, ...extra].join(', ')}`;
  return out as unknown as CostModel;
}

/** A value as found, a number as written out (JSON.stringify says null for 1e400, which JSON reads as Infinity). */
function shown(v: unknown): string {
  return typeof v === 'number' ? String(v) : JSON.stringify(v);
}

/** `:line:column` of a JSON.parse error that gives a position, else nothing. */
function jsonErrorPlace(text: string, message: string): string {
  const at = /at position (\d+)/.exec(message);
  if (!at) return '';
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  return `:${line}:${before.length - before.lastIndexOf('\n')}`;
}
