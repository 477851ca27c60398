import { MAX_REPS, type Channel, type Contract, type HostCapabilities, type JobRequest, type ProfileText, type Result } from '../../preload/contract.js';
import { listBuiltins, readBuiltin } from '../profile-library.js';
import { JobManager } from './jobs.js';
import { LIMITS } from '../../simulator/index.js';

/** Host-specific parts: only Electron has a native dialog. */
export interface HostFeatures {
  readonly capabilities: HostCapabilities;
  readonly openProfileDialog: () => Promise<ProfileText | null>;
}

export type Handlers = { readonly [C in Channel]: (request: unknown) => Promise<Result<Contract[C]['response']>> };

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(error: string): Result<T> => ({ ok: false, error });

/**
 * The main side of the contract, shared by the Electron host and the browser
 * host. Each handler validates its payload (it came from a page) and answers
 * with a Result; an unexpected error becomes its message, never a crash.
 */
export function createHandlers(host: HostFeatures, jobs = new JobManager()): Handlers {
  return {
    listProfiles: guard(async () => ok(listBuiltins())),
    readProfile: guard(async (request) => {
      const id = isRecord(request) && typeof request.id === 'string' ? request.id : null;
      if (id === null) return fail('readProfile expects {id: string}');
      const found = readBuiltin(id);
      return found ? ok(found) : fail(`no built-in profile with id ${JSON.stringify(id)}`);
    }),
    openProfileDialog: guard(async () =>
      host.capabilities.nativeDialog ? ok(await host.openProfileDialog()) : fail('this host has no native file dialog; use the file input'),
    ),
    capabilities: guard(async () => ok(host.capabilities)),
    startJob: guard(async (request) => {
      const job = jobRequest(request);
      if (typeof job === 'string') return fail(job);
      const started = jobs.start(job);
      return typeof started === 'string' ? fail(started) : ok(started);
    }),
    jobStatus: guard(async (request) => {
      const id = isRecord(request) && typeof request.jobId === 'string' ? request.jobId : null;
      const status = id === null ? null : jobs.status(id);
      return status ? ok(status) : fail(`no job ${JSON.stringify(id)}`);
    }),
    cancelJob: guard(async (request) => {
      const id = isRecord(request) && typeof request.jobId === 'string' ? request.jobId : null;
      return id !== null && jobs.cancel(id) ? ok(null) : fail(`no job ${JSON.stringify(id)}`);
    }),
  };
}

/** Checks a job request from a page: every field of the right type and within limits. */
function jobRequest(x: unknown): JobRequest | string {
  if (!isRecord(x)) return 'startJob expects a request object';
  const { kind, file, text, workers, reps, seed, cores } = x;
  if (kind !== 'simulate' && kind !== 'run') return 'kind must be simulate or run';
  if (typeof file !== 'string' || typeof text !== 'string') return 'file and text must be strings';
  if (text.length > 1024 * 1024) return 'the profile is larger than 1 MiB';
  const whole = (v: unknown, min: number, max: number) => v === undefined || (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max);
  if (workers !== undefined && (!Array.isArray(workers) || workers.length > LIMITS.sweepLength || !workers.every((w) => whole(w, 1, LIMITS.workers))))
    return `workers must be a list of at most ${LIMITS.sweepLength} whole numbers from 1 to ${LIMITS.workers}`;
  if (Array.isArray(workers) && new Set(workers).size !== workers.length) return 'workers lists a count twice';
  if (!whole(reps, 1, MAX_REPS)) return `reps must be a whole number from 1 to ${MAX_REPS}`;
  if (!whole(seed, 0, Number.MAX_SAFE_INTEGER)) return 'seed must be a whole number >= 0';
  if (!whole(cores, 1, LIMITS.cores)) return `cores must be a whole number from 1 to ${LIMITS.cores}`;
  return {
    kind,
    file,
    text,
    workers: workers as number[] | undefined,
    reps: reps as number | undefined,
    seed: seed as number | undefined,
    cores: cores as number | undefined,
  };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

function guard<T>(handler: (request: unknown) => Promise<Result<T>>): (request: unknown) => Promise<Result<T>> {
  return async (request) => {
    try {
      return await handler(request);
    } catch (e) {
      return fail(e instanceof Error ? e.message : String(e));
    }
  };
}
