/**
 * The pure core of Interleave: profile parsing and validation, the program
 * IR, and (in later layers) the simulator, explorer, trace and analysis.
 * Nothing here imports Node, Electron, the DOM, React or d3.
 */
export { parseProfile, type ParseResult } from './profile/parse-profile.js';
export { formatProfileError, type ProfileError } from './profile/diagnostics.js';
export { LIMITS, type LimitName } from './profile/limits.js';
export type * from './profile/ir.js';
export { describeProgram, type ProgramSummary } from './profile/describe-program.js';
export { estimateWork, amdahlSpeedup, type WorkEstimate } from './profile/work-estimate.js';
export { profileSchema, type JsonSchema } from './profile/schema.js';
export { simulate, DEFAULT_QUANTUM_NS, type SimulateOptions, type SimulationResult, type Simulation, type RunEntry, type SimulatedRun } from './simulate.js';
export { NO_OVERHEADS, DEFAULT_OVERHEADS, parseCostModel, type CostModel } from './engine/cost-model.js';
export { describeFinding, type Finding } from './engine/findings.js';
export { TRACE_VERSION, PROCESS_STATES, type Trace, type Span, type TraceOp, type ProcessState } from './trace/trace-format.js';
export { parseDurationText } from './profile/duration.js';
export { evalExpr, type CountEnv } from './profile/count.js';
export { Random } from './engine/random.js';
export type { MeasuredRun, RunResult } from './run-result.js';
export type { LockSummary, ProcessSummary } from './simulate.js';
