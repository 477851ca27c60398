import { useMemo } from 'react';
import { workersText, type Finding } from '../../simulator/index';
import type { JobResult } from '../../preload/contract';
import { cycleInWords, deadlockGraph, drawable } from './charts/deadlock-layout';
import type { LaneFocus } from './charts/timeline-window';

export function DeadlockView({ result, onFocus }: { readonly result: JobResult; readonly onFocus: (process: string, group: LaneFocus['group']) => void }) {
  const findings: readonly Finding[] = [...(result.run?.findings ?? []), ...result.simulation.findings];
  const deadlock = findings.find((f): f is Extract<Finding, { kind: 'deadlock' }> => f.kind === 'deadlock');
  // The run the deadlock was found in: its processes are shown in that run's lanes of the timeline.
  const group = deadlock && result.run?.findings.includes(deadlock) ? 'measured' : 'simulated';
  const inversions = findings.filter((f): f is Extract<Finding, { kind: 'lock_order_inversion' }> => f.kind === 'lock_order_inversion');
  const graph = useMemo(() => (deadlock && drawable(deadlock) ? deadlockGraph(deadlock, 520, 300) : null), [deadlock]);
  const at = (id: string) => graph!.nodes.find((n) => n.id === id)!;
  return (
    <section className="card" data-testid="deadlock-graph" aria-label="Deadlocks">
      <h2>Deadlocks</h2>
      {deadlock ? (
        <>
          <p className="cycle" data-testid="deadlock-cycle">
            Deadlock with {workersText(deadlock.workers)}: {cycleInWords(deadlock)}.
          </p>
          {graph === null ? (
            <p className="muted">The cycle is too long to draw ({deadlock.cycle.length} processes); the sentence above names every link.</p>
          ) : (
            <>
              {/* A long cycle's larger frame fills the card, or is drawn at most a third smaller and scrolls there. */}
              <div className="graph-frame">
                <svg
                  viewBox={`0 0 ${graph.width} ${graph.height}`}
                  className="chart wide graph"
                  style={graph.width > 520 ? { minWidth: graph.width * 0.66 } : undefined}
                  role="group"
                  aria-label="Wait-for graph"
                >
                  <defs>
                    <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                      <path d="M 0 0 L 10 5 L 0 10 z" className="arrowhead" />
                    </marker>
                  </defs>
                  {graph.edges.map((e, k) => {
                    const a = at(e.from);
                    const b = at(e.to);
                    const dx = b.x - a.x;
                    const dy = b.y - a.y;
                    const d = Math.hypot(dx, dy) || 1;
                    const pad = 30;
                    return (
                      <g key={k} className={`edge ${e.kind}${e.inCycle ? ' cycle' : ''}`}>
                        <line x1={a.x + (dx / d) * pad} y1={a.y + (dy / d) * pad} x2={b.x - (dx / d) * pad} y2={b.y - (dy / d) * pad} markerEnd="url(#arrow)" />
                        <text x={(a.x + b.x) / 2} y={(a.y + b.y) / 2 - 4} textAnchor="middle">
                          {e.kind === 'waits' ? 'waits for' : 'held by'}
                        </text>
                      </g>
                    );
                  })}
                  {graph.nodes.map((n) =>
                    n.kind === 'process' ? (
                      <g
                        key={n.id}
                        className="node process"
                        transform={`translate(${n.x}, ${n.y})`}
                        onClick={() => onFocus(n.label, group)}
                        // Reached and pressed from the keyboard too, as a button is.
                        onKeyDown={(e) => {
                          if (e.key === 'Enter' || e.key === ' ') {
                            e.preventDefault();
                            onFocus(n.label, group);
                          }
                        }}
                        tabIndex={0}
                        role="button"
                        aria-label={`Show ${n.label} in the timeline`}
                        data-node={n.label}
                      >
                        <circle r={26} />
                        <text textAnchor="middle" dy="0.32em">
                          {n.label}
                        </text>
                      </g>
                    ) : (
                      <g key={n.id} className="node resource" transform={`translate(${n.x}, ${n.y})`} data-node={n.label}>
                        <rect x={-30} y={-16} width={60} height={32} rx={6} />
                        <text textAnchor="middle" dy="0.32em">
                          {n.label}
                        </text>
                      </g>
                    ),
                  )}
                </svg>
              </div>
              <p className="muted small-print">Click a process to show it in the timeline.</p>
            </>
          )}
        </>
      ) : (
        <p className="muted" data-testid="deadlock-cycle">
          No deadlock in these runs.
        </p>
      )}
      {inversions.length > 0 && (
        <div className="inversions">
          <h3>Lock-order inversions</h3>
          <ul>
            {inversions.slice(0, 4).map((f, k) => (
              <li key={k}>
                {f.locks.join(', ')} ({workersText(f.workers)}):{' '}
                {f.orders.map((o) => `${o.process} takes ${o.then} while holding ${o.first}${o.line ? ` (line ${o.line})` : ''}`).join('; ')}. A deadlock under
                another timing.
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
