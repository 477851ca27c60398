/**
 * The typed contract of every call between the renderer and the main side:
 * channel name, request type, response type. Types only, plus the list of
 * channel names; it imports nothing at run time, so every host (Electron's
 * preload, the browser-mode bridge) and the renderer can share it.
 */

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

/** Request and response of each channel. `null` requests take no argument. */
export interface Contract {
  listProfiles: { request: null; response: readonly BuiltinProfile[] };
  readProfile: { request: { readonly id: string }; response: ProfileText };
  /** Resolves to null when the user cancels the dialog. */
  openProfileDialog: { request: null; response: ProfileText | null };
  capabilities: { request: null; response: HostCapabilities };
}

export type Channel = keyof Contract;

export const CHANNELS: readonly Channel[] = ['listProfiles', 'readProfile', 'openProfileDialog', 'capabilities'];

/** The one API object the renderer reads, whichever host it runs in. */
export type InterleaveApi = {
  readonly [C in Channel]: (request: Contract[C]['request']) => Promise<Result<Contract[C]['response']>>;
};

/** Where the API object is published on `window`. */
export const API_GLOBAL = 'interleave';
