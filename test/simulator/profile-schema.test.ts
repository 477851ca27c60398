import Ajv from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseProfile, profileSchema } from '../../simulator/index.js';
import { VERB_NAMES } from '../../simulator/profile/vocabulary.js';

const root = join(import.meta.dirname, '..', '..');
const builtins = ['talk', 'classic'].flatMap((g) => readdirSync(join(root, 'profiles', g)).map((f) => join(root, 'profiles', g, f)));
const validate = new Ajv({ allErrors: true, strict: false }).compile(profileSchema());

describe('the JSON Schema of profiles', () => {
  it('is the committed profiles/schema.json, regenerated from the vocabulary (npm run schema)', () => {
    const committed: unknown = JSON.parse(readFileSync(join(root, 'profiles', 'schema.json'), 'utf8'));
    expect(committed).toEqual(profileSchema());
  });

  it('accepts every built-in profile', () => {
    for (const file of builtins) {
      const ok = validate(parse(readFileSync(file, 'utf8')));
      expect({ file, errors: validate.errors ?? [] }).toEqual({ file, errors: [] });
      expect(ok).toBe(true);
    }
  });

  it('knows every verb the compiler knows, each as its own step form', () => {
    const stepForms = (profileSchema().definitions as { step: { anyOf: { properties?: object; const?: string }[] } }).step.anyOf;
    const verbs = new Set(stepForms.flatMap((f) => (f.const ? [f.const] : Object.keys(f.properties ?? {}).slice(0, 1))));
    expect([...verbs].sort()).toEqual([...VERB_NAMES].sort());
  });

  it('rejects an unknown verb, a duration without a unit, and a missing version', () => {
    const base = { version: 1, name: 'x', main: [{ compute: '1ms' }] };
    expect(validate(base)).toBe(true);
    expect(validate({ ...base, main: [{ aquire: 'a' }] })).toBe(false);
    expect(validate({ ...base, main: [{ compute: '5' }] })).toBe(false);
    const { version: _version, ...noVersion } = base;
    expect(validate(noVersion)).toBe(false);
  });

  it('rejects a resource of unknown kind and a step with an unknown modifier', () => {
    const base = { version: 1, name: 'x', resources: { a: 'lock' }, main: [{ acquire: 'a', timeout: '1s' }] };
    expect(validate(base)).toBe(true);
    expect(validate({ ...base, resources: { a: 'lokc' } })).toBe(false);
    expect(validate({ ...base, main: [{ acquire: 'a', timeot: '1s' }] })).toBe(false);
  });

  it('holds a name to a title of one line and 200 characters, and a description to 10,000, as the compiler does', () => {
    const compiles = (name: string, description = 'd') =>
      parseProfile(`version: 1\nname: ${JSON.stringify(name)}\ndescription: ${JSON.stringify(description)}\nmain:\n  - compute: 1ms\n`).ok;
    const schemaTakes = (name: string, description = 'd') => validate({ version: 1, name, description, main: [{ compute: '1ms' }] });
    const names = [
      'x',
      'n'.repeat(200),
      'n'.repeat(201),
      '🧵'.repeat(200),
      '🧵'.repeat(201),
      // The line break a block scalar ends with is dropped: a title of exactly 200 characters still fits.
      'title\n',
      `${'n'.repeat(200)}\n`,
      'two\n\n',
      '\ntitle',
      ...['\t', '\n', '\r', '\u0085', '\u2028', '\u2029'].map((c) => `a${c}b`),
      '',
      '   ',
      '\u00a0',
      ' spaced title ',
    ];
    for (const name of names) expect({ name, schema: schemaTakes(name) }).toEqual({ name, schema: compiles(name) });
    expect(names.filter((n) => compiles(n))).toEqual(['x', 'n'.repeat(200), '🧵'.repeat(200), 'title\n', `${'n'.repeat(200)}\n`, ' spaced title ']);
    for (const description of ['one\ntwo', 'd'.repeat(10_000), 'd'.repeat(10_001)])
      expect({ schema: schemaTakes('x', description) }).toEqual({ schema: compiles('x', description) });
    expect(compiles('x', 'd'.repeat(10_001))).toBe(false);
  });
});
