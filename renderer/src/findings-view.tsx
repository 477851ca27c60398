import { describeFinding, type Finding } from '../../simulator/index';
import type { JobResult } from '../../preload/contract';

/** Where each kind of finding shows best. */
const TARGET: Readonly<Record<Finding['kind'], string>> = {
  deadlock: 'deadlock-graph',
  lock_order_inversion: 'deadlock-graph',
  hang: 'timeline',
  lost_update: 'speedup-chart',
  misuse: 'timeline',
  crash: 'timeline',
  timeout: 'timeline',
};

const KIND_LABEL: Readonly<Record<Finding['kind'], string>> = {
  deadlock: 'Deadlock',
  hang: 'Hang',
  lock_order_inversion: 'Lock-order inversion',
  lost_update: 'Lost updates',
  misuse: 'Misuse',
  crash: 'Crash',
  timeout: 'Timeout',
};

export function FindingsView({ result }: { readonly result: JobResult }) {
  const measured = result.run?.findings ?? [];
  const simulated = result.simulation.findings;
  const all = [...measured.map((f) => ({ f, where: 'measured' })), ...simulated.map((f) => ({ f, where: 'simulated' }))];
  return (
    <section className="card" data-testid="findings" aria-label="Findings">
      <h2>Findings</h2>
      {all.length === 0 ? (
        <p className="good-news">Nothing found: no deadlock, hang, lost update or misuse in these runs.</p>
      ) : (
        <ul className="finding-list">
          {all.slice(0, 40).map(({ f, where }, k) => (
            <li key={k} className={`finding ${f.kind}`} data-kind={f.kind}>
              <span className="finding-kind">{KIND_LABEL[f.kind]}</span>
              <span className="finding-where muted">{where}</span>
              <span className="finding-text">{describeFinding(f)}</span>
              <a
                href={`#${TARGET[f.kind]}`}
                onClick={(e) => (e.preventDefault(), document.querySelector(`[data-testid="${TARGET[f.kind]}"]`)?.scrollIntoView({ behavior: 'smooth' }))}
              >
                show
              </a>
            </li>
          ))}
        </ul>
      )}
      {all.length > 40 && <p className="muted">and {all.length - 40} more</p>}
    </section>
  );
}
