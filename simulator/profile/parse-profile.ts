import { checkRange, grouped, type CompileContext } from './compile-context.js';
import { compileSteps, type CompiledSteps } from './compile-steps.js';
import { evalExpr, readExpr, SCOPE_WORKERS, type CountEnv } from './count.js';
import { didYouMean, oneOf, show, type ProfileError } from './diagnostics.js';
import { describe, readFixedNs } from './duration.js';
import { firstWave } from './first-wave.js';
import type { Expectation, Expr, Program, Resource, SourcePos, Template } from './ir.js';
import { LIMITS } from './limits.js';
import { readLocatedTree, type LEntry, type LMap, type LNode } from './located-tree.js';
import { Reporter } from './reporter.js';
import { readTitle } from './title.js';
import { RESOURCE_KINDS, RESOURCE_WORDS, TOP_LEVEL_KEYS } from './vocabulary.js';

export type ParseResult = { readonly ok: true; readonly program: Program } | { readonly ok: false; readonly errors: readonly ProfileError[] };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DEFAULT_SWEEP = [1, 2, 4];
const START: SourcePos = { line: 1, column: 1 };

/**
 * Parses and checks a workload profile (YAML or JSON text) and compiles it to
 * the program IR. Never throws on bad input: every problem comes back as an
 * error with its file, line and column. Its counts, indices and limits are checked
 * for every worker count of its sweep, and of `alsoWorkers` where given (the
 * counts asked for on the command line); `countsAlsoAt`: counts at which
 * only what would stop a run is checked (counts, indices, array lengths:
 * the one-worker run that speedup is measured against, which reports no
 * findings, so its `expect` and the pool's size go unchecked).
 */
export function parseProfile(text: string, file = 'profile.yaml', alsoWorkers: readonly number[] = [], countsAlsoAt: readonly number[] = []): ParseResult {
  const tree = readLocatedTree(text, file);
  if (!tree.ok) return tree;
  const report = new Reporter(file);
  const program = compileProgram(tree.root, report, alsoWorkers, countsAlsoAt);
  return program && report.count === 0 ? { ok: true, program } : { ok: false, errors: report.errors() };
}

function compileProgram(root: LNode, report: Reporter, alsoWorkers: readonly number[], countsAlsoAt: readonly number[]): Program | null {
  if (root.kind !== 'map') {
    report.error(root.at, `a profile is a map of keys (version, name, resources, processes, ...), found ${describe(root)}`);
    return null;
  }
  const top = topLevel(root, report);
  const version = top.get('version');
  if (!version) {
    report.error(START, 'missing version; expected `version: 1` at the top of the profile');
  } else if (version.value.kind !== 'scalar' || version.value.value !== 1) {
    const quoted = version.value.kind === 'scalar' && version.value.value === '1';
    report.error(
      version.value.at,
      `unsupported version ${describe(version.value)}; this Interleave reads version 1${quoted ? ' (the number: write it without quotes)' : ''}`,
    );
    return null;
  }
  const name = readText(top.get('name'), 'name', report, true);
  const description = readText(top.get('description'), 'description', report, false);
  const seed = readSeed(top.get('seed'), report);
  const sweep = readSweep(top.get('workers'), report);
  const envsOf = (counts: readonly number[]): CountEnv[] => [...new Set(counts)].map((workers) => ({ workers, i: 0 }));
  // Everything is checked over the sweep and the counts asked for; what would stop a run, at countsAlsoAt too.
  const runEnvs = envsOf([...sweep, ...alsoWorkers]);
  const sweepEnvs = envsOf([...sweep, ...alsoWorkers, ...countsAlsoAt]);
  const runFor = top.get('run_for');
  const runForNs = runFor ? readFixedNs(runFor.value, report) : null;
  const poolWorkers = readPool(top.get('pool'), runEnvs, report);

  const { resources, resourceIndex } = readResources(top.get('resources'), sweepEnvs, report);
  const brokenResources = new Set(declaredNames(top.get('resources')).filter((n) => !resourceIndex.has(n)));

  // Templates first by name, so steps can spawn templates declared after them.
  const processes = top.get('processes');
  const mainEntry = top.get('main');
  const templateNodes = readTemplateHeads(processes, report);
  if (mainEntry) templateNodes.push({ name: 'main', at: mainEntry.keyAt, count: null, steps: mainEntry.value });
  if (templateNodes.length === 0 && report.count === 0) {
    report.error(START, 'the profile has no processes; expected main: or processes: with at least one step list');
  }
  const templateIndex = new Map(templateNodes.map((t, i) => [t.name, i] as const));
  const templateNames = templateNodes.map((t) => t.name);

  const compiled: { head: TemplateHead; count: Expr; steps: CompiledSteps }[] = [];
  for (const head of templateNodes) {
    let count: Expr = { kind: 'int', value: 1 };
    if (head.count) {
      const expr = readExpr(head.count.value, SCOPE_WORKERS, report, 'the process count');
      if (expr && checkRange(expr, head.count.value.at, 0, LIMITS.processes, `the count of ${head.name}`, sweepEnvs, report, 'processes')) count = expr;
    }
    const envs = head.name === 'main' ? sweepEnvs : instanceEnvs(count, sweepEnvs);
    const ctx: CompileContext = { report, resources, resourceIndex, brokenResources, templateIndex, templateNames, envs, sweepEnvs };
    compiled.push({ head, count, steps: compileSteps(head.steps, ctx, head.name) });
  }
  checkSpawnCycles(compiled, templateNames, report);

  const expect = readExpect(top.get('expect'), resources, resourceIndex, runEnvs, report);
  if (report.count > 0 || !name) return null;

  const templates: Template[] = compiled.map(({ head, count, steps }) => ({
    name: head.name,
    count,
    code: steps.code,
    slots: steps.slots,
    at: head.at,
  }));
  const main = templateIndex.get('main') ?? null;
  const program: Program = {
    version: 1,
    name,
    description: description ?? '',
    seed,
    sweep,
    runForNs,
    resources,
    templates,
    main,
    expect,
    poolWorkers,
  };
  if (processes) checkFirstWave(program, processes.keyAt, sweepEnvs, report);
  return report.count > 0 ? null : program;
}

function topLevel(root: LMap, report: Reporter): Map<string, LEntry> {
  const top = new Map<string, LEntry>();
  const known: readonly string[] = TOP_LEVEL_KEYS;
  for (const e of root.entries) {
    if (!known.includes(e.key)) {
      report.error(e.keyAt, `unknown key ${show(e.key)} at the top level${didYouMean(e.key, known)}; expected ${oneOf(known)}`);
    } else top.set(e.key, e);
  }
  return top;
}

function readText(e: LEntry | undefined, key: 'name' | 'description', report: Reporter, required: boolean): string | null {
  if (!e) {
    if (required) report.error(START, `missing ${key}; expected \`${key}: ...\`, a title shown in the app and in reports`);
    return null;
  }
  const v = e.value;
  if (v.kind !== 'scalar' || typeof v.value !== 'string') {
    // An unquoted number is a number to YAML (0x1F is 31): text is what the author meant, so say how to write it.
    const quote = v.kind === 'scalar' && (typeof v.value === 'number' || typeof v.value === 'boolean') ? '; write it in quotes to use it as text' : '';
    report.error(v.at, `${key} should be text, found ${describe(v)}${quote}`);
    return null;
  }
  let text = v.value;
  if (key === 'name') {
    const read = readTitle(text);
    if ('problem' in read) {
      report.error(v.at, read.problem);
      return null;
    }
    text = read.title;
  }
  const limit = key === 'name' ? LIMITS.nameChars : LIMITS.descriptionChars;
  // Counted in code points (an emoji is one), not in UTF-16 units.
  const chars = [...text].length;
  if (chars > limit) {
    report.error(v.at, `${key} is ${grouped(chars)} characters long; the limit is ${grouped(limit)}`);
    return null;
  }
  return text;
}

function readSeed(e: LEntry | undefined, report: Reporter): number {
  if (!e) return 1;
  const v = e.value;
  if (v.kind !== 'scalar' || typeof v.value !== 'number' || !Number.isSafeInteger(v.value) || v.value < 0) {
    // Past 2^53 - 1 a number is no longer exact: 9007199254740992 was refused with no limit named, as if not whole.
    report.error(v.at, `seed should be a whole number from 0 to ${Number.MAX_SAFE_INTEGER} (2^53 - 1), found ${describe(v)}`);
    return 1;
  }
  return v.value;
}

function readSweep(e: LEntry | undefined, report: Reporter): number[] {
  if (!e) return DEFAULT_SWEEP;
  const v = e.value;
  if (v.kind !== 'seq' || v.items.length === 0) {
    report.error(v.at, `workers should be a list of worker counts like [1, 2, 4], found ${v.kind === 'seq' ? 'an empty list' : describe(v)}`);
    return DEFAULT_SWEEP;
  }
  if (v.items.length > LIMITS.sweepLength) {
    report.error(v.at, `workers lists ${v.items.length} counts; the limit is ${LIMITS.sweepLength}`);
    return DEFAULT_SWEEP;
  }
  const sweep: number[] = [];
  for (const item of v.items) {
    if (item.kind !== 'scalar' || typeof item.value !== 'number' || !Number.isInteger(item.value) || item.value < 1) {
      report.error(item.at, `a worker count is a whole number >= 1, found ${describe(item)}`);
    } else if (item.value > LIMITS.workers) {
      report.error(item.at, `${item.value} workers is past the limit of ${LIMITS.workers}`);
    } else if (sweep.includes(item.value)) {
      report.error(item.at, `${item.value} is already in the sweep`);
    } else sweep.push(item.value);
  }
  return sweep.length ? sweep : DEFAULT_SWEEP;
}

function readPool(e: LEntry | undefined, envs: readonly CountEnv[], report: Reporter): Expr | null {
  if (!e) return null;
  const v = e.value;
  const workers = v.kind === 'map' && v.entries.length === 1 && v.entries[0]!.key === 'workers' ? v.entries[0]! : null;
  if (!workers) {
    report.error(v.at, `pool should be {workers: COUNT}, found ${describe(v)}`);
    return null;
  }
  const expr = readExpr(workers.value, SCOPE_WORKERS, report, 'the pool size');
  if (!expr) return null;
  return checkRange(expr, workers.value.at, 1, LIMITS.workers, 'the pool size', envs, report, 'workers') ? expr : null;
}

function declaredNames(e: LEntry | undefined): string[] {
  return e && e.value.kind === 'map' ? e.value.entries.map((r) => r.key) : [];
}

function readResources(e: LEntry | undefined, envs: readonly CountEnv[], report: Reporter): { resources: Resource[]; resourceIndex: Map<string, number> } {
  const resources: Resource[] = [];
  const resourceIndex = new Map<string, number>();
  if (!e) return { resources, resourceIndex };
  const v = e.value;
  if (v.kind !== 'map') {
    if (!(v.kind === 'scalar' && v.value === null)) report.error(v.at, `resources should be a map of name to kind, like \`a: lock\`, found ${describe(v)}`);
    return { resources, resourceIndex };
  }
  if (v.entries.length > LIMITS.resources) {
    report.error(v.at, `${v.entries.length} resources; the limit is ${LIMITS.resources}`);
    return { resources, resourceIndex };
  }
  const declared = new Map(v.entries.map((r) => [r.key, r] as const));
  const add = (r: Resource): number => {
    resources.push(r);
    resourceIndex.set(r.name, resources.length - 1);
    return resources.length - 1;
  };
  const conditions: { entry: LEntry; lockNode: LNode | null }[] = [];
  for (const entry of v.entries) {
    if (!NAME.test(entry.key)) {
      report.error(entry.keyAt, `resource name ${show(entry.key)} should be a word of letters, digits and _ (not starting with a digit)`);
      continue;
    }
    const spec = readResourceSpec(entry, report);
    if (!spec) continue;
    const { kind, arg } = spec;
    const at = entry.keyAt;
    const name = entry.key;
    // A size that fails its checks is reported here and replaced by `min`, so
    // the resource still exists and its uses do not cascade into more errors.
    const sized = (what: string, min: number): Expr => {
      const expr = arg ? readExpr(arg, SCOPE_WORKERS, report, what) : null;
      const ok = expr && checkRange(expr, arg!.at, min, LIMITS.resourceSize, `${what} of ${name}`, envs, report, 'resourceSize');
      return ok ? expr : { kind: 'int', value: min };
    };
    switch (kind) {
      case 'lock':
      case 'rlock':
      case 'event':
        add({ name, at, kind });
        break;
      case 'semaphore':
      case 'bounded_semaphore': {
        add({ name, at, kind, initial: sized('the initial value', 0) });
        break;
      }
      case 'barrier': {
        add({ name, at, kind, parties: sized('the number of parties', 1) });
        break;
      }
      case 'queue': {
        add({ name, at, kind, capacity: arg ? sized('the capacity', 1) : null });
        break;
      }
      case 'array': {
        add({ name, at, kind, length: sized('the length', 1) });
        break;
      }
      case 'value': {
        const initial = arg ? readExpr(arg, { workers: false, i: false }, report, 'the initial value') : null;
        const ok = initial && checkRange(initial, arg!.at, -LIMITS.int32, LIMITS.int32, `the initial value of ${name}`, envs, report);
        add({ name, at, kind, initial: ok ? evalExpr(initial, { workers: 1, i: 0 }) : 0 });
        break;
      }
      case 'condition':
        conditions.push({ entry, lockNode: arg });
        break;
    }
  }
  // Conditions last: they may name a lock declared after them.
  for (const { entry, lockNode } of conditions) {
    if (!lockNode) {
      const at = entry.keyAt;
      const c = add({ name: entry.key, at, kind: 'condition', lock: -1 });
      const lock = add({ name: `${entry.key}.lock`, at, kind: 'rlock', implied: true });
      resources[c] = { name: entry.key, at, kind: 'condition', lock };
      continue;
    }
    const lockName = lockNode.kind === 'scalar' ? lockNode.value : null;
    const lock = typeof lockName === 'string' ? resourceIndex.get(lockName) : undefined;
    if (typeof lockName !== 'string' || lock === undefined) {
      const locks = resources.filter((r) => r.kind === 'lock' || r.kind === 'rlock').map((r) => r.name);
      const why =
        typeof lockName === 'string' && !declared.has(lockName)
          ? `undeclared lock ${show(lockName)}${didYouMean(lockName, locks)}`
          : `expected the name of a lock, found ${describe(lockNode)}`;
      report.error(lockNode.at, `condition ${entry.key}: ${why}`);
      continue;
    }
    const kind = resources[lock]!.kind;
    if (kind !== 'lock' && kind !== 'rlock') {
      report.error(
        lockNode.at,
        `condition ${entry.key} needs a lock or rlock, but ${lockName} is ${kind === 'event' || kind === 'array' ? 'an' : 'a'} ${kind}`,
      );
      continue;
    }
    add({ name: entry.key, at: entry.keyAt, kind: 'condition', lock });
  }
  return { resources, resourceIndex };
}

/** `a: lock` → kind lock; `{queue: 10}` → kind queue with its argument node. */
function readResourceSpec(entry: LEntry, report: Reporter): { kind: (typeof RESOURCE_KINDS)[number]; arg: LNode | null } | null {
  const v = entry.value;
  let word: string;
  let arg: LNode | null = null;
  let at = v.at;
  if (v.kind === 'scalar' && typeof v.value === 'string') {
    word = v.value;
  } else if (v.kind === 'map' && v.entries.length === 1) {
    word = v.entries[0]!.key;
    arg = v.entries[0]!.value;
    at = v.entries[0]!.keyAt;
  } else {
    report.error(v.at, `resource ${entry.key}: expected a kind (${RESOURCE_KINDS.join(', ')}) or a map like {semaphore: 3}, found ${describe(v)}`);
    return null;
  }
  const kind = RESOURCE_KINDS.find((k) => k === word);
  if (!kind) {
    report.error(at, `resource ${entry.key}: unknown kind ${show(word)}${didYouMean(word, RESOURCE_KINDS)}; expected ${oneOf(RESOURCE_KINDS)}`);
    return null;
  }
  const form = RESOURCE_WORDS[kind].form;
  if (arg && form === 'bare') {
    report.error(at, `resource ${entry.key}: a ${kind} takes no argument; write \`${entry.key}: ${kind}\``);
    return null;
  }
  if (!arg && (form === 'count' || form === 'integer')) {
    const example = kind === 'value' ? '{value: 0}' : kind === 'array' ? '{array: 4}' : `{${kind}: 3}`;
    report.error(at, `resource ${entry.key}: a ${kind} needs an argument; write \`${entry.key}: ${example}\``);
    return null;
  }
  return { kind, arg };
}

interface TemplateHead {
  readonly name: string;
  readonly at: SourcePos;
  readonly count: LEntry | null;
  readonly steps: LNode;
}

function readTemplateHeads(e: LEntry | undefined, report: Reporter): TemplateHead[] {
  if (!e) return [];
  const v = e.value;
  if (v.kind !== 'map') {
    report.error(v.at, `processes should be a map of template name to steps, found ${describe(v)}`);
    return [];
  }
  const heads: TemplateHead[] = [];
  for (const entry of v.entries) {
    if (!NAME.test(entry.key) || entry.key === 'main') {
      const why =
        entry.key === 'main'
          ? 'main is the top-level main process; name the template something else'
          : 'a template name should be a word of letters, digits and _';
      report.error(entry.keyAt, `process ${show(entry.key)}: ${why}`);
      continue;
    }
    const body = entry.value;
    if (body.kind === 'map') {
      let count: LEntry | null = null;
      let steps: LEntry | null = null;
      for (const part of body.entries) {
        if (part.key === 'count') count = part;
        else if (part.key === 'steps') steps = part;
        else
          report.error(part.keyAt, `unknown key ${show(part.key)} in process ${entry.key}${didYouMean(part.key, ['count', 'steps'])}; expected count or steps`);
      }
      if (!steps) {
        report.error(entry.keyAt, `process ${entry.key} needs steps: (a list of steps)`);
        continue;
      }
      heads.push({ name: entry.key, at: entry.keyAt, count, steps: steps.value });
    } else {
      heads.push({ name: entry.key, at: entry.keyAt, count: null, steps: body });
    }
  }
  return heads;
}

/** The environments to check a template's counts under: every sweep value, sampled `$i`. */
function instanceEnvs(count: Expr, sweepEnvs: readonly CountEnv[]): CountEnv[] {
  const envs: CountEnv[] = [];
  for (const base of sweepEnvs) {
    const n = Math.max(1, evalExpr(count, base));
    const sample = new Set<number>();
    for (let i = 0; i < Math.min(n, 64); i++) sample.add(i);
    sample.add(n - 1);
    for (const i of sample) envs.push({ workers: base.workers, i });
  }
  return envs;
}

/**
 * The processes that start at once (firstWave: every instance of each template
 * no process spawns, where there is no `main`) are at most LIMITS.processes
 * in all, at each worker count: three templates of 100,000 each loaded, and
 * their run stopped at the simulator's process limit before its first step,
 * as if that were an outcome of the program.
 */
function checkFirstWave(program: Program, at: SourcePos, envs: readonly CountEnv[], report: Reporter): void {
  for (const env of envs) {
    const total = firstWave(program, env.workers).reduce((n, wave) => n + wave.count, 0);
    if (total > LIMITS.processes) {
      report.error(at, `${total} processes start at once with $workers = ${env.workers}; the limit for a whole program is ${LIMITS.processes}`);
      return;
    }
  }
}

/** Templates that spawn each other in a cycle would start processes without end. */
function checkSpawnCycles(compiled: readonly { head: TemplateHead; steps: CompiledSteps }[], names: readonly string[], report: Reporter): void {
  const state = new Array<'new' | 'open' | 'done'>(compiled.length).fill('new');
  const path: number[] = [];
  const visit = (t: number): boolean => {
    if (state[t] === 'open') {
      const cycle = [...path.slice(path.indexOf(t)), t].map((i) => names[i]).join(' → ');
      const spawn = compiled[path[path.length - 1]!]!.steps.spawns.find((s) => s.t === t)!;
      report.error(spawn.at, `process templates spawn each other in a cycle (${cycle}), which would start processes without end`);
      return true;
    }
    if (state[t] === 'done') return false;
    state[t] = 'open';
    path.push(t);
    for (const s of compiled[t]!.steps.spawns) if (visit(s.t)) return true;
    path.pop();
    state[t] = 'done';
    return false;
  };
  for (let t = 0; t < compiled.length; t++) if (visit(t)) return;
}

function readExpect(
  e: LEntry | undefined,
  resources: readonly Resource[],
  index: ReadonlyMap<string, number>,
  envs: readonly CountEnv[],
  report: Reporter,
): Expectation[] {
  if (!e) return [];
  const v = e.value;
  if (v.kind !== 'map') {
    report.error(v.at, `expect should be a map of shared value name to the value it must hold at the end, found ${describe(v)}`);
    return [];
  }
  const out: Expectation[] = [];
  const whole = (n: LNode): number | null => {
    if (n.kind === 'scalar' && typeof n.value === 'number' && Number.isInteger(n.value) && Math.abs(n.value) <= LIMITS.int32) return n.value;
    report.error(n.at, `expected a whole number (a 32-bit integer), found ${describe(n)}`);
    return null;
  };
  for (const entry of v.entries) {
    const r = index.get(entry.key);
    const values = resources.filter((x) => x.kind === 'value' || x.kind === 'array').map((x) => x.name);
    if (r === undefined) {
      report.error(entry.keyAt, `expect: undeclared shared value ${show(entry.key)}${didYouMean(entry.key, values)}`);
      continue;
    }
    const resource = resources[r]!;
    if (resource.kind === 'value') {
      const value = whole(entry.value);
      if (value !== null) out.push({ r, value, at: entry.keyAt });
    } else if (resource.kind === 'array') {
      const list = entry.value;
      if (list.kind !== 'seq') {
        report.error(list.at, `expect: ${entry.key} is an array; give a list with a value per slot`);
        continue;
      }
      const lengths = new Set(envs.map((env) => evalExpr(resource.length, env)));
      if (lengths.size !== 1 || !lengths.has(list.items.length)) {
        report.error(list.at, `expect: ${entry.key} has ${[...lengths].join(' or ')} slots, but the list has ${list.items.length}`);
        continue;
      }
      const value = list.items.map(whole);
      if (value.every((x): x is number => x !== null)) out.push({ r, value, at: entry.keyAt });
    } else {
      report.error(entry.keyAt, `expect: ${entry.key} is a ${resource.kind}; only shared values and arrays have a final value to check`);
    }
  }
  return out;
}
