import { describe, expect, it } from 'vitest';
import { formatProfileError, parseProfile } from '../../simulator/index.js';
import { lines, load, onlyError, place, refused, withMain } from './profile-helpers.js';

const FILE = 'lab/broken.yaml';

describe('profile errors', () => {
  describe('YAML and document shape', () => {
    it('a tab used as indentation is a YAML syntax error at the tab', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'main:', '\t- compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:4:1');
      expect(e.message).toMatch(/^YAML syntax: /);
      expect(e.message).toContain('Tabs are not allowed');
    });

    it('a key given twice is a YAML syntax error at the second one', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'name: y', 'main:', '  - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:3:1');
      expect(e.message).toBe('YAML syntax: Map keys must be unique');
    });

    it('keys given twice are each an error at the repeat, in a flow map and nested too; equal in value, not in spelling', () => {
      const errors = refused(lines('version: 1', 'name: x', 'resources: {a: lock, b: lock, a: lock}', 'main:', '  - compute: 1ms', '    compute: 2ms'), FILE);
      expect(errors.map((e) => `${place(e)} ${e.message}`)).toEqual([
        'lab/broken.yaml:3:31 YAML syntax: Map keys must be unique',
        'lab/broken.yaml:6:5 YAML syntax: Map keys must be unique',
      ]);
      // 1 and "1" are different keys; 1 and 0x1 are the same number.
      expect(refused(lines('version: 1', 'name: x', 'resources: {1: lock, "1": lock}', 'main: [{compute: 1ms}]'), FILE).map((e) => e.message)).not.toContain(
        'YAML syntax: Map keys must be unique',
      );
      expect(refused(lines('version: 1', 'name: x', 'resources: {1: lock, 0x1: lock}', 'main: [{compute: 1ms}]'), FILE).map((e) => e.message)).toContain(
        'YAML syntax: Map keys must be unique',
      );
    });

    it('a map of 60,000 keys is read in linear time and refused at the limit it passes (the YAML library looked for each key among all before it: seconds)', () => {
      const keys = Array.from({ length: 60_000 }, (_, k) => `k${k}`).join(', ');
      const e = onlyError(lines('version: 1', 'name: x', `resources: {${keys}}`, 'main: [{compute: 1ms}]'), FILE);
      expect(e.message).toBe('60000 resources; the limit is 10000');
      // A time limit of its own, as a guard against that hang, not a measure of speed: 9 s here before, 0.2 s now.
    }, 5_000);

    it('processes that start at once past the limit, all templates together, are refused at load, naming it (they loaded, and stopped at the process limit before a step)', () => {
      const three = lines(
        'version: 1',
        'name: x',
        'processes:',
        ...['a', 'b', 'c'].flatMap((t) => [`  ${t}:`, '    count: 40000 * $workers', '    steps: [{compute: 1ms}]']),
        'workers: [1]',
      );
      const e = onlyError(three, FILE);
      expect(place(e)).toBe('lab/broken.yaml:3:1');
      expect(e.message).toBe('120000 processes start at once with $workers = 1; the limit for a whole program is 100000');
      // Spawned templates start later, where the run's own limit applies; below the limit, all load.
      expect(parseProfile(three.replaceAll('40000', '30000')).ok).toBe(true);
    });

    it('a YAML message names no second position of its own', () => {
      const e = onlyError(lines('version: 1', 'name: "x', 'main: []'), FILE);
      expect(e.message).toMatch(/^YAML syntax: Missing closing "quote$/);
    });

    it('a geometric repeat whose mean passes the repeat limit is refused, naming the limit', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'main:', '  - repeat: {geometric: 1e-300}', '    steps:', '      - compute: 1ms'), FILE);
      expect(e.message).toBe('geometric 1e-300 means 1.00e+300 passes on average; the limit is 100,000,000, so p must be at least 1e-8');
      expect(parseProfile(lines('version: 1', 'name: x', 'main:', '  - repeat: {geometric: 1e-8}', '    steps:', '      - compute: 1ms')).ok).toBe(true);
    });

    it('an empty sweep says it is empty, and an infinite duration says it is not finite', () => {
      const sweep = onlyError(lines('version: 1', 'name: x', 'workers: []', 'main:', '  - compute: 1ms'), FILE);
      expect(sweep.message).toBe('workers should be a list of worker counts like [1, 2, 4], found an empty list');
      const forever = onlyError(lines('version: 1', 'name: x', 'main:', '  - sleep: .inf'), FILE);
      expect(forever.message).toBe('expected a duration with a unit, like 5ms, found Infinity (not a finite number)');
    });

    it('a name is one line of at most 200 characters, counted as a person counts them', () => {
      const broken = onlyError(lines('version: 1', 'name: |', '  Two', '  lines', 'main:', '  - compute: 1ms'), FILE);
      expect(place(broken)).toBe('lab/broken.yaml:2:7');
      expect(broken.message).toBe('name should be one line (a title), found a line break in it');
      const tabbed = onlyError(lines('version: 1', 'name: "a\\tb"', 'main:', '  - compute: 1ms'), FILE);
      expect(tabbed.message).toBe('name should be one line (a title), found a tab in it');
      for (const brk of ['\\r', '\\N', '\\L', '\\P'])
        expect(onlyError(lines('version: 1', `name: "a${brk}b"`, 'main:', '  - compute: 1ms')).message).toContain('line break');
      const long = onlyError(lines('version: 1', `name: ${'n'.repeat(201)}`, 'main:', '  - compute: 1ms'), FILE);
      expect(long.message).toBe('name is 201 characters long; the limit is 200');
      expect(parseProfile(lines('version: 1', `name: ${'n'.repeat(200)}`, 'main:', '  - compute: 1ms')).ok).toBe(true);
      // 200 characters outside the BMP are 400 UTF-16 units, and still 200 characters.
      expect(parseProfile(lines('version: 1', `name: ${'🧵'.repeat(200)}`, 'main:', '  - compute: 1ms')).ok).toBe(true);
    });

    it('a name in a block scalar of one line is that line, without the line break YAML ends it with', () => {
      for (const style of ['>', '|', '|+'])
        expect(load(lines('version: 1', `name: ${style}`, '  One line', 'main:', '  - compute: 1ms')).name).toBe('One line');
    });

    it('an empty or blank name is refused at its place, where it gave no error at all and failed to load', () => {
      for (const name of ['""', "'   '"]) {
        const e = onlyError(lines('version: 1', `name: ${name}`, 'main:', '  - compute: 1ms'), FILE);
        expect(place(e)).toBe('lab/broken.yaml:2:7');
        expect(e.message).toBe('name holds no title (it is empty, or only spaces); expected a title shown in the app and in reports');
      }
    });

    it('a name YAML reads as a number or a boolean is refused, saying to quote it (0x1F was the name "31")', () => {
      for (const name of ['123', '0x1F', '.inf', 'true', 'false']) {
        const e = onlyError(lines('version: 1', `name: ${name}`, 'main:', '  - compute: 1ms'), FILE);
        expect(e.message).toMatch(/^name should be text, found .*; write it in quotes to use it as text$/);
      }
      expect(load(lines('version: 1', 'name: "0x1F"', 'main:', '  - compute: 1ms')).name).toBe('0x1F');
    });

    it('a description may take several lines, up to 10,000 characters', () => {
      expect(parseProfile(lines('version: 1', 'name: x', 'description: |', '  One', '  \ttwo', 'main:', '  - compute: 1ms')).ok).toBe(true);
      const long = onlyError(lines('version: 1', 'name: x', `description: ${'d'.repeat(10_001)}`, 'main:', '  - compute: 1ms'), FILE);
      expect(place(long)).toBe('lab/broken.yaml:3:14');
      expect(long.message).toBe('description is 10,001 characters long; the limit is 10,000');
      expect(parseProfile(lines('version: 1', 'name: x', `description: ${'d'.repeat(10_000)}`, 'main:', '  - compute: 1ms')).ok).toBe(true);
    });

    it('a second YAML document is refused at its ---, in words for a profile’s author (the YAML library said to call parseAllDocuments)', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'main:', '  - compute: 1ms', '---', 'version: 1'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:5:1');
      expect(e.message).toBe('a profile is one YAML document; a second one starts here (remove this --- and what follows, or put it in a file of its own)');
    });

    it('a version written in quotes says to write the number', () => {
      const e = onlyError(lines('version: "1"', 'name: x', 'main:', '  - compute: 1ms'), FILE);
      expect(e.message).toBe('unsupported version "1"; this Interleave reads version 1 (the number: write it without quotes)');
      expect(onlyError(lines('version: 2', 'name: x', 'main:', '  - compute: 1ms'), FILE).message).toBe(
        'unsupported version 2; this Interleave reads version 1',
      );
    });

    it('an empty text is refused at 1:1, saying what a profile needs', () => {
      const e = onlyError('', FILE);
      expect(place(e)).toBe('lab/broken.yaml:1:1');
      expect(e.message).toContain('the profile is empty');
      expect(e.message).toContain('`version: 1` and `name`');
    });

    it('a document that is not a map is refused, saying what was found', () => {
      const e = onlyError('- compute: 1ms\n', FILE);
      expect(place(e)).toBe('lab/broken.yaml:1:1');
      expect(e.message).toBe('a profile is a map of keys (version, name, resources, processes, ...), found a list');
    });

    it('a profile with neither main nor processes is refused', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'processes: {}'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:1:1');
      expect(e.message).toContain('the profile has no processes; expected main: or processes:');
    });

    it('a text over the byte limit is refused before parsing, with the limit named', () => {
      const text = withMain('  - compute: 1ms') + `# ${'x'.repeat(1024 * 1024)}\n`;
      const e = onlyError(text, FILE);
      expect(place(e)).toBe('lab/broken.yaml:1:1');
      expect(e.message).toMatch(/the limit is 1048576 bytes/);
    });

    it('aliases that expand past the node budget are refused, not expanded without end', () => {
      const bomb = ['a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]'];
      for (const [from, to] of [
        ['a', 'b'],
        ['b', 'c'],
        ['c', 'd'],
        ['d', 'e'],
        ['e', 'f'],
      ])
        bomb.push(`${to}: &${to} [${Array(10).fill(`*${from}`).join(', ')}]`);
      const e = onlyError(lines('version: 1', 'name: x', ...bomb), FILE);
      expect(e.message).toContain('more than 200000 YAML nodes once aliases are expanded');
    });
  });

  describe('aliases', () => {
    it('stand for the last node before them with their anchor, an anchor given again included', () => {
      const r = parseProfile(withMain('  - &s {compute: 1ms}', '  - *s', '  - &s {compute: 2ms}', '  - *s'), FILE);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const main = r.program.templates[r.program.main!]!;
      expect(main.code.map((i) => (i.op === 'compute' && i.d.kind === 'fixed' ? i.d.ns / 1e6 : null))).toEqual([1, 1, 2, 2]);
    });

    it('load in one walk of the document: twenty thousand of them, each its anchor’s step (each had walked the whole document again)', () => {
      const r = parseProfile(withMain('  - &s {compute: 1us}', ...Array<string>(20_000).fill('  - *s')), FILE);
      expect(r.ok && r.program.templates[r.program.main!]!.code).toHaveLength(20_001);
    });
  });

  describe('top level', () => {
    it('a missing version is reported at 1:1 with the line to add', () => {
      const e = onlyError(lines('name: x', 'main:', '  - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:1:1');
      expect(e.message).toBe('missing version; expected `version: 1` at the top of the profile');
    });

    it('a version other than 1 is reported at the value, naming the version this reader knows', () => {
      const e = onlyError(lines('version: 2', 'name: x', 'main:', '  - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:1:10');
      expect(e.message).toBe('unsupported version 2; this Interleave reads version 1');
    });

    it('a missing name is reported at 1:1', () => {
      const e = onlyError(lines('version: 1', 'main:', '  - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:1:1');
      expect(e.message).toContain('missing name; expected `name: ...`');
    });

    it('a name that is not text is reported at its value', () => {
      const e = onlyError(lines('version: 1', 'name:', 'main:', '  - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:2:6');
      expect(e.message).toBe('name should be text, found nothing');
    });

    it('an unknown top-level key is reported at the key, with a did-you-mean and every key allowed', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'descripton: hello', 'main:', '  - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:3:1');
      expect(e.message).toContain('unknown key "descripton" at the top level (did you mean "description"?)');
      expect(e.message).toContain('expected version, name, description, seed, workers, run_for, resources, main, processes, expect or pool');
    });

    it('a misspelt processes key is reported with a did-you-mean', () => {
      const errors = refused(lines('version: 1', 'name: x', 'proceses:', '  a:', '    - compute: 1ms'), FILE);
      expect(errors.map(formatProfileError)).toContain(
        'lab/broken.yaml:3:1: unknown key "proceses" at the top level (did you mean "processes"?); expected version, name, description, seed, workers, run_for, resources, main, processes, expect or pool',
      );
    });

    it('a worker count that is not a whole number >= 1 is reported at that item', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'workers: [1, 0, 4]', 'main:', '  - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:3:14');
      expect(e.message).toBe('a worker count is a whole number >= 1, found 0');
    });

    it('a worker count given twice is reported at the repeat', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'workers: [2, 2]', 'main:', '  - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:3:14');
      expect(e.message).toBe('2 is already in the sweep');
    });

    it('a negative seed is reported at the value', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'seed: -3', 'main:', '  - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:3:7');
      expect(e.message).toBe('seed should be a whole number from 0 to 9007199254740991 (2^53 - 1), found -3');
    });
  });

  describe('steps', () => {
    it('an unknown verb is reported at the key, with a did-you-mean "acquire" for "aquire"', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'resources:', '  a: lock', 'main:', '  - aquire: a'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:6:5');
      expect(e.message).toMatch(/^unknown verb "aquire" \(did you mean "acquire"\?\); expected one of compute, sleep, acquire, /);
    });

    it('a verb far from every known verb gets no did-you-mean', () => {
      const e = onlyError(withMain('  - frobnicate: 1ms'), FILE);
      expect(e.message).toMatch(/^unknown verb "frobnicate"; expected one of /);
    });

    it('a verb written bare without its operand says how to write it', () => {
      const e = onlyError(withMain('  - compute'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:4:5');
      expect(e.message).toBe('compute needs an operand: write "- compute: ..."');
    });

    it('an undeclared resource is reported at its name, listing what is declared', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'resources:', '  a: lock', 'main:', '  - acquire: b'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:6:14');
      expect(e.message).toBe('undeclared resource "b"; declared: a');
    });

    it('a misspelt resource name gets a did-you-mean', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'resources:', '  counter: {value: 0}', 'main:', '  - increment: conter'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:6:16');
      expect(e.message).toContain('undeclared resource "conter" (did you mean "counter"?)');
    });

    it('a wait on a lock is reported at the name, saying which kinds wait takes', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'resources:', '  a: lock', 'main:', '  - wait: a'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:6:11');
      expect(e.message).toBe('wait needs an event, a barrier or a condition, but a is a lock');
    });

    it('a put on an event names the kind it needs', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'resources:', '  go: event', 'main:', '  - put: go'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:6:10');
      expect(e.message).toBe('put needs a queue, but go is an event');
    });

    it('two verbs in one step are reported at the second verb', () => {
      const e = onlyError(withMain('  - compute: 1ms', '    sleep: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:5:5');
      expect(e.message).toBe('a step has one verb, found compute and sleep; put each in a step of its own');
    });

    it('an unknown modifier is reported at its key, with a did-you-mean and what the verb takes', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'resources:', '  a: lock', 'main:', '  - acquire: a', '    timout: 1s'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:7:5');
      expect(e.message).toContain('unknown key "timout"');
      expect(e.message).toContain('(did you mean "timeout"?)');
      expect(e.message).toContain('acquire takes timeout');
    });

    it('a modifier on a verb that takes none says so', () => {
      const e = onlyError(withMain('  - compute: 1ms', '    timeout: 1s'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:5:5');
      expect(e.message).toContain('compute takes no other keys');
    });

    it('a missing required modifier is reported at the verb', () => {
      const e = onlyError(withMain('  - repeat: 3'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:4:5');
      expect(e.message).toBe('a repeat step needs steps: (the steps to repeat)');
    });

    it('an empty step asks for a verb', () => {
      const e = onlyError(withMain('  - {}'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:4:5');
      expect(e.message).toBe('an empty step; expected a verb such as compute, acquire or put');
    });

    it('until outside any repeat is reported at until', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'resources:', '  q: queue', 'main:', '  - get: q', '    until: dead'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:7:5');
      expect(e.message).toBe('until ends the innermost repeat, but this get is not inside a repeat');
    });

    it('repeats nested past the limit are reported at the repeat that goes too deep', () => {
      const body: string[] = [];
      for (let depth = 0; depth < 33; depth++) body.push(`${' '.repeat(2 + 4 * depth)}- repeat: 1`, `${' '.repeat(4 + 4 * depth)}steps:`);
      body.push(`${' '.repeat(2 + 4 * 33)}- compute: 1ms`);
      const e = onlyError(withMain(...body), FILE);
      expect(place(e)).toBe(`lab/broken.yaml:${4 + 2 * 32}:${2 + 4 * 32 + 3}`);
      expect(e.message).toBe('repeats nest more than 32 deep; that is the limit');
    });
  });

  describe('durations', () => {
    it('a bare number is reported at the value, suggesting a unit', () => {
      const e = onlyError(withMain('  - compute: 5'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:4:14');
      expect(e.message).toBe('expected a duration with a unit (ns, us, µs, ms, s, min, h), found the bare number 5; write 5ms, say');
    });

    it('a negative duration is reported at the value', () => {
      const e = onlyError(withMain('  - sleep: -5ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:4:12');
      expect(e.message).toBe('a duration cannot be negative, found "-5ms"');
    });

    it('an unknown unit is reported at the value, listing the units', () => {
      const e = onlyError(withMain('  - compute: 5mx'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:4:14');
      expect(e.message).toBe('unknown duration unit "mx"; expected one of ns, us, µs, ms, s, min, h');
    });

    it('a quoted number without a unit is reported as having no unit', () => {
      const e = onlyError(withMain('  - compute: "5"'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:4:14');
      expect(e.message).toContain('the duration "5" has no unit');
    });

    it('a timeout is checked like any duration, at its own value', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'resources:', '  a: lock', 'main:', '  - acquire: a', '    timeout: 10'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:7:14');
      expect(e.message).toContain('found the bare number 10');
    });
  });

  describe('counts', () => {
    it('a bad count expression is reported at the offending character inside it', () => {
      const e = onlyError(withMain('  - repeat: $workers + * 2', '    steps:', '      - compute: 1ms'), FILE);
      // `$` is at column 13; `*` is 11 characters further.
      expect(place(e)).toBe('lab/broken.yaml:4:24');
      expect(e.message).toContain('unexpected "*" in the count expression');
    });

    it('a quoted count expression is reported one column further, past the quote', () => {
      const e = onlyError(withMain('  - repeat: "$workers + * 2"', '    steps:', '      - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:4:25');
    });

    it('a count in a flow map is reported inside the expression', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'resources:', '  s: { semaphore: $workers + * 2 }', 'main:', '  - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:4:30');
    });

    it('an unclosed parenthesis is reported at the end, naming the column of the (', () => {
      const e = onlyError(withMain('  - repeat: ($workers + 1', '    steps:', '      - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:4:26');
      expect(e.message).toBe('expected ) to close the ( at column 13');
    });

    it('a negative repeat count is reported at the count', () => {
      const e = onlyError(withMain('  - repeat: -1', '    steps:', '      - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:4:13');
      expect(e.message).toBe('the repeat count is -1; expected at least 0');
    });

    it('a count negative for one worker count names that binding', () => {
      const e = onlyError(withMain('  - repeat: 1 - $workers * 2', '    steps:', '      - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:4:13');
      expect(e.message).toBe('the repeat count is -1 (with $workers = 1); expected at least 0');
    });

    it('a billion processes are refused with the limit named "100,000"', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'processes:', '  w:', '    count: 1000000000', '    steps:', '      - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:5:12');
      expect(e.message).toBe('the count of w is 1,000,000,000; the limit is 100,000 (processes)');
    });

    it("a count past int32 is refused with the process limit named, not int32's", () => {
      const e = onlyError(lines('version: 1', 'name: x', 'processes:', '  w:', '    count: 3000000000', '    steps:', '      - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:5:12');
      expect(e.message).toBe('the count of w is 3,000,000,000; the limit is 100,000 (processes)');
    });

    it('a count past int32 written as a string is refused the same way', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'processes:', '  w:', '    count: "3000000000"', '    steps:', '      - compute: 1ms'), FILE);
      expect(e.message).toBe('the count of w is 3,000,000,000; the limit is 100,000 (processes)');
    });

    it('a number past what a double holds exactly is said in three figures, not in digits made up', () => {
      const e = onlyError(withMain('  - repeat: 12345678901234567890', '    steps:', '      - compute: 1ms'), FILE);
      expect(e.message).toBe('the repeat count is 1.23e+19; the limit is 100,000,000 (repeat)');
    });

    it('a range of int32 is written with its thousands grouped at both ends', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'resources:', '  v: {value: 9999999999}', 'processes:', '  w:', '    - compute: 1ms'), FILE);
      expect(e.message).toBe('the initial value of v is 9,999,999,999; expected -2,147,483,647 to 2,147,483,647');
    });

    it('a spawn of a billion processes is refused the same way', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'processes:', '  w:', '    - compute: 1ms', 'main:', '  - spawn: w', '    count: 1000000000'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:8:12');
      expect(e.message).toBe('the spawn count is 1,000,000,000; the limit is 100,000 (processes)');
    });

    it('a count past the limit only for a large worker count names that worker count', () => {
      const e = onlyError(
        lines('version: 1', 'name: x', 'workers: [1, 1000]', 'processes:', '  w:', '    count: $workers * 1000', '    steps:', '      - compute: 1ms'),
        FILE,
      );
      expect(place(e)).toBe('lab/broken.yaml:6:12');
      expect(e.message).toBe('the count of w is 1,000,000 (with $workers = 1000); the limit is 100,000 (processes)');
    });

    it('division by zero in a count is reported with the binding that caused it', () => {
      const e = onlyError(withMain('  - repeat: 4 / ($workers - 1)', '    steps:', '      - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:4:13');
      expect(e.message).toBe('the repeat count: division by zero (with $workers = 1)');
    });
  });

  describe('templates', () => {
    const proc = ['version: 1', 'name: x', 'processes:', '  worker:', '    - compute: 1ms', 'main:'];

    it('a spawn of an undefined template is reported at the name, with a did-you-mean', () => {
      const e = onlyError(lines(...proc, '  - spawn: wroker'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:7:12');
      expect(e.message).toBe('spawn: no process template named "wroker" (did you mean "worker"?); defined: worker');
    });

    it('a join of an undefined template is reported at the name', () => {
      const e = onlyError(lines(...proc, '  - join: nobody'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:7:11');
      expect(e.message).toBe('join: no process template named "nobody"; defined: worker');
    });

    it('a join of a template this process never spawns is reported at the join', () => {
      const e = onlyError(lines(...proc, '  - join: worker'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:7:5');
      expect(e.message).toBe('join: worker waits for instances of worker that this process spawned, but main never spawns worker');
    });

    it('main cannot be spawned', () => {
      const e = onlyError(lines(...proc, '  - spawn: main'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:7:12');
      expect(e.message).toContain('no process template named "main"');
    });

    it('templates that spawn each other in a cycle are refused at the spawn that closes it', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'processes:', '  a:', '    - spawn: b', '  b:', '    - spawn: a', 'main:', '  - spawn: a'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:7:7');
      expect(e.message).toBe('process templates spawn each other in a cycle (a → b → a), which would start processes without end');
    });

    it('a template that spawns itself is a cycle too', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'processes:', '  a:', '    - compute: 1ms', '    - spawn: a'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:6:7');
      expect(e.message).toContain('(a → a)');
    });

    it('an unknown key in a template body is reported with a did-you-mean', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'processes:', '  w:', '    cont: 2', '    steps:', '      - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:5:5');
      expect(e.message).toBe('unknown key "cont" in process w (did you mean "count"?); expected count or steps');
    });

    it('$i in a process count is refused: the count is known before any instance exists', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'processes:', '  w:', '    count: $i + 1', '    steps:', '      - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:5:12');
      expect(e.message).toContain('$i (the instance index) is only known inside a process');
    });
  });

  describe('shared values and expect', () => {
    it('an array index out of range for some instance is reported inside the brackets, with the instance', () => {
      const e = onlyError(
        lines('version: 1', 'name: x', 'resources:', '  t: {array: 4}', 'processes:', '  w:', '    count: 5', '    steps:', '      - increment: t[$i]'),
        FILE,
      );
      expect(place(e)).toBe('lab/broken.yaml:9:22');
      expect(e.message).toBe('the index into t (4 slots) is 4 (with $i = 4); expected 0 to 3');
    });

    it('a constant array index out of range is reported at the index', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'resources:', '  t: {array: 4}', 'main:', '  - increment: t[4]'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:6:18');
      expect(e.message).toBe('the index into t (4 slots) is 4; expected 0 to 3');
    });

    it('an array used without an index asks for the slot', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'resources:', '  t: {array: 4}', 'main:', '  - increment: t'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:6:16');
      expect(e.message).toBe('t is an array; say which slot, like t[$i]');
    });

    it('an expect of an undeclared value is reported at its key, with a did-you-mean', () => {
      const e = onlyError(
        lines('version: 1', 'name: x', 'resources:', '  counter: {value: 0}', 'main:', '  - increment: counter', 'expect:', '  countr: 1'),
        FILE,
      );
      expect(place(e)).toBe('lab/broken.yaml:8:3');
      expect(e.message).toBe('expect: undeclared shared value "countr" (did you mean "counter"?)');
    });

    it('an expect of a lock is refused: only values and arrays end with a value', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'resources:', '  a: lock', 'main:', '  - acquire: a', 'expect:', '  a: 1'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:8:3');
      expect(e.message).toBe('expect: a is a lock; only shared values and arrays have a final value to check');
    });

    it('an expected array of the wrong length is reported at the list', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'resources:', '  t: {array: 2}', 'main:', '  - increment: t[0]', 'expect:', '  t: [1, 0, 0]'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:8:6');
      expect(e.message).toBe('expect: t has 2 slots, but the list has 3');
    });

    it('a condition bound to an event is refused at the lock name', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'resources:', '  cv: {condition: e}', '  e: event', 'main:', '  - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:4:19');
      expect(e.message).toBe('condition cv needs a lock or rlock, but e is an event');
    });

    it('an unknown resource kind is reported with a did-you-mean', () => {
      const e = onlyError(lines('version: 1', 'name: x', 'resources:', '  s: {semaphor: 3}', 'main:', '  - compute: 1ms'), FILE);
      expect(place(e)).toBe('lab/broken.yaml:4:7');
      expect(e.message).toContain('resource s: unknown kind "semaphor" (did you mean "semaphore"?)');
    });

    it('a resource whose declaration is broken is reported once, not again at each use', () => {
      const errors = refused(lines('version: 1', 'name: x', 'resources:', '  s: {semaphor: 3}', 'main:', '  - acquire: s', '  - release: s'), FILE);
      expect(errors.map(place)).toEqual(['lab/broken.yaml:4:7']);
    });
  });

  describe('JSON input', () => {
    it('a JSON profile loads', () => {
      const result = parseProfile('{"version": 1, "name": "x", "main": [{"compute": "1ms"}]}', 'p.json');
      expect(result.ok).toBe(true);
    });

    it('an error in JSON is placed at its line and column', () => {
      const e = onlyError(['{', '  "version": 1,', '  "name": "x",', '  "main": [{"compute": 5}]', '}'].join('\n'), 'p.json');
      expect(place(e)).toBe('p.json:4:24');
      expect(e.message).toContain('found the bare number 5');
    });

    it('an unknown verb in JSON is placed at its quoted key', () => {
      const e = onlyError(['{', '  "version": 1,', '  "name": "x",', '  "main": [{"aquire": "a"}]', '}'].join('\n'), 'p.json');
      expect(place(e)).toBe('p.json:4:13');
      expect(e.message).toContain('(did you mean "acquire"?)');
    });

    it('a JSON count expression is placed inside the string, past its quote', () => {
      const text = ['{', '  "version": 1,', '  "name": "x",', '  "main": [{"repeat": "$workers + * 2", "steps": [{"compute": "1ms"}]}]', '}'].join('\n');
      const e = onlyError(text, 'p.json');
      // `"$workers` opens at column 23, so `$` is at 24 and `*` at 35.
      expect(place(e)).toBe('p.json:4:35');
    });

    it('broken JSON is a YAML syntax error at the place the parser stopped', () => {
      const errors = refused(['{', '  "version": 1,', '  "name": "x",', '  "main": [{"compute": "1ms"}', '}'].join('\n'), 'p.json');
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.map(place)).toContain('p.json:5:1');
      expect(errors.every((e) => e.message.startsWith('YAML syntax: '))).toBe(true);
      expect(errors.map((e) => e.message)).toContain('YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]');
    });
  });

  describe('reporting', () => {
    it('every problem is reported at once, in text order, each once', () => {
      const errors = refused(
        lines('version: 1', 'name: x', 'resources:', '  a: lock', 'main:', '  - wait: a', '  - compute: 5', '  - aquire: a', '  - compute: 5'),
        FILE,
      );
      expect(errors.map(place)).toEqual(['lab/broken.yaml:6:11', 'lab/broken.yaml:7:14', 'lab/broken.yaml:8:5', 'lab/broken.yaml:9:14']);
    });

    it('a missing version and a missing name are both reported', () => {
      const errors = refused(lines('main:', '  - compute: 1ms'), FILE);
      expect(errors.map((e) => e.message.split(';')[0])).toEqual(['missing version', 'missing name']);
    });

    it('CRLF line endings, CR alone (YAML 1.2 allows it; every line was refused) and a byte-order mark do not move positions', () => {
      const text = withMain('  - compute: 5');
      const lf = onlyError(text, FILE);
      expect(place(onlyError(text.replace(/\n/g, '\r\n'), FILE))).toBe(place(lf));
      expect(onlyError(text.replace(/\n/g, '\r'), FILE)).toEqual(lf);
      expect(place(onlyError(`\uFEFF${text}`, FILE))).toBe(place(lf));
      // On the first line too: after the mark, a column was one too far.
      const first = lines('version: 2', 'name: x', 'main: [{compute: 1ms}]');
      expect(place(onlyError(`\uFEFF${first}`, FILE))).toBe(place(onlyError(first, FILE)));
    });

    it('formats an error as file:line:column: message, the form editors link to', () => {
      const e = onlyError(withMain('  - compute: 5mx'), FILE);
      expect(formatProfileError(e)).toBe('lab/broken.yaml:4:14: unknown duration unit "mx"; expected one of ns, us, µs, ms, s, min, h');
    });

    it('the file name defaults to profile.yaml', () => {
      const result = parseProfile(withMain('  - compute: 5mx'));
      expect(result.ok ? [] : result.errors.map((e) => e.file)).toEqual(['profile.yaml']);
    });
  });
});
