/**
 * The typed contract of every call between the renderer and the main side:
 * channel name, request type, response type. Types only (its imports are
 * type imports, erased), plus the list of channel names; it imports nothing at run time, so every host (Electron's
 * preload, the browser-mode bridge) and the renderer can share it.
 */

import type { RunResult, SimulationResult, Trace } from '../simulator/index.js';

/** Every call answers with a value or a plain error message, never a thrown error. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** A built-in profile, as the library lists it. */
export interface BuiltinProfile {
  /** Stable id: the group and file name, like `talk/deadlock-foo-bar`. */
  readonly id: string;
  /** The folder it lives in: `talk`, `classic`. */
  readonly group: string;
  readonly name: string;
  readonly description: string;
  /** The file name shown in errors, like `profiles/talk/deadlock-foo-bar.yaml`. */
  readonly file: string;
}

/** A profile's text and the name to show in its errors. */
export interface ProfileText {
  readonly file: string;
  readonly text: string;
}

/** What the host can do beyond the common calls. */
export interface HostCapabilities {
  /** A native open-file dialog (Electron); browser mode opens files with an input instead. */
  readonly nativeDialog: boolean;
}

/** What a job does: simulate the sweep, or measure it for real beside the simulated twin. */
export type JobKind = 'simulate' | 'run';

/** Repetitions of a real run, at most (the command line's `--reps` and the app's control alike); 3 by default. */
export const MAX_REPS = 100;
export const DEFAULT_REPS = 3;

export interface JobRequest {
  readonly kind: JobKind;
  /** The profile as the editor holds it (it may differ from the file on disk). */
  readonly file: string;
  readonly text: string;
  /** Worker counts; default the profile's sweep. */
  readonly workers?: readonly number[];
  /** Repetitions of a real run, 1 to MAX_REPS. */
  readonly reps?: number;
  readonly seed?: number;
  /** Virtual cores of the simulation; default as many as the run has workers. */
  readonly cores?: number;
}

export interface JobProgress {
  /** From 0 to 1. */
  readonly fraction: number;
  /** What it is doing, in words. */
  readonly message: string;
}

/** Everything the views show of a finished job. */
export interface JobResult {
  readonly kind: JobKind;
  readonly simulation: SimulationResult;
  /** The real measurements, for a run. */
  readonly run: RunResult | null;
  /** Simulated speedup of 1 to 64 workers, to show where the program stops scaling. */
  readonly curve: readonly { readonly workers: number; readonly speedup: number | null }[];
  /** The virtual cores of the curve's runs: null, as many as each has workers; else the cores a simulation was asked to run on. */
  readonly curveCores: number | null;
  /** The timeline's traces: one worker count, simulated and (for a run) measured. */
  readonly timeline: { readonly workers: number; readonly simulated: Trace | null; readonly measured: Trace | null };
}

export type JobStatus =
  | { readonly state: 'running'; readonly progress: JobProgress }
  | { readonly state: 'done'; readonly progress: JobProgress; readonly result: JobResult }
  | { readonly state: 'failed'; readonly error: string }
  | { readonly state: 'cancelled' };

/** Request and response of each channel. `null` requests take no argument. */
export interface Contract {
  listProfiles: { request: null; response: readonly BuiltinProfile[] };
  readProfile: { request: { readonly id: string }; response: ProfileText };
  /** Resolves to null when the user cancels the dialog. */
  openProfileDialog: { request: null; response: ProfileText | null };
  capabilities: { request: null; response: HostCapabilities };
  /** Starts a simulation or a real run; its progress and result come from jobStatus. */
  startJob: { request: JobRequest; response: { readonly jobId: string } };
  jobStatus: { request: { readonly jobId: string }; response: JobStatus };
  cancelJob: { request: { readonly jobId: string }; response: null };
}

export type Channel = keyof Contract;

export const CHANNELS: readonly Channel[] = ['listProfiles', 'readProfile', 'openProfileDialog', 'capabilities', 'startJob', 'jobStatus', 'cancelJob'];

/** The one API object the renderer reads, whichever host it runs in. */
export type InterleaveApi = {
  readonly [C in Channel]: (request: Contract[C]['request']) => Promise<Result<Contract[C]['response']>>;
};

/** Where the API object is published on `window`. */
export const API_GLOBAL = 'interleave';
