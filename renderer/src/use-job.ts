import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobRequest, JobStatus } from '../../preload/contract';
import { api } from './api';

/** What a job ran: the profile (as the app names it) and its text then. */
export interface JobSubject {
  readonly profile: string;
  readonly text: string;
}

/** A job's life as the views see it: idle, running with progress, or finished, and what it ran. */
export function useJob() {
  const [jobId, setJobId] = useState<string | null>(null);
  const [status, setStatus] = useState<JobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [subject, setSubject] = useState<JobSubject | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // For forget(), which must not change when the job does (the app calls it when the open profile changes).
  const jobIdRef = useRef<string | null>(null);
  jobIdRef.current = jobId;
  // Bumped by forget(): a job whose start was still on its way then is cancelled as it arrives.
  const generation = useRef(0);

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

  const start = useCallback(async (request: JobRequest, profile: string) => {
    setError(null);
    setSubject({ profile, text: request.text });
    setStatus({ state: 'running', progress: { fraction: 0, message: 'starting...' } });
    const started = generation.current;
    const r = await api().startJob(request);
    if (generation.current !== started) {
      if (r.ok) void api().cancelJob({ jobId: r.value.jobId });
      return;
    }
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

  /** Forgets the job (another profile was opened): a running one is cancelled, and nothing of it is shown. */
  const forget = useCallback(() => {
    generation.current++;
    if (jobIdRef.current) void api().cancelJob({ jobId: jobIdRef.current });
    setJobId(null);
    setStatus(null);
    setError(null);
    setSubject(null);
  }, []);

  return { status, error, subject, running: status?.state === 'running', start, cancel, forget };
}
