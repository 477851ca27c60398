import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { internStrings } from '../../../main/simulation/intern-strings.js';
import { parseProfile, warmUpProgram, type Program } from '../../../simulator/index.js';

// V8's own test of a string, through its natives syntax (allowed from here on, for code parsed after).
setFlagsFromString('--allow-natives-syntax');
const isInternalized = new Function('s', 'return %IsInternalizedString(s)') as (s: string) => boolean;

function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, out);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) stringsOf(item, out);
  return out;
}

function load(file: string): Program {
  const parsed = parseProfile(readFileSync(file, 'utf8'), file);
  if (!parsed.ok) throw new Error(`${file} does not load`);
  return parsed.program;
}

describe('interning the strings of a value from another thread', () => {
  it('makes every string of a cloned program internalized, and leaves it equal', () => {
    for (const program of [load('bench/profiles/contention.yaml'), load('profiles/talk/pool-benchmark.yaml'), warmUpProgram()]) {
      const cloned = structuredClone(program);
      // (What a clone makes is not, but for the empty string and single characters, which V8 keeps once.)
      const fresh = stringsOf(cloned).filter((s) => !isInternalized(s));
      expect(fresh).toContain(cloned.templates[0]!.code[0]!.op);
      expect(internStrings(cloned)).toBe(cloned);
      expect(stringsOf(cloned).filter((s) => !isInternalized(s) && !/^\d+$/.test(s))).toEqual([]);
      expect(cloned).toEqual(program);
    }
  });

  it('keeps shared references shared and walks each once, a cycle included', () => {
    const shared = { kind: structuredClone('fixed') };
    const value: { a: object; b: object; self?: object; list: unknown[] } = { a: shared, b: shared, list: [shared, structuredClone('lock'), 3, null] };
    value.self = value;
    expect(isInternalized(shared.kind)).toBe(false);
    internStrings(value);
    expect(value.a).toBe(value.b);
    expect(value.list[0]).toBe(shared);
    expect(isInternalized(shared.kind)).toBe(true);
    expect(isInternalized(value.list[1] as string)).toBe(true);
    expect(value.list).toEqual([shared, 'lock', 3, null]);
  });

  it('leaves strings that look like indices, and what is not a plain object or array, as they were', () => {
    const map = new Map([['key', structuredClone('value')]]);
    const value = { index: structuredClone('12'), map };
    internStrings(value);
    expect(value.index).toBe('12');
    expect(value.map).toBe(map);
    expect(isInternalized(map.get('key')!)).toBe(false);
  });
});
