import { workersText } from '../../../simulator/index';
import { SpeedupAxes } from './speedup-axes';
import { amdahlLayout } from './amdahl-layout';

export function AmdahlChart({ serialFraction, sweep }: { readonly serialFraction: number; readonly sweep: readonly number[] }) {
  const g = amdahlLayout(serialFraction, sweep, 320, 170);
  return (
    <svg className="chart" viewBox={`0 0 ${g.width} ${g.height}`} role="img" aria-label="Amdahl's predicted speedup over the sweep" data-testid="amdahl-chart">
      <SpeedupAxes g={g} />
      <path className="ideal" d={g.idealPath} />
      <path className="amdahl" d={g.amdahlPath} />
      {g.points.map((p) => (
        <circle key={p.workers} className="amdahl-point" cx={p.x} cy={p.y} r={3.5}>
          <title>{`${workersText(p.workers)}: ${p.speedup.toFixed(2)}×`}</title>
        </circle>
      ))}
      {/* Top left, where neither line goes (a speedup above the workers' count): at the bottom right it hid
          Amdahl's curve and its last point. */}
      <g className="legend" transform={`translate(${g.margin.left + 8}, ${g.margin.top + 12})`}>
        <line className="amdahl" x1={0} x2={16} y1={0} y2={0} />
        <text className="tick" x={20} y={0} dy="0.32em">
          Amdahl
        </text>
        <line className="ideal" x1={70} x2={86} y1={0} y2={0} />
        <text className="tick" x={90} y={0} dy="0.32em">
          ideal
        </text>
      </g>
      <text className="axis-label" x={g.width - g.margin.right} y={g.height - 2} textAnchor="end">
        workers
      </text>
    </svg>
  );
}
