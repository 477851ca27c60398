import { workersText } from '../../simulator/index';
import { useMemo } from 'react';
import type { JobResult } from '../../preload/contract';
import { DETAILED_LOCKS, lockViews, splitLocks } from './charts/lock-waits-layout';

const BIN_LABEL = ['<1µs', '1–10µs', '10–100µs', '0.1–1ms', '1–10ms', '10–100ms', '0.1–1s', '>1s'];

export function LockWaits({ result }: { readonly result: JobResult }) {
  const workers = result.timeline.workers;
  const measured = result.run?.runs.find((r) => r.workers === workers)?.measured.locks;
  const { detailed, rest } = useMemo(
    () => splitLocks(lockViews(result.simulation.runs.find((r) => r.workers === workers)?.simulated.locks ?? {}, result.timeline.simulated)),
    [result, workers],
  );
  return (
    <section className="card" data-testid="lock-waits" aria-label="Lock waits">
      <h2>Lock waits at {workersText(workers)}</h2>
      {detailed.length === 0 ? (
        <p className="muted">This profile has no locks or semaphores.</p>
      ) : (
        detailed.map((v) => {
          const peak = Math.max(1, ...v.bins.map((b) => Math.max(b.waits, b.holds)));
          const m = measured?.[v.name];
          return (
            <div key={v.name} className="lock" data-lock={v.name}>
              <div className="lock-head">
                <strong className="mono">{v.name}</strong>
                <span>
                  {v.summary.acquisitions} taken, {v.summary.contended} after waiting; wait {v.summary.wait_ms.toFixed(3)} ms in all (longest{' '}
                  {v.summary.max_wait_ms.toFixed(3)} ms); held {v.summary.hold_ms.toFixed(3)} ms
                </span>
                {m && (
                  <span className="muted">
                    measured: {m.acquisitions} taken, {m.contended} waited, {m.wait_ms.toFixed(3)} ms waiting, longest {m.max_wait_ms.toFixed(3)} ms
                  </span>
                )}
              </div>
              <div className="histogram" role="img" aria-label={`Distribution of waits and holds of ${v.name}`}>
                {v.bins.map((b, k) => (
                  <div key={k} className="bin" title={`${BIN_LABEL[k]}: ${b.waits} waits, ${b.holds} holds`}>
                    <div className="bars">
                      <i className="wait" style={{ height: `${(b.waits / peak) * 100}%` }} />
                      <i className="hold" style={{ height: `${(b.holds / peak) * 100}%` }} />
                    </div>
                    <span>{BIN_LABEL[k]}</span>
                  </div>
                ))}
              </div>
              {v.waitedOn.length > 0 && (
                <p className="waited-on">
                  Who waited on whom:{' '}
                  {v.waitedOn.slice(0, 8).map((w, k) => (
                    <span key={k} className="pair">
                      {w.waiter} ← {w.holder} ×{w.times}
                    </span>
                  ))}
                  {v.waitedOn.length > 8 && <span className="muted"> and {v.waitedOn.length - 8} more</span>}
                </p>
              )}
            </div>
          );
        })
      )}
      {rest.length > 0 && (
        <div className="lock-rest" data-testid="lock-rest">
          <p className="small-print muted">
            {rest.length} more, waited on less (the {DETAILED_LOCKS} above are the most waited on of {detailed.length + rest.length}):
          </p>
          <table className="compact">
            <thead>
              <tr>
                <th>lock</th>
                <th className="num">taken</th>
                <th className="num">after waiting</th>
                <th className="num">wait in all</th>
                <th className="num">longest</th>
                <th className="num">held</th>
                {measured && <th className="num">measured wait</th>}
              </tr>
            </thead>
            <tbody>
              {rest.map((v) => (
                <tr key={v.name} data-lock={v.name}>
                  <td className="mono">{v.name}</td>
                  <td className="num">{v.summary.acquisitions}</td>
                  <td className="num">{v.summary.contended}</td>
                  <td className="num">{v.summary.wait_ms.toFixed(3)} ms</td>
                  <td className="num">{v.summary.max_wait_ms.toFixed(3)} ms</td>
                  <td className="num">{v.summary.hold_ms.toFixed(3)} ms</td>
                  {measured && <td className="num">{measured[v.name] ? `${measured[v.name]!.wait_ms.toFixed(3)} ms` : '-'}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="legend-row">
        <span className="key-swatch">
          <i className="wait-swatch" /> waits
        </span>
        <span className="key-swatch">
          <i className="hold-swatch" /> holds (simulated)
        </span>
      </div>
    </section>
  );
}
