import { checkCount, checkRange, type CompileContext } from './compile-context.js';
import { CountError, evalExpr, parseExpr, readCount, readExpr, SCOPE_ALL, type CountEnv } from './count.js';
import { didYouMean, oneOf, show } from './diagnostics.js';
import { describe, readDuration } from './duration.js';
import type { Count, Duration, Expr, Instr, LoopBound, PoolCall, ResourceKind, Scalar, SourcePos } from './ir.js';
import { LIMITS } from './limits.js';
import type { LEntry, LMap, LNode } from './located-tree.js';
import { POOL_KEYS, VERB_NAMES, VERBS, type VerbWord } from './vocabulary.js';

/** Instructions under construction: loop and get targets are patched once known. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Building = Mutable<Instr>;

interface OpenLoop {
  /** `get ... until` steps inside this loop (not nested deeper), to point past its end. */
  readonly exits: Building[];
}

export interface CompiledSteps {
  readonly code: readonly Instr[];
  readonly slots: number;
  /** Templates this code spawns, with the place of each spawn. */
  readonly spawns: readonly { readonly t: number; readonly at: SourcePos }[];
}

/** Compiles a step list into flat code with jumps for loops. */
export function compileSteps(node: LNode, ctx: CompileContext, templateName: string): CompiledSteps {
  const compiler = new StepCompiler(ctx, templateName);
  compiler.list(node, 0);
  compiler.checkJoins();
  return { code: compiler.code, slots: compiler.slots, spawns: compiler.spawns };
}

class StepCompiler {
  readonly code: Building[] = [];
  readonly spawns: { t: number; at: SourcePos }[] = [];
  private readonly joins: { t: number; at: SourcePos }[] = [];
  private readonly loops: OpenLoop[] = [];
  slots = 0;

  constructor(
    private readonly ctx: CompileContext,
    private readonly templateName: string,
  ) {}

  private get report() {
    return this.ctx.report;
  }

  list(node: LNode, depth: number): void {
    if (node.kind !== 'seq') {
      this.report.error(node.at, `expected a list of steps (each line starting with "- "), found ${describe(node)}`);
      return;
    }
    for (const step of node.items) {
      if (this.code.length >= LIMITS.instructions) {
        this.report.error(step.at, `process ${this.templateName} has more than ${LIMITS.instructions} steps; that is the limit`);
        return;
      }
      this.step(step, depth);
    }
  }

  checkJoins(): void {
    for (const join of this.joins) {
      if (!this.spawns.some((s) => s.t === join.t)) {
        const name = this.ctx.templateNames[join.t]!;
        this.report.error(join.at, `join: ${name} waits for instances of ${name} that this process spawned, but ${this.templateName} never spawns ${name}`);
      }
    }
  }

  private emit(instr: Building): Building {
    this.code.push(instr);
    return instr;
  }

  private step(node: LNode, depth: number): void {
    if (node.kind === 'scalar' && typeof node.value === 'string') {
      const word = node.value.trim();
      if (word === 'wait_pool') {
        this.emit({ op: 'wait_pool', at: node.at });
      } else if (Object.hasOwn(VERBS, word)) {
        this.report.error(node.at, `${word} needs an operand: write "- ${word}: ..."`);
      } else {
        this.report.error(node.at, `unknown verb ${show(word)}${didYouMean(word, VERB_NAMES)}; expected one of ${VERB_NAMES.join(', ')}`);
      }
      return;
    }
    if (node.kind !== 'map') {
      this.report.error(node.at, `expected a step: a map with one verb (compute, acquire, put, ...), found ${describe(node)}`);
      return;
    }
    const verbs = node.entries.filter((e) => Object.hasOwn(VERBS, e.key));
    if (verbs.length === 0) {
      const first = node.entries[0];
      if (!first) this.report.error(node.at, 'an empty step; expected a verb such as compute, acquire or put');
      else this.report.error(first.keyAt, `unknown verb ${show(first.key)}${didYouMean(first.key, VERB_NAMES)}; expected one of ${VERB_NAMES.join(', ')}`);
      return;
    }
    if (verbs.length > 1) {
      this.report.error(verbs[1]!.keyAt, `a step has one verb, found ${verbs.map((v) => v.key).join(' and ')}; put each in a step of its own`);
      return;
    }
    const verb = verbs[0]!;
    const word = VERBS[verb.key]!;
    const mods = this.modifiers(node, verb, word);
    if (!mods) return;
    this.verb(verb, word, mods, node, depth);
  }

  /** The step's modifiers by name, after rejecting unknown or missing ones. */
  private modifiers(node: LMap, verb: LEntry, word: VerbWord): Map<string, LEntry> | null {
    const mods = new Map<string, LEntry>();
    let ok = true;
    const allowed = Object.keys(word.modifiers);
    for (const e of node.entries) {
      if (e === verb) continue;
      if (!Object.hasOwn(word.modifiers, e.key)) {
        const expected = allowed.length ? `; ${verb.key} takes ${oneOf(allowed)}` : `; ${verb.key} takes no other keys`;
        this.report.error(e.keyAt, `unknown key ${show(e.key)} in ${withA(verb.key)} step${didYouMean(e.key, allowed)}${expected}`);
        ok = false;
      } else mods.set(e.key, e);
    }
    for (const [name, m] of Object.entries(word.modifiers)) {
      if (m.required && !mods.has(name)) {
        this.report.error(verb.keyAt, `${withA(verb.key)} step needs ${name}: (${m.summary})`);
        ok = false;
      }
    }
    return ok ? mods : null;
  }

  private verb(verb: LEntry, word: VerbWord, mods: Map<string, LEntry>, node: LMap, depth: number): void {
    const at = verb.keyAt;
    const timeout = (): Duration | null => {
      const t = mods.get('timeout');
      return t ? readDuration(t.value, this.report) : null;
    };
    const operand = word.operand;
    switch (operand.type) {
      case 'duration': {
        const d = readDuration(verb.value, this.report);
        if (d) this.emit({ op: verb.key as 'compute' | 'sleep', d, at });
        return;
      }
      case 'resource': {
        const r = this.resource(verb, operand.kinds);
        if (r === null) return;
        this.resourceStep(verb.key, r, mods, at, timeout);
        return;
      }
      case 'target':
        this.target(verb, mods, at);
        return;
      case 'template': {
        const t = this.template(verb);
        if (t === null) return;
        if (verb.key === 'join') {
          this.joins.push({ t, at });
          this.emit({ op: 'join', t, at });
          return;
        }
        const c = mods.get('count');
        const count = c ? readCount(c.value, SCOPE_ALL, this.report) : null;
        if (c && !count) return;
        if (c && count) checkCount(count, c.value.at, 0, LIMITS.processes, 'the spawn count', this.ctx, 'processes');
        this.spawns.push({ t, at });
        this.emit({ op: 'spawn', t, count, at });
        return;
      }
      case 'repeat':
        this.repeat(verb, mods, node, depth);
        return;
      case 'pool':
        this.pool(verb, at);
        return;
      case 'durations': {
        const list = verb.value;
        if (list.kind !== 'seq' || list.items.length === 0) {
          const found = list.kind === 'seq' ? 'an empty list' : describe(list);
          this.report.error(list.at, `apply_async takes a list of task durations, like [5ms, 10ms], found ${found}`);
          return;
        }
        if (list.items.length > LIMITS.applyAsyncTasks) {
          this.report.error(list.at, `apply_async submits ${list.items.length} tasks; the limit is ${LIMITS.applyAsyncTasks}`);
          return;
        }
        const costs = list.items.map((item) => readDuration(item, this.report));
        if (costs.every((c): c is Duration => c !== null)) this.emit({ op: 'apply_async', costs, at });
        return;
      }
      case 'none':
        if (verb.value.kind !== 'scalar' || verb.value.value !== null) {
          this.report.error(verb.value.at, `${verb.key} takes nothing; write "- ${verb.key}"`);
          return;
        }
        this.emit({ op: 'wait_pool', at });
        return;
    }
  }

  private resourceStep(key: string, r: number, mods: Map<string, LEntry>, at: SourcePos, timeout: () => Duration | null): void {
    const resource = this.ctx.resources[r]!;
    // A condition is acquired and released through its lock, as `with cv:` does.
    const lockOf = (i: number) => {
      const res = this.ctx.resources[i]!;
      return res.kind === 'condition' ? res.lock : i;
    };
    switch (key) {
      case 'acquire':
        this.emit({ op: 'acquire', r: lockOf(r), timeout: timeout(), at });
        return;
      case 'release':
        this.emit({ op: 'release', r: lockOf(r), at });
        return;
      case 'wait':
        this.emit({ op: 'wait', r, timeout: timeout(), at });
        return;
      case 'set':
      case 'clear':
      case 'notify_all':
        this.emit({ op: key, r, at });
        return;
      case 'notify': {
        const m = mods.get('n');
        const n = m ? readCount(m.value, SCOPE_ALL, this.report, 'the number to wake') : null;
        if (m && n) checkCount(n, m.value.at, 0, LIMITS.processes, 'the number to wake', this.ctx);
        this.emit({ op: 'notify', r, n, at });
        return;
      }
      case 'put': {
        const item = mods.get('item');
        const value = item ? this.scalar(item.value) : null;
        if (item && value === null) return;
        this.emit({ op: 'put', r, item: value, timeout: timeout(), at });
        return;
      }
      case 'get': {
        const until = mods.get('until');
        let untilItem: Scalar | null = null;
        if (until) {
          untilItem = this.scalar(until.value);
          if (untilItem === null) return;
          if (this.loops.length === 0) {
            this.report.error(until.keyAt, 'until ends the innermost repeat, but this get is not inside a repeat');
            return;
          }
        }
        const instr = this.emit({ op: 'get', r, timeout: timeout(), until: untilItem === null ? null : { item: untilItem, exit: -1 }, at });
        if (untilItem !== null) this.loops[this.loops.length - 1]!.exits.push(instr);
        return;
      }
      default:
        throw new Error(`verb ${key} on resource ${resource.name} has no compiler`);
    }
  }

  private resource(verb: LEntry, kinds: readonly ResourceKind[]): number | null {
    const v = verb.value;
    if (v.kind !== 'scalar' || typeof v.value !== 'string') {
      this.report.error(v.at, `${verb.key} needs the name of ${article(kinds)}, found ${describe(v)}`);
      return null;
    }
    const r = this.ctx.resourceIndex.get(v.value);
    if (r === undefined && this.ctx.brokenResources.has(v.value)) return null;
    if (r === undefined) {
      const names = [...this.ctx.resourceIndex.keys()];
      const known = names.length ? `; declared: ${names.join(', ')}` : '; declare it under resources:';
      this.report.error(v.at, `undeclared resource ${show(v.value)}${didYouMean(v.value, names)}${known}`);
      return null;
    }
    const kind = this.ctx.resources[r]!.kind;
    if (!kinds.includes(kind)) {
      this.report.error(v.at, `${verb.key} needs ${article(kinds)}, but ${v.value} is ${withArticle(kind)}`);
      return null;
    }
    return r;
  }

  private template(verb: LEntry): number | null {
    const v = verb.value;
    if (v.kind !== 'scalar' || typeof v.value !== 'string') {
      this.report.error(v.at, `${verb.key} needs the name of a process template, found ${describe(v)}`);
      return null;
    }
    const t = this.ctx.templateIndex.get(v.value);
    if (t === undefined || v.value === 'main') {
      const names = this.ctx.templateNames.filter((n) => n !== 'main');
      const known = names.length ? `; defined: ${names.join(', ')}` : '; define it under processes:';
      this.report.error(v.at, `${verb.key}: no process template named ${show(v.value)}${didYouMean(v.value, names)}${known}`);
      return null;
    }
    return t;
  }

  private scalar(node: LNode): Scalar | null {
    if (node.kind === 'scalar' && node.value !== null) return node.value;
    this.report.error(node.at, `expected a single item (a number, a word or true/false), found ${describe(node)}`);
    return null;
  }

  private target(verb: LEntry, mods: Map<string, LEntry>, at: SourcePos): void {
    const v = verb.value;
    if (v.kind !== 'scalar' || typeof v.value !== 'string') {
      this.report.error(v.at, `${verb.key} needs a shared value or an array slot like totals[$i], found ${describe(v)}`);
      return;
    }
    const match = /^\s*([A-Za-z_]\w*)\s*(?:\[(.*)\])?\s*$/.exec(v.value);
    if (!match) {
      this.report.error(v.at, `${verb.key} needs a shared value or an array slot like totals[$i], found ${show(v.value)}`);
      return;
    }
    const [, name, indexText] = match;
    const r = this.resource({ ...verb, value: { kind: 'scalar', value: name!, at: v.at, quoted: v.quoted, exact: v.exact } }, ['value', 'array']);
    if (r === null) return;
    const resource = this.ctx.resources[r]!;
    let index = null;
    if (resource.kind === 'array') {
      if (indexText === undefined) {
        this.report.error(v.at, `${name} is an array; say which slot, like ${name}[$i]`);
        return;
      }
      const column = v.at.column + (v.quoted ? 1 : 0) + v.value.indexOf('[') + 1;
      index = parseExpr(indexText, v.exact ? { line: v.at.line, column } : v.at, SCOPE_ALL, this.report, v.exact);
      if (!index) return;
      const length = resource.length;
      const envs = this.ctx.envs;
      // The index must fall inside the array in every environment it is checked under.
      for (const env of envs) {
        const upper = evalLength(length, env);
        if (upper === null) break;
        if (!checkRange(index, { line: v.at.line, column }, 0, upper - 1, `the index into ${name} (${upper} slots)`, [env], this.ctx.report)) break;
      }
    } else if (indexText !== undefined) {
      this.report.error(v.at, `${name} is a single value, not an array; write ${verb.key}: ${name}`);
      return;
    }
    const by = { kind: 'int', value: 1 } as const;
    const byEntry = mods.get('by');
    if (byEntry) {
      const expr = readExpr(byEntry.value, SCOPE_ALL, this.report, 'the amount to add');
      if (!expr) return;
      checkRange(expr, byEntry.value.at, -LIMITS.int32, LIMITS.int32, 'the amount to add', this.ctx.envs, this.ctx.report);
      this.emit({ op: 'add', r, index, by: expr, verb: 'add', at });
      return;
    }
    this.emit({ op: 'add', r, index, by, verb: 'increment', at });
  }

  private repeat(verb: LEntry, mods: Map<string, LEntry>, node: LMap, depth: number): void {
    if (depth >= LIMITS.nesting) {
      this.report.error(verb.keyAt, `repeats nest more than ${LIMITS.nesting} deep; that is the limit`);
      return;
    }
    // A bad bound is reported, and the body is still checked so its errors show too.
    const bound = this.loopBound(verb.value) ?? { kind: 'forever' };
    const steps = mods.get('steps')!;
    const head = this.emit({ op: 'loop', bound, slot: depth, end: -1, at: verb.keyAt });
    this.slots = Math.max(this.slots, depth + 1);
    const headPc = this.code.length - 1;
    const loop: OpenLoop = { exits: [] };
    this.loops.push(loop);
    this.list(steps.value, depth + 1);
    this.loops.pop();
    this.emit({ op: 'next', head: headPc, slot: depth, at: node.at });
    const end = this.code.length;
    (head as Mutable<Extract<Instr, { op: 'loop' }>>).end = end;
    for (const exit of loop.exits) {
      const get = exit as Mutable<Extract<Instr, { op: 'get' }>>;
      get.until = { item: get.until!.item, exit: end };
    }
  }

  private loopBound(v: LNode): LoopBound | null {
    if (v.kind === 'scalar' && v.value === 'forever') return { kind: 'forever' };
    if (v.kind === 'map' && v.entries.length === 1 && v.entries[0]!.key === 'while_set') {
      const entry = v.entries[0]!;
      const r = this.resource({ ...entry, key: 'repeat while_set' }, ['event']);
      return r === null ? null : { kind: 'while_set', event: r };
    }
    if (v.kind === 'map' && !(v.entries.length === 1 && v.entries[0]!.key === 'geometric')) {
      this.report.error(v.at, 'repeat takes a count, forever, or {while_set: EVENT}');
      return null;
    }
    const count = readCount(v, SCOPE_ALL, this.report, 'a repeat count (or forever, or {while_set: EVENT})');
    if (!count) return null;
    checkCount(count, v.at, 0, LIMITS.repeat, 'the repeat count', this.ctx, 'repeat');
    return { kind: 'count', count };
  }

  private pool(verb: LEntry, at: SourcePos): void {
    const v = verb.value;
    if (v.kind !== 'map') {
      this.report.error(v.at, `${verb.key} takes {items: COUNT, cost: DURATION, chunksize: N or auto}, found ${describe(v)}`);
      return;
    }
    const keys = new Map<string, LEntry>();
    let ok = true;
    for (const e of v.entries) {
      if (!Object.hasOwn(POOL_KEYS, e.key)) {
        const names = Object.keys(POOL_KEYS);
        this.report.error(e.keyAt, `unknown key ${show(e.key)} in ${verb.key}${didYouMean(e.key, names)}; expected ${oneOf(names)}`);
        ok = false;
      } else keys.set(e.key, e);
    }
    for (const [name, m] of Object.entries(POOL_KEYS)) {
      if (m.required && !keys.has(name)) {
        this.report.error(v.at, `${verb.key} needs ${name}: (${m.summary})`);
        ok = false;
      }
    }
    if (!ok) return;
    const countOf = (name: string, min: number, max: number, what: string, limit: string): Count | null | undefined => {
      const e = keys.get(name);
      if (!e) return undefined;
      const c = readCount(e.value, SCOPE_ALL, this.report, what);
      if (c) checkCount(c, e.value.at, min, max, what, this.ctx, limit);
      return c;
    };
    const items = countOf('items', 0, LIMITS.poolItems, 'the number of items', 'poolItems');
    const cost = readDuration(keys.get('cost')!.value, this.report);
    const chunkEntry = keys.get('chunksize');
    const defaultChunk: Count | 'auto' =
      verb.key === 'imap' || verb.key === 'imap_unordered' ? { kind: 'expr', expr: { kind: 'int', value: 1 }, text: '1' } : 'auto';
    const chunksize: Count | 'auto' | null | undefined =
      chunkEntry && chunkEntry.value.kind === 'scalar' && chunkEntry.value.value === 'auto'
        ? 'auto'
        : chunkEntry
          ? countOf('chunksize', 1, LIMITS.poolItems, 'the chunk size', 'poolItems')
          : defaultChunk;
    const argBytes = countOf('arg_bytes', 0, LIMITS.taskBytes, 'arg_bytes', 'taskBytes');
    const resultBytes = countOf('result_bytes', 0, LIMITS.taskBytes, 'result_bytes', 'taskBytes');
    if (!items || !cost || !chunksize || argBytes === null || resultBytes === null) return;
    this.emit({
      op: 'pool',
      call: verb.key as PoolCall,
      items,
      cost,
      chunksize,
      argBytes: argBytes ?? null,
      resultBytes: resultBytes ?? null,
      at,
    });
  }
}

/** An array's length under one environment; null where it cannot be evaluated (reported where declared). */
function evalLength(length: Expr, env: CountEnv): number | null {
  try {
    return evalExpr(length, env);
  } catch (e) {
    if (e instanceof CountError) return null;
    throw e;
  }
}

const ARTICLE: Readonly<Record<ResourceKind, string>> = {
  lock: 'a lock',
  rlock: 'an rlock',
  semaphore: 'a semaphore',
  bounded_semaphore: 'a bounded_semaphore',
  event: 'an event',
  condition: 'a condition',
  barrier: 'a barrier',
  queue: 'a queue',
  value: 'a value',
  array: 'an array',
};

/** `an acquire`, `a compute`: the article a word takes. */
function withA(word: string): string {
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

function withArticle(kind: ResourceKind): string {
  return ARTICLE[kind];
}

function article(kinds: readonly ResourceKind[]): string {
  return oneOf(kinds.map(withArticle));
}
