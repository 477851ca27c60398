import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { describeProgram, formatProfileError, parseProfile, type Program } from '../../simulator/index.js';
import { codeOf, load } from './profile-helpers.js';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const groups = ['talk', 'classic'] as const;
const builtins = groups.flatMap((group) =>
  readdirSync(join(root, 'profiles', group))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ name: `${group}/${f}`, text: readFileSync(join(root, 'profiles', group, f), 'utf8') })),
);
const loaded = (name: string): Program => load(builtins.find((b) => b.name === name)!.text, name);

/** The programs of the talk (TALK.md's table), one profile each. */
const TALK_PROFILES = [
  'adding-two-arrays',
  'basic-pool',
  'basic-apply',
  'multiple-arguments',
  'big-sum',
  'pool-benchmark',
  'task-parallelism-apply',
  'task-parallelism-process',
  'queue-sentinel',
  'makers-and-workers',
  'value-unsafe-writers',
  'value-safe-writers',
  'value-basic',
  'array-barrier-event',
  'array-barrier-event-readers',
  'locks',
  'deadlock-foo-bar',
];

/** Drops source positions, so programs read from different texts compare by meaning. */
function withoutPlaces(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPlaces);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'at')
        .map(([k, v]) => [k, withoutPlaces(v)]),
    );
  return value;
}

describe('the built-in profiles', () => {
  it('are found in profiles/talk and profiles/classic', () => {
    expect(builtins.filter((b) => b.name.startsWith('talk/')).length).toBeGreaterThanOrEqual(TALK_PROFILES.length);
    expect(builtins.filter((b) => b.name.startsWith('classic/')).length).toBeGreaterThan(0);
  });

  it.each(builtins.map((b) => [b.name, b.text]))('%s validates', (name, text) => {
    const result = parseProfile(text, name);
    expect(result.ok ? [] : result.errors.map(formatProfileError)).toEqual([]);
  });

  it('there is a profile for each program of the talk', () => {
    const talk = new Set(readdirSync(join(root, 'profiles', 'talk')));
    expect(TALK_PROFILES.filter((p) => !talk.has(`${p}.yaml`))).toEqual([]);
  });

  it.each(builtins.map((b) => [b.name, b.text]))('%s has a name and a description', (name, text) => {
    const program = load(text, name);
    expect(program.name.trim()).not.toBe('');
    expect(program.description.trim()).not.toBe('');
  });

  it.each(builtins.map((b) => [b.name, b.text]))('%s loads the same when written as JSON', (name, text) => {
    const asJson = JSON.stringify(parse(text), null, 2);
    expect(withoutPlaces(load(asJson, `${name}.json`))).toEqual(withoutPlaces(load(text, name)));
  });

  it.each(builtins.map((b) => [b.name, b.text]))('%s can be summarised', (name, text) => {
    const summary = describeProgram(load(text, name));
    expect(summary.processes.length).toBeGreaterThan(0);
    expect(summary.steps).toBeGreaterThan(0);
  });

  it('the deadlock profile takes the two locks in opposite orders', () => {
    const program = loaded('talk/deadlock-foo-bar.yaml');
    const order = (name: string) => codeOf(program, name).flatMap((c) => (c.op === 'acquire' ? [program.resources[c.r]!.name] : []));
    expect(order('foo')).toEqual(['a', 'b']);
    expect(order('bar')).toEqual(['b', 'a']);
  });

  it('the unsafe writers expect six and increment without a lock; the safe writers take the lock around it', () => {
    const unsafe = loaded('talk/value-unsafe-writers.yaml');
    const safe = loaded('talk/value-safe-writers.yaml');
    for (const program of [unsafe, safe]) {
      expect(program.expect.map((e) => [program.resources[e.r]!.name, e.value])).toEqual([['counter', 6]]);
    }
    const ops = (program: Program) =>
      program.templates.flatMap((t) => t.code.map((c) => c.op)).filter((op) => op === 'acquire' || op === 'add' || op === 'release');
    expect(ops(unsafe)).toEqual(['add']);
    expect(ops(safe)).toEqual(['acquire', 'add', 'release']);
  });
});
