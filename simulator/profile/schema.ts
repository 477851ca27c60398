import { DISTRIBUTIONS, DURATION_UNITS } from './duration.js';
import type { ResourceKind } from './ir.js';
import { LIMITS } from './limits.js';
import { TITLE_PATTERN } from './title.js';
import { POOL_KEYS, RESOURCE_WORDS, TOP_LEVEL_KEYS, VERBS, type Modifier, type OperandType, type ResourceForm } from './vocabulary.js';

/** A JSON Schema fragment (draft-07), as plain data. */
export type JsonSchema = { readonly [key: string]: unknown };

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });

const DURATION_PATTERN = `^\\s*(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?\\s*(${DURATION_UNITS.join('|')})\\s*$`;

/**
 * The JSON Schema of profile format version 1, generated from the same
 * vocabulary the compiler reads. It checks shape (keys, verbs, value forms) so
 * editors can complete and flag profiles; the compiler checks the rest (names
 * that must be declared, kinds, limits).
 */
export function profileSchema(): JsonSchema {
  const distributions: Record<string, JsonSchema> = {
    uniform: { type: 'array', items: ref('fixedDuration'), minItems: 2, maxItems: 2, description: '[low, high]' },
    exponential: { ...ref('fixedDuration'), description: 'the mean' },
    normal: { type: 'array', items: ref('fixedDuration'), minItems: 2, maxItems: 2, description: '[mean, standard deviation], cut at zero' },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://interleave.dev/schema/profile-v1.json',
    title: 'Interleave workload profile, version 1',
    type: 'object',
    required: ['version', 'name'],
    additionalProperties: false,
    properties: topLevel(),
    definitions: {
      fixedDuration: { type: 'string', pattern: DURATION_PATTERN, description: 'a number with a unit: 250ns, 40us, 1.5ms, 2s' },
      duration: {
        anyOf: [
          ref('fixedDuration'),
          ...DISTRIBUTIONS.map((d) => ({ type: 'object', required: [d], additionalProperties: false, properties: { [d]: distributions[d] } })),
        ],
      },
      expression: {
        type: 'string',
        pattern: '^[\\s\\d$a-z_()+\\-*/]+$',
        maxLength: LIMITS.exprChars,
        description: 'integers, $workers, $i, + - * / (integer division) and parentheses',
      },
      count: {
        anyOf: [
          { type: 'integer' },
          ref('expression'),
          {
            type: 'object',
            required: ['geometric'],
            additionalProperties: false,
            properties: { geometric: { type: 'number', minimum: 1 / LIMITS.repeat, maximum: 1 } },
          },
        ],
      },
      integer: { anyOf: [{ type: 'integer' }, ref('expression')] },
      scalar: { type: ['string', 'number', 'boolean'] },
      name: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      target: { type: 'string', pattern: '^\\s*[A-Za-z_]\\w*\\s*(\\[.*\\])?\\s*$', description: 'a value name, or array[index]' },
      resource: { anyOf: resourceForms() },
      step: { anyOf: stepForms() },
      steps: { type: 'array', items: ref('step') },
      pool: {
        type: 'object',
        additionalProperties: false,
        required: Object.entries(POOL_KEYS)
          .filter(([, m]) => m.required)
          .map(([k]) => k),
        properties: Object.fromEntries(
          Object.entries(POOL_KEYS).map(([k, m]) => [
            k,
            k === 'chunksize' ? { anyOf: [{ const: 'auto' }, ref('count')], description: m.summary } : modifierSchema(m),
          ]),
        ),
      },
    },
  };
}

function topLevel(): Record<(typeof TOP_LEVEL_KEYS)[number], JsonSchema> {
  return {
    version: { const: 1, description: 'the format version' },
    name: {
      type: 'string',
      pattern: TITLE_PATTERN,
      description: 'a title shown in the app and in reports, on one line',
    },
    description: { type: 'string', maxLength: LIMITS.descriptionChars },
    seed: { type: 'integer', minimum: 0, description: 'seed for every random draw (default 1)' },
    workers: {
      type: 'array',
      items: { type: 'integer', minimum: 1, maximum: LIMITS.workers },
      minItems: 1,
      maxItems: LIMITS.sweepLength,
      uniqueItems: true,
      description: 'the sweep of worker counts, each bound to $workers in turn (default [1, 2, 4])',
    },
    run_for: { ...ref('fixedDuration'), description: 'programs with forever loops stop here' },
    resources: { type: 'object', propertyNames: ref('name'), additionalProperties: ref('resource') },
    main: { ...ref('steps'), description: 'steps of the main process' },
    processes: {
      type: 'object',
      propertyNames: { allOf: [ref('name'), { not: { const: 'main' } }] },
      additionalProperties: {
        anyOf: [ref('steps'), { type: 'object', required: ['steps'], additionalProperties: false, properties: { count: ref('integer'), steps: ref('steps') } }],
      },
    },
    expect: {
      type: 'object',
      additionalProperties: { anyOf: [{ type: 'integer' }, { type: 'array', items: { type: 'integer' } }] },
      description: 'shared value name to the value it must hold at the end',
    },
    pool: { type: 'object', required: ['workers'], additionalProperties: false, properties: { workers: ref('integer') } },
  };
}

function resourceForms(): JsonSchema[] {
  const byForm = (form: ResourceForm, kind: ResourceKind): JsonSchema[] => {
    const summary = RESOURCE_WORDS[kind].summary;
    const bare = { const: kind, description: summary };
    const withArg = (arg: JsonSchema) => ({ type: 'object', required: [kind], additionalProperties: false, properties: { [kind]: arg }, description: summary });
    switch (form) {
      case 'bare':
        return [bare];
      case 'bare-or-count':
        return [bare, withArg(ref('integer'))];
      case 'count':
        return [withArg(ref('integer'))];
      case 'bare-or-lock':
        return [bare, withArg(ref('name'))];
      case 'integer':
        return [withArg({ type: 'integer' })];
    }
  };
  return (Object.keys(RESOURCE_WORDS) as ResourceKind[]).flatMap((kind) => byForm(RESOURCE_WORDS[kind].form, kind));
}

function operandSchema(operand: OperandType): JsonSchema {
  switch (operand.type) {
    case 'duration':
      return ref('duration');
    case 'resource':
      return { ...ref('name'), description: `the name of a declared ${operand.kinds.join(', ')}` };
    case 'target':
      return ref('target');
    case 'template':
      return ref('name');
    case 'repeat':
      return {
        anyOf: [
          ref('count'),
          { const: 'forever' },
          { type: 'object', required: ['while_set'], additionalProperties: false, properties: { while_set: ref('name') } },
        ],
      };
    case 'pool':
      return ref('pool');
    case 'durations':
      return { type: 'array', items: ref('duration'), minItems: 1, maxItems: LIMITS.applyAsyncTasks };
    case 'none':
      return { type: 'null' };
  }
}

function modifierSchema(m: Modifier): JsonSchema {
  const base: Record<Modifier['type'], JsonSchema> = {
    duration: ref('duration'),
    count: ref('count'),
    integer: ref('integer'),
    scalar: ref('scalar'),
    steps: ref('steps'),
  };
  return { ...base[m.type], description: m.summary };
}

function stepForms(): JsonSchema[] {
  const forms: JsonSchema[] = [];
  for (const [verb, word] of Object.entries(VERBS)) {
    if (word.operand.type === 'none') forms.push({ const: verb, description: word.summary });
    const properties: Record<string, JsonSchema> = { [verb]: { ...operandSchema(word.operand), description: word.summary } };
    for (const [name, m] of Object.entries(word.modifiers)) properties[name] = modifierSchema(m);
    const required = [
      verb,
      ...Object.entries(word.modifiers)
        .filter(([, m]) => m.required)
        .map(([k]) => k),
    ];
    forms.push({ type: 'object', required, additionalProperties: false, properties });
  }
  return forms;
}
