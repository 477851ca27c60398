/**
 * What a profile's text may hold before it is read as YAML: UTF-8 bytes, and
 * only the characters YAML calls printable. A file in another encoding would
 * otherwise load with its accented letters turned silently into U+FFFD, and a
 * NUL or an escape sequence would reach names shown in the app and in reports.
 */

/** Where a profile's bytes stop being UTF-8: the byte, and its line and column (as the text reads up to it). */
export interface NotUtf8 {
  readonly byte: number;
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** The first byte that is not part of well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF); null if all are. */
export function firstNonUtf8(bytes: Uint8Array): NotUtf8 | null {
  let line = 1;
  let column = 1;
  let k = 0;
  while (k < bytes.length) {
    const b = bytes[k]!;
    const length = sequenceLength(bytes, k);
    if (length === 0) return { byte: b, offset: k, line, column };
    if (b === 0x0a) {
      line++;
      column = 1;
    } else column += length === 4 ? 2 : 1; // columns count UTF-16 units, as the editor's do
    k += length;
  }
  return null;
}

/** The length of the well-formed sequence starting at k (Unicode's table 3-7), or 0. */
function sequenceLength(bytes: Uint8Array, k: number): number {
  const b = bytes[k]!;
  if (b < 0x80) return 1;
  const next = (n: number, lo = 0x80, hi = 0xbf) => {
    const c = bytes[k + n];
    return c !== undefined && c >= lo && c <= hi;
  };
  if (b >= 0xc2 && b <= 0xdf) return next(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    // E0 needs A0.. (no overlong forms); ED stops at 9F (no surrogates).
    const ok = b === 0xe0 ? next(1, 0xa0) : b === 0xed ? next(1, 0x80, 0x9f) : next(1);
    return ok && next(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    // F0 needs 90.. (no overlong forms); F4 stops at 8F (U+10FFFF).
    const ok = b === 0xf0 ? next(1, 0x90) : b === 0xf4 ? next(1, 0x80, 0x8f) : next(1);
    return ok && next(2) && next(3) ? 4 : 0;
  }
  return 0;
}

/** A character YAML does not allow in a stream, and its index in the text. */
export interface Forbidden {
  readonly index: number;
  readonly code: number;
}

// YAML 1.2's printable set is tab, line feed, carriage return, U+0020–U+007E, U+0085, U+00A0–U+D7FF,
// U+E000–U+FFFD and the planes past it: everything else, and a surrogate with no partner, is refused.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- finding control characters is its purpose
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first character of the text that YAML does not allow; null if there is none. */
export function firstForbiddenCharacter(text: string): Forbidden | null {
  const m = FORBIDDEN.exec(text);
  return m ? { index: m.index, code: text.charCodeAt(m.index) } : null;
}

/** The words for a forbidden character: "a NUL character (U+0000)". */
export function forbiddenCharacterWords(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code === 0) return `a NUL character (${hex})`;
  if (code === 0x1b) return `an escape character (${hex})`;
  if (code >= 0xd800 && code <= 0xdfff) return `half of a surrogate pair without its other half (${hex})`;
  if (code === 0xfffe || code === 0xffff) return `the noncharacter ${hex}`;
  return `a control character (${hex})`;
}

/** Bytes that are not UTF-8, in words with their place, where no file:line:column prefix gives it. */
export function notUtf8Placed(bad: NotUtf8): string {
  return `line ${bad.line}, column ${bad.column}: ${notUtf8Words(bad)}`;
}

/** The message for bytes that are not UTF-8 (its place is given beside it). */
export function notUtf8Words(bad: NotUtf8): string {
  return `the byte 0x${bad.byte.toString(16).toUpperCase().padStart(2, '0')} is not UTF-8; the file must be UTF-8 text (save it as UTF-8)`;
}
