import { expect } from 'vitest';
import { formatProfileError, parseProfile, type Instr, type ProfileError, type Program } from '../../simulator/index.js';

/** Joins lines into a profile text, so a test reads with its line numbers in view. */
export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

/** The compiled program; fails the test with every error, formatted, when the profile is refused. */
export function load(text: string, file = 'profile.yaml'): Program {
  const result = parseProfile(text, file);
  if (!result.ok) expect.fail(`expected the profile to load, but:\n${result.errors.map(formatProfileError).join('\n')}`);
  return result.program;
}

/** The errors of a profile that must be refused. */
export function refused(text: string, file = 'profile.yaml'): readonly ProfileError[] {
  const result = parseProfile(text, file);
  if (result.ok) expect.fail('expected the profile to be refused, but it loaded');
  return result.errors;
}

/** The one error of a profile that must be refused for exactly one reason. */
export function onlyError(text: string, file = 'profile.yaml'): ProfileError {
  const errors = refused(text, file);
  expect(errors.map(formatProfileError)).toHaveLength(1);
  return errors[0]!;
}

/** `file:line:column`, to compare a place in one assertion. */
export function place(e: ProfileError): string {
  return `${e.file}:${e.line}:${e.column}`;
}

/** The code of a template by name. */
export function codeOf(program: Program, template: string): readonly Instr[] {
  const t = program.templates.find((x) => x.name === template);
  if (!t) expect.fail(`no template ${template}; have ${program.templates.map((x) => x.name).join(', ')}`);
  return t.code;
}

/** A minimal profile around a main step list. */
export function withMain(...steps: string[]): string {
  return lines('version: 1', 'name: test', 'main:', ...steps);
}
