import { evalExpr } from './count.js';
import type { Program } from './ir.js';

/** Templates that some process spawns: they start only when spawned. */
export function spawnedTemplates(program: Program): ReadonlySet<number> {
  return new Set(program.templates.flatMap((t) => t.code.flatMap((c) => (c.op === 'spawn' ? [c.t] : []))));
}

/**
 * The processes a run starts with, in the order they start: `main` alone
 * where the profile has one, else every instance of each template that no
 * process spawns. As many per template as its count says for `workers`.
 */
export function firstWave(program: Program, workers: number): { readonly template: number; readonly count: number }[] {
  if (program.main !== null) return [{ template: program.main, count: 1 }];
  const spawned = spawnedTemplates(program);
  return program.templates.flatMap((t, template) => (spawned.has(template) ? [] : [{ template, count: evalExpr(t.count, { workers, i: 0 }) }]));
}
