import { alikeGroups, describeGroup, type Finding } from '../../simulator/index';
import type { JobResult } from '../../preload/contract';

/** Where each kind of finding shows best. */
const TARGET: Readonly<Record<Finding['kind'], string>> = {
  deadlock: 'deadlock-graph',
  lock_order_inversion: 'deadlock-graph',
  hang: 'timeline',
  lost_update: 'shared-values',
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
  // One-process deadlocks alike are one row, as the command line says them (2,000 of them were 40 rows and "1,960 more").
  const all = [
    ...alikeGroups(measured).map((group) => ({ f: group[0]!, text: describeGroup(group), where: 'measured' })),
    ...alikeGroups(simulated).map((group) => ({ f: group[0]!, text: describeGroup(group), where: 'simulated' })),
  ];
  return (
    <section className="card" data-testid="findings" aria-label="Findings">
      <h2>Findings</h2>
      {all.length === 0 ? (
        <p className="good-news">Nothing found: no deadlock, hang, lost update or misuse in these runs.</p>
      ) : (
        <ul className="finding-list">
          {all.slice(0, 40).map(({ f, text, where }, k) => (
            <li key={k} className={`finding ${f.kind}`} data-kind={f.kind}>
              <span className="finding-kind">{KIND_LABEL[f.kind]}</span>
              <span className="finding-where muted">{where}</span>
              <span className="finding-text">{text}</span>
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
      <SharedValues result={result} />
    </section>
  );
}

/** The final value of every shared value and array, per worker count: where lost updates show. */
function SharedValues({ result }: { readonly result: JobResult }) {
  const names = Object.keys(result.simulation.runs[0]?.simulated.values ?? {});
  if (names.length === 0) return null;
  const show = (v: number | readonly number[] | undefined) => (v === undefined ? '-' : Array.isArray(v) ? `[${v.join(', ')}]` : String(v));
  return (
    <div data-testid="shared-values" className="shared-values">
      <h3>Final values</h3>
      <table className="compact">
        <thead>
          <tr>
            <th className="num">workers</th>
            {names.map((n) => (
              <th key={n} className="mono">
                {n}
                {result.run ? ' (measured / simulated)' : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.simulation.runs.map((r) => {
            const m = result.run?.runs.find((x) => x.workers === r.workers)?.measured.values;
            return (
              <tr key={r.workers}>
                <td className="num">{r.workers}</td>
                {names.map((n) => (
                  <td key={n} className="mono">
                    {m ? `${show(m[n])} / ` : ''}
                    {show(r.simulated.values[n])}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
