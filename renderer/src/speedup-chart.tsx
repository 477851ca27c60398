import { workersText } from '../../simulator/index';
import { SpeedupAxes } from './charts/speedup-axes';
import { useState } from 'react';
import type { JobResult } from '../../preload/contract';
import { speedupLayout, type SpeedupPoint } from './charts/speedup-layout';
import { ms, whyNoSpeedup } from './charts/run-words';

const SERIES_LABEL = { measured: 'measured', simulated: 'simulated', amdahl: "Amdahl's law" } as const;

export function SpeedupChart({ result }: { readonly result: JobResult }) {
  const g = speedupLayout(result, 560, 300);
  const [hover, setHover] = useState<SpeedupPoint | null>(null);
  const sim = result.simulation;
  const run = result.run;
  return (
    <section className="card chart-card" data-testid="speedup-chart" aria-label="Speedup">
      <h2>Speedup</h2>
      <svg
        viewBox={`0 0 ${g.width} ${g.height}`}
        className="chart wide"
        role="img"
        aria-label="Speedup over worker counts: measured, simulated, Amdahl and ideal"
      >
        <SpeedupAxes g={g} />
        <text className="axis-label" x={g.width - g.margin.right} y={g.height - 4} textAnchor="end">
          {result.curveCores === null
            ? 'workers (virtual cores for the simulated curve)'
            : `workers (all on ${result.curveCores} virtual ${result.curveCores === 1 ? 'core' : 'cores'})`}
        </text>
        <path className="ideal" d={g.idealPath} />
        <path className="amdahl" d={g.amdahlPath} />
        <path className="simulated" d={g.simulatedPath} />
        <path className="measured" d={g.measuredPath} />
        {g.points.map((p) => (
          <g key={`${p.series}${p.workers}`} onMouseEnter={() => setHover(p)} onMouseLeave={() => setHover(null)}>
            {p.yLow !== undefined && p.yHigh !== undefined && <line className="spread" x1={p.x} x2={p.x} y1={p.yLow} y2={p.yHigh} />}
            <circle className={`dot ${p.series}`} cx={p.x} cy={p.y} r={p.series === 'measured' ? 4.5 : 3.5} data-series={p.series} data-workers={p.workers} />
            <circle className="hit" cx={p.x} cy={p.y} r={10} />
          </g>
        ))}
        {g.peak && (
          <text className="annotation" x={g.peak.x} y={g.peak.y - 10} textAnchor="middle">
            stops scaling near {g.peak.workers}
          </text>
        )}
        {hover && (
          <g className="tooltip-svg" transform={`translate(${Math.min(hover.x + 10, g.width - 190)}, ${Math.max(hover.y - 44, 4)})`}>
            <rect width={180} height={hover.low !== undefined ? 48 : 34} rx={6} />
            <text x={8} y={14}>
              {SERIES_LABEL[hover.series]}, {workersText(hover.workers)}
            </text>
            <text x={8} y={28} data-testid="speedup-hover">
              {hover.speedup.toFixed(2)}× · efficiency {((hover.speedup / hover.workers) * 100).toFixed(0)}%
            </text>
            {hover.low !== undefined && (
              <text x={8} y={42}>
                spread {hover.low.toFixed(2)}× – {hover.high!.toFixed(2)}×
              </text>
            )}
          </g>
        )}
      </svg>
      {sim.runs.every((r) => r.simulated.speedup === null) && (
        <p className="muted small-print" data-testid="speedup-note">
          No speedup to draw: {whyNoSpeedup(sim.runs.map((r) => r.simulated))}.
        </p>
      )}
      <div className="legend-row">
        <span className="key measured">measured (spread over repetitions)</span>
        <span className="key simulated">simulated</span>
        <span className="key amdahl">Amdahl</span>
        <span className="key ideal">ideal</span>
      </div>
      <table className="compact" data-testid="speedup-table">
        <thead>
          <tr>
            <th className="num">workers</th>
            {run && <th className="num">measured</th>}
            <th className="num">simulated</th>
            <th className="num">efficiency</th>
            <th className="num">Amdahl</th>
            {run && <th className="num">Karp–Flatt</th>}
            <th>outcome</th>
          </tr>
        </thead>
        <tbody>
          {sim.runs.map((r) => {
            const m = run?.runs.find((x) => x.workers === r.workers);
            const kf = run?.karp_flatt.find((k) => k.workers === r.workers);
            const speedup = m ? m.measured.speedup : r.simulated.speedup;
            return (
              <tr key={r.workers}>
                <td className="num">{r.workers}</td>
                {run && (
                  <td className="num">
                    {m ? `${ms(m.measured.makespan_ms)}${m.measured.speedup !== null ? ` · ${m.measured.speedup.toFixed(2)}×` : ''}` : '-'}
                  </td>
                )}
                <td className="num">
                  {ms(r.simulated.makespan_ms)}
                  {r.simulated.speedup !== null ? ` · ${r.simulated.speedup.toFixed(2)}×` : ''}
                </td>
                <td className="num">{speedup === null ? '-' : `${((speedup / r.workers) * 100).toFixed(0)}%`}</td>
                <td className="num">{r.amdahl_speedup === null ? '-' : `${r.amdahl_speedup.toFixed(2)}×`}</td>
                {run && <td className="num">{kf ? `${(kf.serial_fraction * 100).toFixed(1)}%` : '-'}</td>}
                <td>{m ? m.measured.outcome : r.simulated.outcome}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted small-print">
        Serial fraction from the profile:{' '}
        {sim.serial_fraction === null ? 'not computable (the work depends on timing)' : `${(sim.serial_fraction * 100).toFixed(1)}%`} · cost model{' '}
        {sim.cost_model.name}
      </p>
    </section>
  );
}
