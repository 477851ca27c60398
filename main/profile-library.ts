import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseProfile } from '../simulator/index.js';
import type { BuiltinProfile, ProfileText } from '../preload/contract.js';
import { paths, projectRoot } from './paths.js';

/** Group folders in the order the library shows them. */
const GROUP_ORDER = ['talk', 'classic'];

/**
 * The built-in profiles under profiles/<group>/*.yaml. Read from disk each
 * time (there are a handful), so a profile added to the folder shows at once.
 */
export function listBuiltins(): BuiltinProfile[] {
  const root = paths.profiles();
  const groups = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return groups.flatMap((group) =>
    readdirSync(join(root, group))
      .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml') || f.endsWith('.json'))
      .sort()
      .map((f) => {
        const path = join(root, group, f);
        const file = relative(projectRoot(), path);
        const parsed = parseProfile(readFileSync(path, 'utf8'), file);
        const id = `${group}/${f.replace(/\.(ya?ml|json)$/, '')}`;
        return parsed.ok
          ? { id, group, file, name: parsed.program.name, description: parsed.program.description }
          : { id, group, file, name: f, description: 'this built-in profile does not validate' };
      }),
  );
}

function rank(group: string): number {
  const i = GROUP_ORDER.indexOf(group);
  return i < 0 ? GROUP_ORDER.length : i;
}

/** A built-in's text by id; only ids the library lists are served, never a path. */
export function readBuiltin(id: string): ProfileText | null {
  const entry = listBuiltins().find((p) => p.id === id);
  if (!entry) return null;
  return { file: entry.file, text: readFileSync(join(projectRoot(), entry.file), 'utf8') };
}
