import { DEFAULT_REPS, MAX_REPS } from '../../preload/contract.js';
import { describeFindings } from '../../simulator/index.js';
import { writeTraceFile } from './trace-file.js';
import { CalibrationError, savedOrNewCalibration } from '../runtime/calibrate.js';
import { measure, type RunResult } from '../runtime/measure.js';
import { configDirProblem } from '../runtime/config-dir.js';
import { realRunRefusal } from '../runtime/real-run-limit.js';
import { loadProgram, parseWorkerList, wholeNumber } from './simulate-command.js';
import { checkOutputPath, profileInput, savedCalibrationInput } from './output-path.js';
import { UsageError } from './usage.js';

export interface RunFlags {
  readonly workers?: string;
  readonly reps?: string;
  readonly seed?: string;
  readonly timeout?: string;
  readonly trace?: string;
  readonly json: boolean;
}

export async function runCommand(files: readonly string[], flags: RunFlags, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (files.length !== 1) throw new UsageError('run needs one profile: interleave run PROFILE');
  const workers = flags.workers === undefined ? undefined : parseWorkerList(flags.workers);
  // Whole numbers as simulate reads them (Number() took 0x10 and 1e3).
  const reps = wholeNumber('--reps', flags.reps, 1, MAX_REPS) ?? DEFAULT_REPS;
  const seed = wholeNumber('--seed', flags.seed, 0, Number.MAX_SAFE_INTEGER);
  if (flags.trace !== undefined) checkOutputPath('--trace', flags.trace, [profileInput(files[0]!), savedCalibrationInput()]);
  const timeoutS = flags.timeout === undefined ? 60 : Number(flags.timeout);
  if (!(timeoutS > 0 && timeoutS <= 86_400))
    throw new UsageError(`--timeout expects seconds, more than 0 and at most 86400, found ${JSON.stringify(flags.timeout)}`);
  // Checked for the counts asked for as for the profile's own sweep, and at one worker (the baseline) for what would stop it.
  const program = loadProgram(files[0]!, workers ?? [], [1]);
  if (typeof program === 'string') {
    err(program);
    return 2;
  }
  // Refused before calibrating or starting a worker: a profile too large for a real run is said so at once.
  const refusal = realRunRefusal(program, workers ?? program.sweep);
  if (refusal) {
    err(`interleave: ${refusal}`);
    return 2;
  }
  const configProblem = configDirProblem();
  if (configProblem) {
    err(`interleave: ${configProblem}`);
    return 2;
  }
  let calibration;
  try {
    calibration = await savedOrNewCalibration(err);
  } catch (e) {
    if (!(e instanceof CalibrationError)) throw e;
    err(`interleave: ${e.message}`);
    return 1;
  }
  const controller = new AbortController();
  const onSigint = () => {
    err('\ninterleave: cancelling: stopping the workers...');
    controller.abort();
  };
  process.once('SIGINT', onSigint);
  try {
    const { result, traces, cancelled } = await measure(program, {
      workers,
      reps,
      seed: seed ?? program.seed,
      timeoutMs: timeoutS * 1000,
      calibration,
      traceCap: flags.trace ? 1_000_000 : 0,
      signal: controller.signal,
      progress: (line) => err(line),
    });
    if (cancelled) {
      err('interleave: cancelled; every worker was stopped.');
      return 130;
    }
    // The result first: a trace that cannot be written then loses none of the measuring.
    out(flags.json ? JSON.stringify(result, null, 2) : formatRun(result));
    if (flags.trace) {
      if (!writeTraceFile(flags.trace, program.name, result.runs, traces, err)) return 2;
      err(`Wrote the measured trace of each run to ${flags.trace}`);
    }
    return result.findings.length > 0 || result.twin_findings.length > 0 ? 1 : 0;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

const f2 = (n: number) => n.toFixed(2);
const msText = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(3)} s` : `${ms.toFixed(3)} ms`);

export function formatRun(r: RunResult): string {
  const lines = [
    `${r.profile}: measured on ${r.machine.cores} cores, beside its simulated twin (cost model "${r.cost_model.name}")`,
    `serial fraction: ${r.serial_fraction === null ? 'not computable from the profile alone' : `${(r.serial_fraction * 100).toFixed(1)}%`}`,
    '',
    'workers      measured (min–max)            speedup   simulated   speedup  error    Amdahl  Karp–Flatt  outcome',
  ];
  for (const run of r.runs) {
    const m = run.measured;
    const kf = r.karp_flatt.find((k) => k.workers === run.workers);
    lines.push(
      [
        String(run.workers).padStart(7),
        `${msText(m.makespan_ms)} (${m.spread.min_ms.toFixed(1)}–${m.spread.max_ms.toFixed(1)})`.padStart(31),
        (m.speedup === null ? '-' : `${f2(m.speedup)}×`).padStart(9),
        msText(run.simulated.makespan_ms).padStart(11),
        (run.simulated.speedup === null ? '-' : `${f2(run.simulated.speedup)}×`).padStart(9),
        (run.prediction_error === null ? '-' : `${run.prediction_error >= 0 ? '+' : ''}${(run.prediction_error * 100).toFixed(0)}%`).padStart(6),
        (run.amdahl_speedup === null ? '-' : `${f2(run.amdahl_speedup)}×`).padStart(9),
        (kf ? `${(kf.serial_fraction * 100).toFixed(1)}%` : '-').padStart(11),
        ` ${m.outcome}`,
      ].join(' '),
    );
  }
  lines.push('', r.findings.length === 0 ? 'findings: none' : `findings (${r.findings.length}):`);
  for (const line of describeFindings(r.findings)) lines.push(`  - ${line}`);
  // The twin's own: a deadlock it met is one under another timing, which these measured runs did not meet.
  if (r.twin_findings.length > 0) {
    lines.push('', `the simulated twin found (${r.twin_findings.length}), under its timing:`);
    for (const line of describeFindings(r.twin_findings)) lines.push(`  - ${line}`);
  }
  return lines.join('\n');
}
