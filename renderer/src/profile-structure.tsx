import { amdahlSpeedup, sweepText, workersText } from '../../simulator/index';
import { AmdahlChart } from './charts/amdahl-chart';
import type { Checked } from './profile-state';

const STARTS: Readonly<Record<string, string>> = { main: 'main process', 'at start': 'at time 0', 'when spawned': 'when spawned' };

export function ProfileStructure({ file, checked }: { readonly file: string; readonly checked: Checked }) {
  const { result, summary } = checked;
  if (!result.ok || !summary) {
    return (
      <section className="structure" data-testid="profile-structure">
        <div className="title-row">
          <h1>{file}</h1>
          <span className="pill bad" data-testid="profile-status">
            {result.ok ? '' : `${result.errors.length} error${result.errors.length === 1 ? '' : 's'}`}
          </span>
        </div>
        <p className="muted">Fix the errors marked in the profile below; its structure shows once it validates.</p>
      </section>
    );
  }
  const work = summary.work;
  return (
    <section className="structure" data-testid="profile-structure">
      <div className="title-row">
        <h1>{summary.name}</h1>
        <span className="pill good" data-testid="profile-status">
          valid
        </span>
      </div>
      <p className="file muted">{file}</p>
      {summary.description && <p className="description">{summary.description}</p>}
      <div className="cards">
        <div className="card">
          <h2>
            Processes <span className="muted">{summary.processes.length > 1 ? `· ${summary.processes.length} templates` : ''}</span>
          </h2>
          {/* A profile of a hundred templates scrolls within its card rather than pushing the results a page down. */}
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th>template</th>
                  <th className="num">count</th>
                  <th>starts</th>
                  <th className="num">steps</th>
                </tr>
              </thead>
              <tbody>
                {summary.processes.map((p) => (
                  <tr key={p.name}>
                    <td className="mono">{p.name}</td>
                    <td className="num">{p.count}</td>
                    <td>{STARTS[p.starts]}</td>
                    <td className="num">{p.steps}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        <div className="card">
          <h2>
            Resources <span className="muted">{summary.resources.length > 1 ? `· ${summary.resources.length}` : ''}</span>
          </h2>
          {summary.resources.length === 0 ? (
            <p className="muted">None: the processes share nothing.</p>
          ) : (
            <div className="table-scroll">
              <table>
                <tbody>
                  {summary.resources.map((r) => (
                    <tr key={r.name}>
                      <td className="mono">{r.name}</td>
                      <td>
                        <span className={`kind kind-${r.kind}`}>{r.kind.replace('_', ' ')}</span>
                      </td>
                      <td className="muted">{r.detail}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        <div className="card">
          <h2>Work and Amdahl's law</h2>
          <p className="facts">
            Sweep {sweepText(summary.sweep)} · seed {summary.seed}
          </p>
          {work.known ? (
            <>
              <p className="facts" data-testid="serial-fraction">
                Serial fraction <strong>{(work.serialFraction * 100).toFixed(1)}%</strong> · best speedup at{' '}
                {workersText(summary.sweep[summary.sweep.length - 1]!)}{' '}
                <strong>{amdahlSpeedup(work.serialFraction, summary.sweep[summary.sweep.length - 1]!).toFixed(2)}×</strong>
              </p>
              <AmdahlChart serialFraction={work.serialFraction} sweep={summary.sweep} />
            </>
          ) : (
            <p className="muted" data-testid="serial-fraction">
              Serial fraction not computable from the profile alone: {work.reason}.
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
