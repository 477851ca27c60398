import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../simulator/index.js';
import { firstForbiddenCharacter, firstNonUtf8, forbiddenCharacterWords } from '../../simulator/profile/profile-text.js';

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'utf8')] : p)));

describe('a profile is UTF-8 text', () => {
  it('accepts ASCII, two-, three- and four-byte characters and a byte-order mark', () => {
    expect(firstNonUtf8(bytes('\uFEFFname: café – 😀 日本\n'))).toBeNull();
    expect(firstNonUtf8(new Uint8Array(0))).toBeNull();
  });

  it('finds a Latin-1 letter at its line and column', () => {
    expect(firstNonUtf8(bytes('version: 1\nname: caf', [0xe9], '\n'))).toEqual({ byte: 0xe9, offset: 20, line: 2, column: 10 });
  });

  it('counts a four-byte character as two columns, as the editor does', () => {
    expect(firstNonUtf8(bytes('😀', [0xff]))).toMatchObject({ line: 1, column: 3 });
  });

  it('refuses what only looks like UTF-8: overlong forms, surrogates, past U+10FFFF, a lone continuation, a cut sequence', () => {
    expect(firstNonUtf8(bytes([0xc0, 0xaf]))).toMatchObject({ byte: 0xc0 });
    expect(firstNonUtf8(bytes([0xe0, 0x80, 0xaf]))).toMatchObject({ byte: 0xe0 });
    expect(firstNonUtf8(bytes('a', [0xed, 0xa0, 0x80]))).toMatchObject({ byte: 0xed, column: 2 });
    expect(firstNonUtf8(bytes([0xf4, 0x90, 0x80, 0x80]))).toMatchObject({ byte: 0xf4 });
    expect(firstNonUtf8(bytes([0xf0, 0x8f, 0xbf, 0xbf]))).toMatchObject({ byte: 0xf0 });
    expect(firstNonUtf8(bytes('ok ', [0x80]))).toMatchObject({ byte: 0x80, column: 4 });
    expect(firstNonUtf8(bytes('x', [0xe6, 0x97]))).toMatchObject({ byte: 0xe6, offset: 1 });
  });
});

describe('a profile holds only the characters YAML allows', () => {
  it('allows tab, line breaks, NEL, text of every script, and emoji', () => {
    expect(firstForbiddenCharacter('a\tb\r\nc\u0085d é 日本 😀 \uFEFF')).toBeNull();
  });

  it('finds NUL, escape, DEL, C1 controls, noncharacters and a surrogate without its partner', () => {
    expect(firstForbiddenCharacter('ab\u0000')).toEqual({ index: 2, code: 0 });
    expect(firstForbiddenCharacter('\u001b[31m')).toEqual({ index: 0, code: 0x1b });
    expect(firstForbiddenCharacter('x\u007f')).toEqual({ index: 1, code: 0x7f });
    expect(firstForbiddenCharacter('x\u0090')).toEqual({ index: 1, code: 0x90 });
    expect(firstForbiddenCharacter('x\uFFFF')).toEqual({ index: 1, code: 0xffff });
    expect(firstForbiddenCharacter('😀x\uD83D')).toEqual({ index: 3, code: 0xd83d });
    expect(firstForbiddenCharacter('x\uDE00')).toEqual({ index: 1, code: 0xde00 });
  });

  it('names each in words with its code point', () => {
    expect(forbiddenCharacterWords(0)).toBe('a NUL character (U+0000)');
    expect(forbiddenCharacterWords(0x1b)).toBe('an escape character (U+001B)');
    expect(forbiddenCharacterWords(7)).toBe('a control character (U+0007)');
    expect(forbiddenCharacterWords(0xd800)).toBe('half of a surrogate pair without its other half (U+D800)');
    expect(forbiddenCharacterWords(0xfffe)).toBe('the noncharacter U+FFFE');
  });

  it('is refused by the loader at its line and column, before YAML reads it', () => {
    const r = parseProfile('version: 1\nname: nu\u0000l\nmain:\n  - compute: 1ms\n', 'p.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      {
        file: 'p.yaml',
        line: 2,
        column: 9,
        message:
          'a NUL character (U+0000) is not allowed in a profile: YAML allows printable characters only (of the control characters: tab, line feed, carriage return and next line)',
      },
    ]);
  });

  it('is refused written as an escape in a quoted string too, in a value or a key, where the string is', () => {
    const value = parseProfile('version: 1\nname: "red \\e[31m"\nmain:\n  - compute: 1ms\n', 'p.yaml');
    expect(value.ok ? [] : value.errors.map((e) => [e.line, e.column, e.message.split(':')[0]])).toEqual([
      [2, 7, 'an escape character (U+001B) is not allowed in a profile, even written as an escape in a quoted string'],
    ]);
    const key = parseProfile('version: 1\nname: x\nresources:\n  "a\\0": lock\nmain:\n  - compute: 1ms\n', 'p.yaml');
    expect(key.ok ? [] : key.errors.map((e) => [e.line, e.column, e.message.split(':')[0]])).toEqual([
      [4, 3, 'a NUL character (U+0000) is not allowed in a profile, even written as an escape in a quoted string'],
    ]);
  });

  it('allows the escapes of characters YAML allows: tab, line feed, next line', () => {
    // In the description: the name, a title on one line, refuses them for that reason (profile-errors.test.ts).
    expect(parseProfile('version: 1\nname: x\ndescription: "a\\tb\\nc\\Nd"\nmain:\n  - compute: 1ms\n', 'p.yaml').ok).toBe(true);
  });
});
