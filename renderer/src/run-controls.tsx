import { useState } from 'react';
import { LIMITS } from '../../simulator/index';
import { DEFAULT_REPS, MAX_REPS, type JobKind, type JobRequest, type JobStatus } from '../../preload/contract';

interface Props {
  readonly sweep: readonly number[];
  readonly disabled: boolean;
  readonly status: JobStatus | null;
  readonly running: boolean;
  readonly onStart: (request: Omit<JobRequest, 'file' | 'text'>) => void;
  readonly onCancel: () => void;
}

/**
 * The worker counts typed, or what is wrong with them: empty means the
 * profile's own sweep (null), else distinct counts separated by commas, as
 * `--workers` takes them.
 */
export function readWorkers(text: string): { readonly counts: number[] | null } | { readonly problem: string } {
  if (text.trim() === '') return { counts: null };
  const parts = text.split(',').map((s) => s.trim());
  if (parts.some((s) => !/^\d+$/.test(s) || Number(s) < 1 || Number(s) > LIMITS.workers))
    return { problem: `Workers: expected counts from 1 to ${LIMITS.workers.toLocaleString('en-US')} separated by commas, like 1, 2, 4` };
  const counts = parts.map(Number);
  const twice = counts.find((n, k) => counts.indexOf(n) !== k);
  if (twice !== undefined) return { problem: `Workers: ${twice} is listed twice` };
  if (counts.length > LIMITS.sweepLength) return { problem: `Workers: ${counts.length} counts; at most ${LIMITS.sweepLength}` };
  return { counts };
}

/** A whole number typed in a control, empty for the default, or what is wrong with it. */
export function readWhole(label: string, text: string, min: number, max: number): { readonly value: number | null } | { readonly problem: string } {
  if (text.trim() === '') return { value: null };
  const n = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || n < min || n > max)
    return { problem: `${label}: expected a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}` };
  return { value: n };
}

export function RunControls({ sweep, disabled, status, running, onStart, onCancel }: Props) {
  const [workers, setWorkers] = useState('');
  const [reps, setReps] = useState('');
  const [seed, setSeed] = useState('');
  const [cores, setCores] = useState('');
  const typed = readWorkers(workers);
  const readSeed = readWhole('Seed', seed, 0, Number.MAX_SAFE_INTEGER);
  const readCores = readWhole('Virtual cores', cores, 1, LIMITS.cores);
  const readReps = readWhole('Repetitions', reps, 1, MAX_REPS);
  // Said, not only shown by a greyed button: the first thing wrong.
  const problem = [typed, readReps, readSeed, readCores].map((r) => ('problem' in r ? r.problem : null)).find((p) => p !== null) ?? null;
  const go = (kind: JobKind) => {
    if (problem !== null || !('counts' in typed) || !('value' in readReps) || !('value' in readSeed) || !('value' in readCores)) return;
    onStart({
      kind,
      ...(typed.counts === null ? {} : { workers: typed.counts }),
      reps: readReps.value ?? DEFAULT_REPS,
      ...(readSeed.value === null ? {} : { seed: readSeed.value }),
      ...(readCores.value === null || kind === 'run' ? {} : { cores: readCores.value }),
    });
  };
  const progress = status?.state === 'running' || status?.state === 'done' ? status.progress : null;
  return (
    <section className="controls" aria-label="Run controls">
      <TextControl
        label="Workers"
        value={workers}
        placeholder={sweep.join(', ')}
        onChange={setWorkers}
        invalid={'problem' in typed}
        testId="workers-input"
        size={12}
      />
      <TextControl
        label="Repetitions"
        title="Real runs of each worker count, when measuring; the median is shown"
        value={reps}
        placeholder={String(DEFAULT_REPS)}
        onChange={setReps}
        invalid={'problem' in readReps}
        testId="reps-input"
        size={4}
      />
      <TextControl label="Seed" value={seed} placeholder="profile's" onChange={setSeed} invalid={'problem' in readSeed} testId="seed-input" size={8} />
      <TextControl
        label="Virtual cores"
        title="Cores of the simulated machine; a real run's twin uses this machine's cores"
        value={cores}
        placeholder="= workers"
        onChange={setCores}
        invalid={'problem' in readCores}
        testId="cores-input"
        size={8}
      />
      <div className="buttons">
        <button className="primary small" data-testid="simulate-button" disabled={disabled || running || problem !== null} onClick={() => go('simulate')}>
          Simulate
        </button>
        <button
          className="secondary"
          data-testid="run-button"
          disabled={disabled || running || problem !== null}
          onClick={() => go('run')}
          title="Measure it for real on this machine's cores"
        >
          Measure
        </button>
        <button className="ghost" data-testid="cancel-button" disabled={!running} onClick={onCancel}>
          Cancel
        </button>
      </div>
      <div className="progress" data-testid="progress" data-state={status?.state ?? 'idle'} aria-live="polite">
        <div className="bar">
          <div className="fill" style={{ width: `${Math.round((progress?.fraction ?? (status?.state === 'cancelled' ? 0 : 0)) * 100)}%` }} />
        </div>
        <span className="message">
          {status === null
            ? 'Simulate to see how it could run; measure to see how it really runs.'
            : status.state === 'running'
              ? status.progress.message
              : status.state === 'done'
                ? 'Done.'
                : status.state === 'cancelled'
                  ? 'Cancelled: every worker was stopped.'
                  : `Failed: ${status.error}`}
        </span>
      </div>
      {problem && (
        <p className="controls-problem" role="alert" data-testid="controls-problem">
          {problem}
        </p>
      )}
    </section>
  );
}

interface TextControlProps {
  readonly label: string;
  readonly title?: string;
  readonly value: string;
  /** What an empty field means. */
  readonly placeholder: string;
  readonly onChange: (value: string) => void;
  readonly invalid: boolean;
  readonly testId: string;
  readonly size: number;
}

/** A labelled text field of the run controls, marked when what it holds is wrong. */
function TextControl({ label, title, value, placeholder, onChange, invalid, testId, size }: TextControlProps) {
  return (
    <label title={title}>
      {label}
      <input value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid} data-testid={testId} size={size} />
    </label>
  );
}
