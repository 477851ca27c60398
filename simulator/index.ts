/**
 * The pure core of Interleave, its one public facade: profile parsing and
 * checking, the program IR, the discrete-event simulator, the trace format
 * and the result documents. Nothing here imports Node, Electron, the DOM,
 * React or d3.
 */

// The profile language.
export { parseProfile, type ParseResult } from './profile/parse-profile.js';
export { formatProfileError, type ProfileError } from './profile/diagnostics.js';
export { LIMITS, type LimitName } from './profile/limits.js';
export type * from './profile/ir.js';
export { describeProgram, type ProgramSummary } from './profile/describe-program.js';
export { firstWave, processesStarted, spawnedTemplates } from './profile/first-wave.js';
export { sweepText, workersText } from './profile/worker-words.js';
export { firstNonUtf8, notUtf8Placed, notUtf8Words, type NotUtf8 } from './profile/profile-text.js';
export { estimateWork, amdahlSpeedup, type WorkEstimate } from './profile/work-estimate.js';
export { profileSchema, type JsonSchema } from './profile/schema.js';
export { parseDurationText } from './profile/duration.js';
export { evalExpr, type CountEnv } from './profile/count.js';

// The simulator and what it reports.
export {
  simulate,
  simulateSweep,
  simulateBaseline,
  DEFAULT_QUANTUM_NS,
  DEFAULT_MAX_EVENTS,
  type Baseline,
  type Sweep,
  type SimulateOptions,
  type SimulationResult,
  type Simulation,
  type RunEntry,
  type SimulatedRun,
} from './simulate.js';
export type { LockSummary, ProcessSummary } from './simulate.js';
export { warmUp, warmUpProgram } from './warm-up.js';
export { NO_OVERHEADS, DEFAULT_OVERHEADS, parseCostModel, type CostModel } from './engine/cost-model.js';
export { MAX_RUN_PROCESSES } from './engine/engine.js';
export {
  alikeGroups,
  describeFinding,
  describeFindings,
  describeGroup,
  type Finding,
  type BlockedProcess,
  type CycleLink,
  type LockOrder,
} from './engine/findings.js';
export { Random } from './engine/random.js';

// The trace, shared by simulated and measured runs, and the real run's result document.
export { TRACE_VERSION, PROCESS_STATES, type Trace, type Span, type TraceOp, type ProcessState } from './trace/trace-format.js';
export type { MeasuredRun, RunResult } from './run-result.js';
