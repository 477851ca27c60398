import { evalExpr } from './count.js';
import type { Expr, Program, Resource } from './ir.js';
import { spawnedTemplates } from './first-wave.js';
import { estimateWork, type WorkEstimate } from './work-estimate.js';

/** What a profile holds, in a form a person can read at a glance. */
export interface ProgramSummary {
  readonly name: string;
  readonly description: string;
  readonly sweep: readonly number[];
  readonly seed: number;
  readonly runForNs: number | null;
  readonly processes: readonly {
    readonly name: string;
    /** The count as written, or evaluated over the sweep when it reads `$workers`. */
    readonly count: string;
    readonly starts: 'main' | 'at start' | 'when spawned';
    readonly steps: number;
  }[];
  readonly resources: readonly { readonly name: string; readonly kind: Resource['kind']; readonly detail: string }[];
  /** Steps in all templates, counting a repeat once. */
  readonly steps: number;
  readonly work: WorkEstimate;
}

export function describeProgram(program: Program): ProgramSummary {
  const spawned = spawnedTemplates(program);
  const processes = program.templates.map((t, index) => ({
    name: t.name,
    count: overSweep(t.count, program.sweep),
    starts: index === program.main ? ('main' as const) : program.main === null && !spawned.has(index) ? ('at start' as const) : ('when spawned' as const),
    steps: t.code.filter((c) => c.op !== 'next').length,
  }));
  const resources = program.resources.filter((r) => !r.implied).map((r) => ({ name: r.name, kind: r.kind, detail: detail(r, program) }));
  return {
    name: program.name,
    description: program.description,
    sweep: program.sweep,
    seed: program.seed,
    runForNs: program.runForNs,
    processes,
    resources,
    steps: processes.reduce((sum, p) => sum + p.steps, 0),
    work: estimateWork(program),
  };
}

function overSweep(e: Expr, sweep: readonly number[]): string {
  const values = sweep.map((workers) => evalExpr(e, { workers, i: 0 }));
  return new Set(values).size === 1 ? String(values[0]) : values.join('/');
}

/** "1 party", "3 parties", "1/2/4 parties" (a count that differs over the sweep is plural). */
function counted(n: string, one: string, many: string): string {
  return `${n} ${n === '1' ? one : many}`;
}

function detail(r: Resource, program: Program): string {
  switch (r.kind) {
    case 'semaphore':
    case 'bounded_semaphore':
      return `initial ${overSweep(r.initial, program.sweep)}`;
    case 'barrier':
      return counted(overSweep(r.parties, program.sweep), 'party', 'parties');
    case 'queue':
      return r.capacity ? `holds ${overSweep(r.capacity, program.sweep)}` : 'unbounded';
    case 'value':
      return `starts at ${r.initial}`;
    case 'array':
      return counted(overSweep(r.length, program.sweep), 'slot', 'slots');
    case 'condition':
      return `with ${program.resources[r.lock]!.implied ? 'its own rlock' : `lock ${program.resources[r.lock]!.name}`}`;
    case 'lock':
    case 'rlock':
    case 'event':
      return '';
  }
}
