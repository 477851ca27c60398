/**
 * Named limits on what a profile may ask for. A profile past one is refused at
 * load time with the limit named, instead of exhausting memory or time later.
 */
export const LIMITS = {
  /** Bytes of profile text. */
  sourceBytes: 1024 * 1024,
  /** YAML nodes after expanding aliases (guards against alias bombs). */
  yamlNodes: 200_000,
  /** Instances of one template, one spawn, or a whole program where it can be counted. */
  processes: 100_000,
  /** A worker count in the sweep, or the pool's size. */
  workers: 1024,
  /** Worker counts in one sweep. */
  sweepLength: 64,
  /** Virtual cores of one simulated machine (`--cores`, the app's control). */
  cores: 4096,
  /** Passes of one `repeat`. */
  repeat: 100_000_000,
  /** Tasks of one pool call. */
  poolItems: 100_000_000,
  /** Bytes crossing between processes per task. */
  taskBytes: 1024 * 1024 * 1024,
  /** Declared resources. */
  resources: 10_000,
  /** Slots of one shared array, items of one bounded queue, a semaphore's value, a barrier's parties. */
  resourceSize: 1_000_000,
  /** Nesting depth of `repeat`. */
  nesting: 32,
  /** Instructions in one template after compiling. */
  instructions: 100_000,
  /** One duration, in ns: a day. */
  durationNs: 86_400_000_000_000,
  /** Characters of one count expression. */
  exprChars: 200,
  /** Characters of the profile's name, a title on one line. */
  nameChars: 200,
  /** Characters of its description. */
  descriptionChars: 10_000,
  /** Tasks of one `apply_async`. */
  applyAsyncTasks: 10_000,
  /** Magnitude of a shared value, an `add`, or an expected value: int32, as `Value('i')`. */
  int32: 2_147_483_647,
} as const;

export type LimitName = keyof typeof LIMITS;
