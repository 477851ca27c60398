import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountError, evalExpr, parseExpr, readsVar, SCOPE_ALL, SCOPE_WORKERS, type CountScope } from '../../simulator/profile/count.js';
import type { Expr } from '../../simulator/profile/ir.js';
import { Reporter } from '../../simulator/profile/reporter.js';
import { lines, load, onlyError, place } from './profile-helpers.js';

const AT = { line: 7, column: 10 };

function parse(text: string, scope: CountScope = SCOPE_ALL): { expr: Expr | null; errors: string[] } {
  const report = new Reporter('c.yaml');
  const expr = parseExpr(text, AT, scope, report);
  return { expr, errors: report.errors().map((e) => `${e.line}:${e.column}: ${e.message}`) };
}

function value(text: string, workers = 4, i = 0): number {
  const { expr, errors } = parse(text);
  expect(errors).toEqual([]);
  return evalExpr(expr!, { workers, i });
}

describe('count expressions', () => {
  it('$workers + 1 reads the worker count bound at evaluation', () => {
    expect([1, 2, 8].map((w) => value('$workers + 1', w))).toEqual([2, 3, 9]);
  });

  it('$i reads the instance index', () => {
    expect([0, 1, 5].map((i) => value('$i * 2', 4, i))).toEqual([0, 2, 10]);
  });

  it('* and / bind tighter than + and -', () => {
    expect(value('1 + 2 * 3')).toBe(7);
    expect(value('2 * 3 + 4 * 5')).toBe(26);
    expect(value('10 - 6 / 2')).toBe(7);
  });

  it('operators of one precedence group from the left', () => {
    expect(value('10 - 4 - 3')).toBe(3);
    expect(value('100 / 10 / 5')).toBe(2);
    expect(value('8 / 2 * 2')).toBe(8);
  });

  it('parentheses override precedence', () => {
    expect(value('(1 + 2) * 3')).toBe(9);
    expect(value('10 - (4 - 3)')).toBe(9);
    expect(value('($workers + 1) / 2', 7)).toBe(4);
  });

  it('division truncates toward zero, like C, not toward minus infinity', () => {
    expect(value('7 / 2')).toBe(3);
    expect(value('-7 / 2')).toBe(-3);
    expect(value('7 / -2')).toBe(-3);
    expect(value('1 / 3')).toBe(0);
  });

  it('unary minus applies to a factor and may repeat', () => {
    expect(value('-$workers', 3)).toBe(-3);
    expect(value('- - 3')).toBe(3);
    expect(value('-2 * 3')).toBe(-6);
    expect(value('1 - -1')).toBe(2);
  });

  it('spaces are optional', () => {
    expect(value('$workers*2+1', 3)).toBe(7);
  });

  it('division by zero is a CountError at evaluation, never Infinity', () => {
    const { expr } = parse('4 / ($workers - 1)');
    expect(evalExpr(expr!, { workers: 3, i: 0 })).toBe(2);
    expect(() => evalExpr(expr!, { workers: 1, i: 0 })).toThrow(CountError);
    expect(() => evalExpr(expr!, { workers: 1, i: 0 })).toThrow('division by zero');
  });

  it('a result past the safe integers is a CountError, never a rounded number', () => {
    const { expr } = parse('2147483647 * 2147483647 * 2147483647');
    expect(() => evalExpr(expr!, { workers: 1, i: 0 })).toThrow('the result is too large');
  });

  it('division by zero in a profile is reported where the count is written', () => {
    const e = onlyError(lines('version: 1', 'name: x', 'resources:', '  s: {semaphore: 8 / ($workers - 1)}', 'main:', '  - compute: 1ms'));
    expect(place(e)).toBe('profile.yaml:4:18');
    expect(e.message).toBe('the initial value of s: division by zero (with $workers = 1)');
  });

  it('$i outside a process is rejected at the $i', () => {
    expect(parse('1 + $i', SCOPE_WORKERS).errors).toEqual(['7:14: $i (the instance index) is only known inside a process; it cannot be used here']);
    expect(parse('1 + $i', SCOPE_ALL).errors).toEqual([]);
  });

  it('$i in a resource size is rejected: resources exist before any process', () => {
    const e = onlyError(lines('version: 1', 'name: x', 'resources:', '  t: {array: $i + 1}', 'main:', '  - compute: 1ms'));
    expect(place(e)).toBe('profile.yaml:4:14');
    expect(e.message).toContain('$i (the instance index) is only known inside a process');
  });

  it('$i is allowed in the steps of a process, e.g. a repeat count', () => {
    const program = load(
      lines(
        'version: 1',
        'name: x',
        'processes:',
        '  w:',
        '    count: 3',
        '    steps:',
        '      - repeat: $i + 1',
        '        steps:',
        '          - compute: 1ms',
      ),
    );
    expect(program.templates[0]!.code[0]).toMatchObject({ op: 'loop', bound: { kind: 'count', count: { kind: 'expr', text: '$i + 1' } } });
  });

  it('an unknown variable is rejected, naming the variables there are', () => {
    expect(parse('$n + 1').errors).toEqual(['7:10: unknown variable $n; expected $workers or $i']);
  });

  it('a fraction is rejected: counts are whole', () => {
    expect(parse('2 * 1.5').errors).toEqual(['7:14: expected a whole number in a count, found 1.5']);
  });

  it('a number past int32 is rejected at the number', () => {
    expect(parse('1 + 2147483648').errors).toEqual(['7:14: the number 2147483648 is too large for a count expression; the limit is 2,147,483,647 (int32)']);
    expect(parse('2147483647').errors).toEqual([]);
  });

  it('an expression that ends too soon is reported just past its end', () => {
    expect(parse('$workers +').errors).toEqual(['7:20: the count expression "$workers +" ends too soon; expected a number, $workers, $i or (']);
  });

  it('an empty expression is reported at its start', () => {
    expect(parse('').errors).toEqual(['7:10: the count expression "" ends too soon; expected a number, $workers, $i or (']);
  });

  it('a stray token after a whole expression is reported at that token', () => {
    expect(parse('($workers) 2').errors).toEqual(['7:21: unexpected "2" after the count expression']);
    expect(parse('1 + 2)').errors).toEqual(['7:15: unexpected ")" after the count expression']);
  });

  it('an unknown character is reported at that character', () => {
    expect(parse('3 * % 2').errors).toEqual([
      '7:14: unexpected "%" in the count expression; expected a number, $workers, $i, an operator (+ - * /) or parentheses',
    ]);
    expect(parse('3 % 2').errors).toEqual(['7:12: unexpected "%" after the count expression']);
    // A character outside the BMP is said whole (it was "\ud83d", half of it).
    expect(parse('2 * 😀').errors).toEqual([
      '7:14: unexpected "😀" in the count expression; expected a number, $workers, $i, an operator (+ - * /) or parentheses',
    ]);
  });

  it('an expression longer than 200 characters is refused before it is read', () => {
    const long = `${'1 + '.repeat(50)}1`;
    expect(long.length).toBeGreaterThan(200);
    expect(parse(long).errors).toEqual([`7:10: the count expression is ${long.length} characters long; the limit is 200`]);
  });

  it('nesting deeper than 50 is refused, not a stack overflow', () => {
    expect(parse(`${'('.repeat(60)}1${')'.repeat(60)}`).errors[0]).toContain('the count expression nests too deeply (limit 50)');
    expect(parse(`${'-'.repeat(60)}1`).errors[0]).toContain('nests too deeply');
    expect(parse(`${'('.repeat(40)}1${')'.repeat(40)}`).errors).toEqual([]);
  });

  it('readsVar tells which variables an expression reads', () => {
    const { expr } = parse('($workers + 1) * -$i');
    expect(readsVar(expr!, 'workers')).toBe(true);
    expect(readsVar(expr!, 'i')).toBe(true);
    expect(readsVar(parse('3 * 4').expr!, 'workers')).toBe(false);
  });
});

/** Random expression trees over small numbers and both variables. */
const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: 0, max: 1000 }).map((value): Expr => ({ kind: 'int', value })),
    fc.constantFrom<Expr>({ kind: 'var', name: 'workers' }, { kind: 'var', name: 'i' }),
    tie('expr').map((arg): Expr => ({ kind: 'neg', arg })),
    fc
      .tuple(fc.constantFrom('+', '-', '*', '/'), tie('expr'), tie('expr'))
      .map(([op, left, right]): Expr => ({ kind: 'bin', op: op as '+' | '-' | '*' | '/', left, right })),
  ),
})).expr;

const PREC = { '+': 1, '-': 1, '*': 2, '/': 2 } as const;

/** Prints with the fewest parentheses precedence and left grouping allow. */
function print(e: Expr): string {
  switch (e.kind) {
    case 'int':
      return String(e.value);
    case 'var':
      return `$${e.name}`;
    case 'neg':
      return `-${e.arg.kind === 'bin' ? `(${print(e.arg)})` : print(e.arg)}`;
    case 'bin': {
      const side = (child: Expr, right: boolean) => {
        const wrap = child.kind === 'bin' && (PREC[child.op] < PREC[e.op] || (right && PREC[child.op] === PREC[e.op]));
        return wrap ? `(${print(child)})` : print(child);
      };
      return `${side(e.left, false)} ${e.op} ${side(e.right, true)}`;
    }
  }
}

/** The obvious evaluator, in BigInt: its division truncates toward zero by definition. */
function reference(e: Expr, env: { workers: number; i: number }): bigint {
  switch (e.kind) {
    case 'int':
      return BigInt(e.value);
    case 'var':
      return BigInt(env[e.name]);
    case 'neg':
      return -reference(e.arg, env);
    case 'bin': {
      const a = reference(e.left, env);
      const b = reference(e.right, env);
      if (e.op === '/' && b === 0n) throw new Error('division by zero');
      const r = e.op === '+' ? a + b : e.op === '-' ? a - b : e.op === '*' ? a * b : a / b;
      if (r > BigInt(Number.MAX_SAFE_INTEGER) || r < -BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('the result is too large');
      return r;
    }
  }
}

describe('count expressions, against a reference', () => {
  it('printing an expression with minimal parentheses and parsing it back gives the same tree', () => {
    fc.assert(
      fc.property(exprArb, (e) => {
        const text = print(e);
        fc.pre(text.length <= 200);
        const parsed = parse(text);
        expect(parsed.errors).toEqual([]);
        expect(parsed.expr).toEqual(e);
      }),
      { numRuns: 300 },
    );
  });

  it('evaluation agrees with a BigInt evaluator, errors included', () => {
    fc.assert(
      fc.property(exprArb, fc.integer({ min: 1, max: 1024 }), fc.integer({ min: 0, max: 100_000 }), (e, workers, i) => {
        let expected: bigint | string;
        try {
          expected = reference(e, { workers, i });
        } catch (err) {
          expected = (err as Error).message;
        }
        let actual: bigint | string;
        try {
          actual = BigInt(evalExpr(e, { workers, i }));
        } catch (err) {
          if (!(err instanceof CountError)) throw err;
          actual = err.message;
        }
        expect(actual).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
