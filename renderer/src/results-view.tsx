import { useState } from 'react';
import type { JobResult } from '../../preload/contract';
import { DeadlockView } from './deadlock-view';
import { FindingsView } from './findings-view';
import { LockWaits } from './lock-waits';
import { SpeedupChart } from './speedup-chart';
import type { LaneFocus } from './charts/timeline-window';
import { TimelineView } from './timeline-view';

export function ResultsView({ result }: { readonly result: JobResult }) {
  const [focus, setFocus] = useState<LaneFocus | null>(null);
  const showInTimeline = (process: string, group: LaneFocus['group']) => {
    setFocus({ process, group });
    document.querySelector('[data-testid="timeline"]')?.scrollIntoView({ behavior: 'smooth' });
  };
  return (
    <div className="results" data-testid="results">
      <div className="results-row">
        <SpeedupChart result={result} />
        <FindingsView result={result} />
      </div>
      <TimelineView result={result} focus={focus} />
      <div className="results-row">
        <LockWaits result={result} />
        <DeadlockView result={result} onFocus={showInTimeline} />
      </div>
    </div>
  );
}
