import Ajv from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { profileSchema } from '../../simulator/index.js';
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

  it('holds a name to one line of 200 characters and a description to 10,000, as the compiler does', () => {
    const base = { version: 1, name: 'x', main: [{ compute: '1ms' }] };
    expect(validate({ ...base, name: 'n'.repeat(200), description: 'one\ntwo' })).toBe(true);
    expect(validate({ ...base, name: '🧵'.repeat(200) })).toBe(true);
    for (const name of ['two\nlines', 'a\ttab', 'a\u2028b', 'n'.repeat(201)]) expect(validate({ ...base, name })).toBe(false);
    expect(validate({ ...base, description: 'd'.repeat(10_001) })).toBe(false);
  });
});
