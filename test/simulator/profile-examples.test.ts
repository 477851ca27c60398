import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evalExpr } from '../../simulator/profile/count.js';
import { codeOf, lines, load } from './profile-helpers.js';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const profilesMd = readFileSync(join(root, '..', 'shared', 'PROFILES.md'), 'utf8');
const yamlBlocks = [...profilesMd.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
const complete = yamlBlocks.filter((b) => /^version:/m.test(b));
const example = (name: string): string => {
  const block = complete.find((b) => b.includes(`\nname: ${name}\n`));
  if (!block) throw new Error(`PROFILES.md has no example named ${name}`);
  return block;
};

describe('the examples of PROFILES.md', () => {
  it('are found: one resources fragment and four complete profiles', () => {
    expect(yamlBlocks).toHaveLength(5);
    expect(complete).toHaveLength(4);
    expect(yamlBlocks[0]).toMatch(/^resources:/);
  });

  it.each(complete.map((text) => [text.match(/^name: (.*)$/m)![1]!, text]))('%s loads exactly as written', (name, text) => {
    const program = load(text, 'PROFILES.md');
    expect(program.name).toBe(name);
    expect(program.version).toBe(1);
  });

  it('the resources fragment loads inside a minimal profile, each resource with its kind and size', () => {
    const program = load(lines('version: 1', 'name: all kinds', yamlBlocks[0]!.trimEnd(), 'main:', '  - compute: 1ms'));
    const byName = new Map(program.resources.map((r) => [r.name, r]));
    expect(Object.fromEntries([...byName].map(([n, r]) => [n, r.kind]))).toEqual({
      a: 'lock',
      r: 'rlock',
      slots: 'semaphore',
      bslots: 'bounded_semaphore',
      go: 'event',
      cv: 'condition',
      sync: 'barrier',
      work: 'queue',
      counter: 'value',
      totals: 'array',
    });
    const get = <K extends string>(name: string, kind: K) => {
      const r = byName.get(name)!;
      expect(r.kind).toBe(kind);
      return r as Extract<typeof r, { kind: K }>;
    };
    expect(evalExpr(get('slots', 'semaphore').initial, { workers: 1, i: 0 })).toBe(3);
    expect(evalExpr(get('bslots', 'bounded_semaphore').initial, { workers: 1, i: 0 })).toBe(3);
    expect(program.resources[get('cv', 'condition').lock]!.name).toBe('a');
    expect(program.sweep.map((workers) => evalExpr(get('sync', 'barrier').parties, { workers, i: 0 }))).toEqual([2, 3, 5]);
    expect(get('work', 'queue').capacity).toBeNull();
    expect(get('counter', 'value').initial).toBe(0);
    expect(evalExpr(get('totals', 'array').length, { workers: 1, i: 0 })).toBe(4);
    // Each declaration points at its name in the text: `a` is on the fragment's second line, after the two lines added above it.
    expect(byName.get('a')!.at).toEqual({ line: 4, column: 3 });
  });

  it('the lock-order inversion compiles foo and bar to the same steps with the locks swapped', () => {
    const program = load(example('Lock-order inversion'));
    const a = program.resources.findIndex((r) => r.name === 'a');
    const b = program.resources.findIndex((r) => r.name === 'b');
    const shape = (name: string) => codeOf(program, name).map((c) => ('r' in c ? `${c.op} ${c.r}` : c.op));
    expect(shape('foo')).toEqual([`acquire ${a}`, 'compute', `acquire ${b}`, 'compute', `release ${b}`, `release ${a}`]);
    expect(shape('bar')).toEqual([`acquire ${b}`, 'compute', `acquire ${a}`, 'compute', `release ${a}`, `release ${b}`]);
    expect(program.main).toBeNull();
    expect(program.templates.map((t) => evalExpr(t.count, { workers: 1, i: 0 }))).toEqual([1, 1]);
  });

  it('every instruction of the lock-order inversion points back at its step in the text', () => {
    const text = example('Lock-order inversion');
    const program = load(text);
    const textLines = text.split('\n');
    for (const template of program.templates) {
      for (const instr of template.code) {
        const line = textLines[instr.at.line - 1]!;
        expect(line.slice(instr.at.column - 1)).toMatch(new RegExp(`^${instr.op}: `));
      }
    }
    expect(program.templates.map((t) => t.at)).toEqual([
      { line: textLines.indexOf('  foo:') + 1, column: 3 },
      { line: textLines.indexOf('  bar:') + 1, column: 3 },
    ]);
  });

  it('the parallel reduction is a main of compute, starmap, map, compute over the sweep 1, 2, 4, 8', () => {
    const program = load(example('Sum of A + B, then a chunked reduction'));
    expect(program.sweep).toEqual([1, 2, 4, 8]);
    expect(program.templates.map((t) => t.name)).toEqual(['main']);
    expect(program.main).toBe(0);
    const code = codeOf(program, 'main');
    expect(code.map((c) => (c.op === 'pool' ? c.call : c.op))).toEqual(['compute', 'starmap', 'map', 'compute']);
    const [build, starmap, map, add] = code;
    expect(build).toMatchObject({ op: 'compute', d: { kind: 'fixed', ns: 20_000_000 } });
    expect(starmap).toMatchObject({ items: { kind: 'expr', expr: { kind: 'int', value: 100_000 } }, cost: { kind: 'fixed', ns: 2_000 }, chunksize: 'auto' });
    expect(map).toMatchObject({ items: { kind: 'expr', expr: { kind: 'var', name: 'workers' } }, cost: { kind: 'fixed', ns: 1_000_000 }, chunksize: 'auto' });
    expect(add).toMatchObject({ op: 'compute', d: { kind: 'fixed', ns: 100_000 } });
  });

  it('the unsafe writers start six writers that wait, then increment the counter, which must end at 6', () => {
    const program = load(example('Unsafe writers'));
    const writer = program.templates.findIndex((t) => t.name === 'writer');
    const counter = program.resources.findIndex((r) => r.name === 'counter');
    const trigger = program.resources.findIndex((r) => r.name === 'trigger');
    expect(evalExpr(program.templates[writer]!.count, { workers: 4, i: 0 })).toBe(6);
    expect(codeOf(program, 'writer')).toMatchObject([
      { op: 'wait', r: trigger, timeout: null },
      { op: 'add', r: counter, index: null, by: { kind: 'int', value: 1 }, verb: 'increment' },
    ]);
    expect(codeOf(program, 'main')).toMatchObject([
      { op: 'spawn', t: writer, count: null },
      { op: 'set', r: trigger },
      { op: 'join', t: writer },
    ]);
    expect(program.expect).toMatchObject([{ r: counter, value: 6 }]);
  });

  it("the queue's get ends its forever loop on the sentinel by jumping just past the loop", () => {
    const program = load(example('Queue with a sentinel'));
    const maker = codeOf(program, 'maker');
    expect(maker.map((c) => c.op)).toEqual(['loop', 'put', 'next', 'put']);
    expect(maker[0]).toMatchObject({ bound: { kind: 'count', count: { kind: 'expr', expr: { kind: 'int', value: 100 } } }, end: 3 });
    expect(maker[1]).toMatchObject({ item: null });
    expect(maker[3]).toMatchObject({ item: 'dead' });
    const worker = codeOf(program, 'worker');
    expect(worker.map((c) => c.op)).toEqual(['loop', 'get', 'compute', 'next']);
    expect(worker[0]).toMatchObject({ op: 'loop', bound: { kind: 'forever' }, end: 4 });
    expect(worker[1]).toMatchObject({ op: 'get', until: { item: 'dead', exit: 4 } });
    expect(worker[3]).toMatchObject({ op: 'next', head: 0 });
    expect(program.main).toBeNull();
  });

  it('a profile without seed or workers gets seed 1 and the sweep 1, 2, 4', () => {
    const program = load(example('Unsafe writers'));
    expect(program.seed).toBe(1);
    expect(program.sweep).toEqual([1, 2, 4]);
    expect(program.runForNs).toBeNull();
    expect(program.poolWorkers).toBeNull();
    expect(program.description).toBe('');
  });
});
