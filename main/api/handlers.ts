import type { Channel, Contract, HostCapabilities, ProfileText, Result } from '../../preload/contract.js';
import { listBuiltins, readBuiltin } from '../profile-library.js';

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
export function createHandlers(host: HostFeatures): Handlers {
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
