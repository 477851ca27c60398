import { API_GLOBAL, type InterleaveApi } from '../../preload/contract';

/**
 * The one place the renderer reaches its host. Electron's preload and the
 * browser-mode bridge both publish the same object; the renderer cannot tell
 * which it has.
 */
export function api(): InterleaveApi {
  const found = (window as unknown as Record<string, InterleaveApi | undefined>)[API_GLOBAL];
  if (!found) throw new Error('Interleave API missing: the page was opened without its host (use npm start or interleave serve)');
  return found;
}
