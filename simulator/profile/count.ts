import { show } from './diagnostics.js';
import { describe } from './duration.js';
import type { Count, Expr, ExprVar, SourcePos } from './ir.js';
import { LIMITS } from './limits.js';
import type { LNode } from './located-tree.js';
import type { Reporter } from './reporter.js';

/** Which variables a count may read where it stands. */
export interface CountScope {
  readonly workers: boolean;
  readonly i: boolean;
}

export const SCOPE_ALL: CountScope = { workers: true, i: true };
export const SCOPE_WORKERS: CountScope = { workers: true, i: false };

/** Values bound to the variables when a count is evaluated. */
export interface CountEnv {
  readonly workers: number;
  readonly i: number;
}

/** Evaluation failed: division by zero, or a result past int32. */
export class CountError extends Error {}

/** Evaluates an expression; integer division truncates toward zero, like C. */
export function evalExpr(e: Expr, env: CountEnv): number {
  switch (e.kind) {
    case 'int':
      return e.value;
    case 'var':
      return env[e.name];
    case 'neg':
      return -evalExpr(e.arg, env);
    case 'bin': {
      const a = evalExpr(e.left, env);
      const b = evalExpr(e.right, env);
      let r: number;
      if (e.op === '+') r = a + b;
      else if (e.op === '-') r = a - b;
      else if (e.op === '*') r = a * b;
      else {
        if (b === 0) throw new CountError('division by zero');
        r = Math.trunc(a / b);
      }
      if (Math.abs(r) > Number.MAX_SAFE_INTEGER) throw new CountError('the result is too large');
      return r;
    }
  }
}

/** Whether an expression reads a variable. */
export function readsVar(e: Expr, name: ExprVar): boolean {
  switch (e.kind) {
    case 'int':
      return false;
    case 'var':
      return e.name === name;
    case 'neg':
      return readsVar(e.arg, name);
    case 'bin':
      return readsVar(e.left, name) || readsVar(e.right, name);
  }
}

type Token = { readonly text: string; readonly offset: number };

// (`u`: a character outside the BMP, an emoji, is one token, not half of a surrogate pair in the message.)
const TOKEN = /\s*(\$[A-Za-z_]\w*|\d+(?:\.\d+)?|[-+*/()]|\S)/uy;

/**
 * Parses `$workers + 1` and friends. Errors point at the offending character:
 * `at` is where the expression's text starts in the file.
 */
export function parseExpr(text: string, at: SourcePos, scope: CountScope, report: Reporter, exact = true): Expr | null {
  if (text.length > LIMITS.exprChars) {
    report.error(at, `the count expression is ${text.length} characters long; the limit is ${LIMITS.exprChars}`);
    return null;
  }
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    tokens.push({ text: m[1]!, offset: m.index + m[0].length - m[1]!.length });
  }
  let next = 0;
  // Where the file's text is not the value itself (escapes, folded lines), point at the scalar.
  const place = (t: Token | undefined): SourcePos => (exact ? { line: at.line, column: at.column + (t ? t.offset : text.length) } : at);
  const fail = (t: Token | undefined, message: string): never => {
    report.error(place(t), message);
    throw new SyntaxError(message);
  };
  const expression = (depth: number): Expr => {
    let left = term(depth);
    while (tokens[next]?.text === '+' || tokens[next]?.text === '-') {
      const op = tokens[next++]!.text as '+' | '-';
      left = { kind: 'bin', op, left, right: term(depth) };
    }
    return left;
  };
  const term = (depth: number): Expr => {
    let left = factor(depth);
    while (tokens[next]?.text === '*' || tokens[next]?.text === '/') {
      const op = tokens[next++]!.text as '*' | '/';
      left = { kind: 'bin', op, left, right: factor(depth) };
    }
    return left;
  };
  const factor = (depth: number): Expr => {
    const t = tokens[next++];
    if (depth > 50) return fail(t, 'the count expression nests too deeply (limit 50)');
    if (!t) return fail(t, `the count expression ${show(text)} ends too soon; expected a number, $workers, $i or (`);
    if (t.text === '(') {
      const inner = expression(depth + 1);
      if (tokens[next]?.text !== ')') fail(tokens[next], `expected ) to close the ( at column ${place(t).column}`);
      next++;
      return inner;
    }
    if (t.text === '-') return { kind: 'neg', arg: factor(depth + 1) };
    if (/^\d+$/.test(t.text)) {
      const value = Number(t.text);
      if (value > LIMITS.int32)
        fail(t, `the number ${t.text} is too large for a count expression; the limit is ${LIMITS.int32.toLocaleString('en-US')} (int32)`);
      return { kind: 'int', value };
    }
    if (/^\d/.test(t.text)) return fail(t, `expected a whole number in a count, found ${t.text}`);
    if (t.text === '$workers') {
      if (!scope.workers) fail(t, '$workers cannot be used here');
      return { kind: 'var', name: 'workers' };
    }
    if (t.text === '$i') {
      if (!scope.i) fail(t, '$i (the instance index) is only known inside a process; it cannot be used here');
      return { kind: 'var', name: 'i' };
    }
    if (t.text.startsWith('$')) return fail(t, `unknown variable ${t.text}; expected $workers or $i`);
    return fail(t, `unexpected ${show(t.text)} in the count expression; expected a number, $workers, $i, an operator (+ - * /) or parentheses`);
  };
  try {
    const expr = expression(0);
    if (next < tokens.length) fail(tokens[next], `unexpected ${show(tokens[next]!.text)} after the count expression`);
    return expr;
  } catch (e) {
    if (e instanceof SyntaxError) return null;
    throw e;
  }
}

/** Where a scalar's text begins, one past the opening quote if quoted. */
function textStart(node: LNode): SourcePos {
  return node.kind === 'scalar' && node.quoted ? { line: node.at.line, column: node.at.column + 1 } : node.at;
}

/**
 * An integer expression (not a distribution): a number or an expression
 * string. Every caller checks the value's range, naming the limit that
 * applies (a process count's is 100,000, not int32's), so a number past
 * int32 is passed on for that check to refuse.
 */
export function readExpr(node: LNode, scope: CountScope, report: Reporter, what = 'a count'): Expr | null {
  if (node.kind === 'scalar' && typeof node.value === 'number') {
    if (!Number.isInteger(node.value)) {
      report.error(node.at, `expected ${what} (a whole number), found ${node.value}`);
      return null;
    }
    return { kind: 'int', value: node.value };
  }
  // A number written as a string ("3000000000") is that number: its range is checked by the caller, as above.
  if (node.kind === 'scalar' && typeof node.value === 'string' && /^\s*\d+\s*$/.test(node.value)) return { kind: 'int', value: Number(node.value) };
  if (node.kind === 'scalar' && typeof node.value === 'string') {
    return parseExpr(node.value, node.exact ? textStart(node) : node.at, scope, report, node.exact);
  }
  report.error(node.at, `expected ${what}: a whole number or an expression like $workers + 1, found ${describe(node)}`);
  return null;
}

/** A count: an expression, or `{geometric: p}`. */
export function readCount(node: LNode, scope: CountScope, report: Reporter, what = 'a count'): Count | null {
  if (node.kind === 'map') {
    const [entry, extra] = node.entries;
    if (!entry || extra || entry.key !== 'geometric') {
      report.error(entry && !extra ? entry.keyAt : node.at, `expected ${what}: a whole number, an expression, or {geometric: p}`);
      return null;
    }
    const p = entry.value;
    if (p.kind !== 'scalar' || typeof p.value !== 'number' || !(p.value > 0 && p.value <= 1)) {
      report.error(p.at, `geometric needs a probability p with 0 < p <= 1, found ${describe(p)}`);
      return null;
    }
    // Its mean, 1/p, within the passes a repeat may make (a p of 1e-300 rounded away and ran once).
    if (p.value < 1 / LIMITS.repeat) {
      report.error(
        p.at,
        `geometric ${p.value} means ${(1 / p.value).toPrecision(3)} passes on average; the limit is ${LIMITS.repeat.toLocaleString('en-US')}, so p must be at least ${1 / LIMITS.repeat}`,
      );
      return null;
    }
    return { kind: 'geometric', p: p.value };
  }
  const expr = readExpr(node, scope, report, what);
  if (!expr) return null;
  const text = node.kind === 'scalar' ? String(node.value) : '';
  return { kind: 'expr', expr, text };
}

/** The mean of a count under an environment (geometric: 1/p). */
export function meanCount(c: Count, env: CountEnv): number {
  return c.kind === 'geometric' ? 1 / c.p : evalExpr(c.expr, env);
}
