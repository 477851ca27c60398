import {
  DEFAULT_MAX_EVENTS,
  DEFAULT_OVERHEADS,
  describeFindings,
  LIMITS,
  MAX_RUN_PROCESSES,
  NO_OVERHEADS,
  parseCostModel,
  parseDurationText,
  type CostModel,
  type Program,
  type SimulationResult,
  sweepText,
  workersText,
} from '../../simulator/index.js';
import { BaselineThread, simulateWithBaselineThread } from '../simulation/baseline-thread.js';
import { loadCalibration } from '../runtime/calibrate.js';
import { writeTraceFile } from './trace-file.js';
import { checkOutputPath, profileInput, savedCalibrationInput, type InputFile } from './output-path.js';
import { UsageError } from './usage.js';
import { readSmallTextFile } from '../read-text-file.js';
import { formatOutcome, loadProfileFile } from './validate-command.js';

export interface SimulateFlags {
  readonly workers?: string;
  readonly cores?: string;
  readonly seed?: string;
  readonly overheads?: string;
  readonly quantum?: string;
  readonly trace?: string;
  readonly json: boolean;
}

/** Parses `1,2,4`: distinct whole numbers from 1 to 1024. */
export function parseWorkerList(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const counts = parts.map(Number);
  if (parts.some((s) => !/^\d+$/.test(s)) || counts.some((n) => n < 1 || n > 1024)) {
    throw new UsageError(`--workers expects worker counts from 1 to 1024 separated by commas, like 1,2,4; found ${JSON.stringify(text)}`);
  }
  if (new Set(counts).size !== counts.length) throw new UsageError(`--workers lists a count twice: ${text}`);
  if (counts.length > LIMITS.sweepLength) throw new UsageError(`--workers lists ${counts.length} counts; the limit is ${LIMITS.sweepLength}`);
  return counts;
}

export function wholeNumber(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw new UsageError(`${flag} expects a whole number from ${min} to ${max}, found ${JSON.stringify(text)}`);
  return n;
}

/** The cost-model file that `--overheads` names; null where it names a built-in model or is not given. */
export function costModelFile(text: string | undefined): string | null {
  return text === undefined || text === 'none' || text === 'default' ? null : text;
}

/** The cost model to simulate with: by default this machine's calibration where there is one, else `default`. */
export function costModelFrom(text: string | undefined, warn: (line: string) => void = () => {}): CostModel {
  const file = costModelFile(text);
  if (text === undefined) {
    const saved = loadCalibration();
    if (saved.problem)
      warn(
        `interleave: the saved calibration cannot be used (${saved.problem}); simulating with the default model. \`interleave calibrate\` measures this machine again.`,
      );
    return saved.model ?? DEFAULT_OVERHEADS;
  }
  if (file === null) return text === 'none' ? NO_OVERHEADS : DEFAULT_OVERHEADS;
  const source = readSmallTextFile(file, LIMITS.sourceBytes);
  if (typeof source !== 'string') throw new UsageError(`--overheads: cannot read ${file}: ${source.why}; expected none, default or a cost-model file`);
  const model = parseCostModel(source, file);
  if (typeof model === 'string') throw new UsageError(`--overheads: ${model}`);
  return model;
}

/** The profile, checked for the worker counts the run will use besides its sweep (`alsoWorkers`); or its errors, in words. */
export function loadProgram(file: string, alsoWorkers: readonly number[] = [], countsAlsoAt: readonly number[] = []): Program | string {
  const loaded = loadProfileFile(file, alsoWorkers, countsAlsoAt);
  return loaded.ok ? loaded.program : formatOutcome(loaded.outcome);
}

export async function simulateCommand(files: readonly string[], flags: SimulateFlags, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (files.length !== 1) throw new UsageError('simulate needs one profile: interleave simulate PROFILE');
  const workers = flags.workers === undefined ? undefined : parseWorkerList(flags.workers);
  const cores = wholeNumber('--cores', flags.cores, 1, LIMITS.cores);
  const seed = wholeNumber('--seed', flags.seed, 0, Number.MAX_SAFE_INTEGER);
  const cost = costModelFrom(flags.overheads, err);
  if (flags.trace !== undefined) {
    const file = costModelFile(flags.overheads);
    const overheads: InputFile[] = file === null ? [] : [{ path: file, what: 'the cost model given with --overheads' }];
    checkOutputPath('--trace', flags.trace, [profileInput(files[0]!), ...overheads, savedCalibrationInput()]);
  }
  let quantumNs: number | undefined;
  if (flags.quantum !== undefined) {
    const q = parseDurationText(flags.quantum);
    if (typeof q === 'string' || q <= 0) throw new UsageError(`--quantum ${typeof q === 'string' ? q : 'must be longer than zero'}`);
    quantumNs = q;
  }
  // Started before the profile is read, so its start-up overlaps the reading; not where the worker
  // counts asked for include one (its start-up would only take a core from the compiler).
  const thread = workers?.includes(1) ? null : BaselineThread.start();
  // Checked for the counts asked for as for the profile's own sweep, and at one worker (the baseline) for what would stop it.
  const program = loadProgram(files[0]!, workers ?? [], [1]);
  if (typeof program === 'string') {
    await thread?.stop();
    err(program);
    return 2;
  }
  err(`Simulating ${program.name} over ${sweepText(workers ?? program.sweep)} (overheads: ${cost.name})...`);
  const { result, traces } = await simulateWithBaselineThread(
    program,
    {
      workers,
      cores: cores ?? null,
      seed,
      cost,
      quantumNs,
      traceCap: flags.trace ? 1_000_000 : 0,
    },
    thread,
  );
  // The result first: a trace that cannot be written then loses nothing else.
  out(flags.json ? JSON.stringify(result, null, 2) : formatSimulation(result));
  if (flags.trace) {
    if (!writeTraceFile(flags.trace, program.name, result.runs, traces, err)) return 2;
    err(`Wrote the trace of each run to ${flags.trace}`);
  }
  return result.findings.length > 0 ? 1 : 0;
}

const fixed = (n: number, digits: number) => n.toFixed(digits);
/** Locks in the summary's table at most. */
const LOCK_ROWS = 12;

function msText(ms: number): string {
  return ms >= 1000 ? `${fixed(ms / 1000, 3)} s` : ms >= 1 ? `${fixed(ms, 3)} ms` : `${fixed(ms * 1000, 3)} µs`;
}

/** The readable summary: a table of the sweep, locks, and the findings. */
export function formatSimulation(r: SimulationResult): string {
  const lines = [
    `${r.profile}: simulated with overheads "${r.cost_model.name}", seed ${r.seed}, time slice ${r.quantum_ms} ms`,
    `serial fraction: ${r.serial_fraction === null ? 'not computable from the profile alone' : `${fixed(r.serial_fraction * 100, 1)}%`}`,
    '',
    'workers  cores      makespan   speedup  efficiency   Amdahl  outcome',
  ];
  for (const run of r.runs) {
    const s = run.simulated;
    lines.push(
      [
        String(run.workers).padStart(7),
        String(run.cores).padStart(6),
        msText(s.makespan_ms).padStart(13),
        (s.speedup === null ? '-' : `${fixed(s.speedup, 2)}×`).padStart(9),
        (s.efficiency === null ? '-' : `${fixed(s.efficiency * 100, 0)}%`).padStart(11),
        (run.amdahl_speedup === null ? '-' : `${fixed(run.amdahl_speedup, 2)}×`).padStart(8),
        ` ${s.outcome}`,
      ].join(' '),
    );
  }
  const last = r.runs[r.runs.length - 1];
  const all = last ? Object.entries(last.simulated.locks) : [];
  if (last && all.length > 0) {
    // Many locks: the most waited on, and how many more (--json lists every one).
    const locks = all.length <= LOCK_ROWS ? all : [...all].sort(([a, x], [b, y]) => y.wait_ms - x.wait_ms || a.localeCompare(b)).slice(0, LOCK_ROWS);
    const heading =
      all.length <= LOCK_ROWS
        ? `locks at ${workersText(last.workers)}:`
        : `locks at ${workersText(last.workers)}, the ${LOCK_ROWS} most waited on of ${all.length}:`;
    lines.push('', heading, '  lock            taken   waited   total wait     max wait    held');
    for (const [name, l] of locks) {
      lines.push(
        `  ${name.padEnd(14)} ${String(l.acquisitions).padStart(6)} ${String(l.contended).padStart(8)} ${msText(l.wait_ms).padStart(12)} ${msText(l.max_wait_ms).padStart(12)} ${msText(l.hold_ms).padStart(11)}`,
      );
    }
    if (all.length > LOCK_ROWS) lines.push(`  and ${all.length - LOCK_ROWS} more, waited on less (--json lists every one)`);
  }
  if (last && Object.keys(last.simulated.values).length > 0) {
    lines.push(
      '',
      `shared values at ${workersText(last.workers)}: ${Object.entries(last.simulated.values)
        .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
        .join(', ')}`,
    );
  }
  // A run cut short is said in words: its figures cover it only so far.
  const cut = r.runs.filter((run) => run.simulated.outcome === 'event_limit' || run.simulated.outcome === 'process_limit');
  if (cut.length > 0) {
    lines.push('', 'stopped early, so their figures cover the run only so far:');
    for (const run of cut)
      lines.push(`  - ${workersText(run.workers)}: ${cutShort(run.simulated.outcome as 'event_limit' | 'process_limit', run.simulated.events)}`);
  }
  lines.push('', r.findings.length === 0 ? 'findings: none' : `findings (${r.findings.length}):`);
  for (const line of describeFindings(r.findings)) lines.push(`  - ${line}`);
  return lines.join('\n');
}

/**
 * Why a simulated run stopped before its end: its event count tells the event
 * budget (passed) from time standing still (stopped well before it). Made when
 * needed, not when the module loads: the first toLocaleString starts ICU's
 * number formatting, a few milliseconds of every command's start.
 */
export function cutShort(outcome: 'event_limit' | 'process_limit', events: number): string {
  if (outcome === 'process_limit')
    return `at the limit of processes one run may start (${MAX_RUN_PROCESSES.toLocaleString('en-US')}): the profile starts more than that, or spawns without end`;
  return events > DEFAULT_MAX_EVENTS
    ? `at the event budget (${DEFAULT_MAX_EVENTS.toLocaleString('en-US')} events): the program does not end, or is too long to simulate whole (a loop forever with no run_for, say)`
    : 'where time stood still: a loop of steps that take no time (setting an event forever, say) went on at one instant';
}
