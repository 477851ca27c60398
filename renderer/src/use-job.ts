import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobRequest, JobStatus } from '../../preload/contract';
import { api } from './api';

/** A job's life as the views see it: idle, running with progress, or finished. */
export function useJob() {
  const [jobId, setJobId] = useState<string | null>(null);
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    const poll = async () => {
      const r = await api().jobStatus({ jobId });
      if (stopped) return;
      if (!r.ok) {
        setError(r.error);
        setJobId(null);
        return;
      }
      setStatus(r.value);
      if (r.value.state === 'running') timer.current = setTimeout(() => void poll(), 120);
      else setJobId(null);
    };
    void poll();
    return () => {
      stopped = true;
      if (timer.current) clearTimeout(timer.current);
    };
  }, [jobId]);

  const start = useCallback(async (request: JobRequest) => {
    setError(null);
    setStatus({ state: 'running', progress: { fraction: 0, message: 'starting...' } });
    const r = await api().startJob(request);
    if (r.ok) setJobId(r.value.jobId);
    else {
      setStatus(null);
      setError(r.error);
    }
  }, []);

  const cancel = useCallback(async () => {
    if (!jobId) return;
    await api().cancelJob({ jobId });
  }, [jobId]);

  return { status, error, running: status?.state === 'running', start, cancel };
}
