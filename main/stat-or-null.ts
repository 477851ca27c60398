import { statSync, type Stats } from 'node:fs';

/** What is at a path, or null where nothing is (or it cannot be looked at): for checks made before writing there. */
export function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
