/** What both speedup charts share: horizontal grid lines with speedup labels, and worker-count ticks. */
export interface AxesGeometry {
  readonly width: number;
  readonly height: number;
  readonly margin: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
  readonly xTicks: readonly { readonly value: number; readonly x: number }[];
  readonly yTicks: readonly { readonly value: number; readonly y: number }[];
}

export function SpeedupAxes({ g }: { readonly g: AxesGeometry }) {
  return (
    <>
      {g.yTicks.map((t) => (
        <g key={`y${t.value}`}>
          <line className="grid" x1={g.margin.left} x2={g.width - g.margin.right} y1={t.y} y2={t.y} />
          <text className="tick" x={g.margin.left - 6} y={t.y} dy="0.32em" textAnchor="end">
            {t.value}×
          </text>
        </g>
      ))}
      {g.xTicks.map((t) => (
        <text key={`x${t.value}`} className="tick" x={t.x} y={g.height - g.margin.bottom + 16} textAnchor="middle">
          {t.value}
        </text>
      ))}
    </>
  );
}
