import { useState } from 'react';
import type { JobKind, JobRequest, JobStatus } from '../../preload/contract';

interface Props {
  readonly sweep: readonly number[];
  readonly disabled: boolean;
  readonly status: JobStatus | null;
  readonly running: boolean;
  readonly onStart: (request: Omit<JobRequest, 'file' | 'text'>) => void;
  readonly onCancel: () => void;
}

/** Parses "1, 2, 4" into worker counts; null when it is not a list of counts. */
export function parseWorkers(text: string): number[] | null {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const counts = parts.map(Number);
  return parts.length > 0 && counts.every((n) => Number.isInteger(n) && n >= 1 && n <= 1024) ? counts : null;
}

export function RunControls({ sweep, disabled, status, running, onStart, onCancel }: Props) {
  const [workers, setWorkers] = useState(sweep.join(', '));
  const [reps, setReps] = useState(3);
  const [seed, setSeed] = useState('');
  const [cores, setCores] = useState('');
  const counts = parseWorkers(workers);
  const valid = counts !== null && (seed === '' || /^\d+$/.test(seed)) && (cores === '' || /^\d+$/.test(cores));
  const go = (kind: JobKind) =>
    counts &&
    onStart({
      kind,
      workers: counts,
      reps,
      ...(seed === '' ? {} : { seed: Number(seed) }),
      ...(cores === '' || kind === 'run' ? {} : { cores: Number(cores) }),
    });
  const progress = status?.state === 'running' || status?.state === 'done' ? status.progress : null;
  return (
    <section className="controls" aria-label="Run controls">
      <label>
        Workers
        <input value={workers} onChange={(e) => setWorkers(e.target.value)} aria-invalid={counts === null} data-testid="workers-input" size={12} />
      </label>
      <label>
        Repetitions
        <input type="number" min={1} max={20} value={reps} onChange={(e) => setReps(Math.max(1, Math.min(20, Number(e.target.value) || 1)))} />
      </label>
      <label>
        Seed
        <input value={seed} placeholder="profile's" onChange={(e) => setSeed(e.target.value)} size={8} />
      </label>
      <label title="Cores of the simulated machine; a real run's twin uses this machine's cores">
        Virtual cores
        <input value={cores} placeholder="= workers" onChange={(e) => setCores(e.target.value)} size={8} />
      </label>
      <div className="buttons">
        <button className="primary small" data-testid="simulate-button" disabled={disabled || running || !valid} onClick={() => go('simulate')}>
          Simulate
        </button>
        <button
          className="secondary"
          data-testid="run-button"
          disabled={disabled || running || !valid}
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
    </section>
  );
}
