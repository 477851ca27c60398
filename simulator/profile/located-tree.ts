import { isAlias, isMap, isScalar, isSeq, parseDocument, visit, type Alias, type Document, type Node as YamlNode } from 'yaml';
import type { ProfileError } from './diagnostics.js';
import type { SourcePos } from './ir.js';
import { LIMITS } from './limits.js';
import { firstForbiddenCharacter, forbiddenCharacterWords } from './profile-text.js';

/**
 * The profile's YAML as a small tree of plain values, each with its place in
 * the text. The compiler reads only this, so it never depends on the YAML
 * library's node classes, and aliases are already expanded (within a budget).
 */
export type LNode = LMap | LSeq | LScalar;

export interface LMap {
  readonly kind: 'map';
  readonly entries: readonly LEntry[];
  readonly at: SourcePos;
}

export interface LEntry {
  readonly key: string;
  readonly keyAt: SourcePos;
  readonly value: LNode;
}

export interface LSeq {
  readonly kind: 'seq';
  readonly items: readonly LNode[];
  readonly at: SourcePos;
}

export interface LScalar {
  readonly kind: 'scalar';
  readonly value: string | number | boolean | null;
  readonly at: SourcePos;
  /** Quoted strings start one column after `at`. */
  readonly quoted: boolean;
  /**
   * The text in the file is the value itself, on one line (no escapes, no
   * folding), so a column inside the value is a column in the file.
   */
  readonly exact: boolean;
}

export type ReadResult = { readonly ok: true; readonly root: LNode } | { readonly ok: false; readonly errors: readonly ProfileError[] };

class TooLarge extends Error {
  constructor(readonly deep: boolean) {
    super(deep ? 'too deep' : 'too large');
  }
}

const MAX_DEPTH = 200;

/**
 * Line and column of an offset, counted from the text itself (a line ends at
 * each \n), so positions stay right even where the YAML parser recovers from
 * an error inside a multi-line token.
 */
class Lines {
  private readonly starts: number[];

  constructor(text: string) {
    // A byte-order mark is no column: after one, `version` is still at column 1 (it was at 2).
    this.starts = [text.startsWith('\uFEFF') ? 1 : 0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  pos(offset: number): SourcePos {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: Math.max(1, offset - this.starts[lo]! + 1) };
  }
}

/** Parses YAML (or JSON) text into a located tree, or says where it is broken. */
export function readLocatedTree(source: string, file: string): ReadResult {
  const bytes = utf8Length(source);
  if (bytes > LIMITS.sourceBytes) {
    const message = `the profile is ${bytes} bytes; the limit is ${LIMITS.sourceBytes} bytes`;
    return { ok: false, errors: [{ file, line: 1, column: 1, message }] };
  }
  // A carriage return alone ends a line in YAML 1.2 (old Mac files), where the library reads it as
  // nothing: every line was one, refused. One character for one, so every position stays.
  const text = source.replace(/\r(?!\n)/g, '\n');
  const lines = new Lines(text);
  const forbidden = firstForbiddenCharacter(text);
  if (forbidden) return { ok: false, errors: [{ file, ...lines.pos(forbidden.index), message: forbiddenCharacterMessage(forbidden.code, false) }] };
  const doc = parseDocument(text, {
    prettyErrors: false,
    // Keys given twice are found as the tree is built (TreeBuilder): the library looks for each key
    // among all the keys before it, and a map of 200,000 keys took minutes.
    uniqueKeys: false,
    schema: 'core',
    strict: true,
  });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    return {
      ok: false,
      errors: problems.map((p) => {
        const pos = lines.pos(p.pos[0]);
        // The YAML library's own advice ("please use YAML.parseAllDocuments()") is for programmers, not for a profile's author.
        const message = /call stack/i.test(p.message)
          ? 'the profile nests too deeply to read'
          : p.code === 'MULTIPLE_DOCS'
            ? 'a profile is one YAML document; a second one starts here (remove this --- and what follows, or put it in a file of its own)'
            : `YAML syntax: ${firstLine(p.message)}`;
        return { file, line: pos.line, column: pos.column, message };
      }),
    };
  }
  if (doc.contents === null) {
    return { ok: false, errors: [{ file, line: 1, column: 1, message: 'the profile is empty; expected a map with at least `version: 1` and `name`' }] };
  }
  const builder = new TreeBuilder(doc, lines, text);
  try {
    const root = builder.build(doc.contents);
    if (builder.repeatedKeys.length > 0) {
      return { ok: false, errors: builder.repeatedKeys.map((at) => ({ file, ...at, message: 'YAML syntax: Map keys must be unique' })) };
    }
    // The same characters written as escapes in a quoted string ("\e", "\0", "\u001b") are refused where the string is.
    const escaped = builder.escaped;
    if (escaped) return { ok: false, errors: [{ file, ...escaped.at, message: forbiddenCharacterMessage(escaped.code, true) }] };
    return { ok: true, root };
  } catch (e) {
    if (!(e instanceof TooLarge)) throw e;
    const message = e.deep
      ? `the profile nests more than ${MAX_DEPTH} levels deep; that is the limit`
      : `the profile has more than ${LIMITS.yamlNodes} YAML nodes once aliases are expanded; that is the limit`;
    return { ok: false, errors: [{ file, line: 1, column: 1, message }] };
  }
}

/** UTF-8 length without TextEncoder, which this pure layer does not have. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      k++;
    } else bytes += 3;
  }
  return bytes;
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/** Why a character cannot be in a profile, in words; `escaped` when it was written as an escape in a quoted string. */
function forbiddenCharacterMessage(code: number, escaped: boolean): string {
  const how = escaped ? ', even written as an escape in a quoted string' : '';
  return `${forbiddenCharacterWords(code)} is not allowed in a profile${how}: YAML allows printable characters only (of the control characters: tab, line feed, carriage return and next line)`;
}

class TreeBuilder {
  private nodes = 0;
  /** The first key or string value that holds a character YAML does not allow (it came from an escape), and where. */
  escaped: { readonly code: number; readonly at: SourcePos } | null = null;
  /** Where a key is given a second time in its map (as the YAML library's own check says: keys equal in value, or the same node). */
  readonly repeatedKeys: SourcePos[] = [];

  constructor(
    private readonly doc: Document,
    private readonly lines: Lines,
    private readonly text: string,
  ) {}

  /** Each alias's node, found in one walk of the document when the first alias is met. */
  private sources: Map<Alias, unknown> | null = null;

  /**
   * The node an alias stands for: the last one before it with its anchor, as
   * the YAML library's own `resolve` finds it, but without walking the
   * document again for each alias (a profile of 100,000 aliases took hours).
   */
  private sourceOf(alias: Alias): unknown {
    if (this.sources === null) {
      const sources = new Map<Alias, unknown>();
      const anchored = new Map<string, unknown>();
      visit(this.doc, {
        Node: (_key, node) => {
          if (isAlias(node)) sources.set(node, anchored.get(node.source));
          else if (node.anchor) anchored.set(node.anchor, node);
        },
      });
      this.sources = sources;
    }
    return this.sources.get(alias);
  }

  private checkEscapes(value: string, at: SourcePos): void {
    if (this.escaped) return;
    const forbidden = firstForbiddenCharacter(value);
    if (forbidden) this.escaped = { code: forbidden.code, at };
  }

  build(node: unknown, depth = 0): LNode {
    if (++this.nodes > LIMITS.yamlNodes) throw new TooLarge(false);
    if (depth > MAX_DEPTH) throw new TooLarge(true);
    if (isAlias(node)) {
      return this.build(this.sourceOf(node), depth + 1);
    }
    const at = this.pos(node);
    if (isMap(node)) {
      const entries: LEntry[] = [];
      const keys = new Set<unknown>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key : null;
        const keyAt = pair.key ? this.pos(pair.key) : at;
        const identity = key ? key.value : pair.key;
        if (keys.has(identity)) this.repeatedKeys.push(keyAt);
        else keys.add(identity);
        if (key && typeof key.value === 'string') this.checkEscapes(key.value, keyAt);
        const value = pair.value ?? null;
        entries.push({
          key: key === null ? '' : String(key.value),
          keyAt,
          value: value === null ? { kind: 'scalar', value: null, at: keyAt, quoted: false, exact: false } : this.build(value, depth + 1),
        });
      }
      return { kind: 'map', entries, at };
    }
    if (isSeq(node)) {
      return { kind: 'seq', items: node.items.map((item) => this.build(item, depth + 1)), at };
    }
    if (isScalar(node)) {
      const v = node.value;
      const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : v === null ? null : String(v);
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      const range = node.range;
      const raw = range ? this.text.slice(range[0], range[1]) : '';
      const inner = quoted ? raw.slice(1, -1) : raw;
      const exact = typeof value === 'string' && inner === value && !raw.includes('\n');
      if (typeof value === 'string' && !exact) this.checkEscapes(value, at);
      return { kind: 'scalar', value, at, quoted, exact };
    }
    return { kind: 'scalar', value: null, at, quoted: false, exact: false };
  }

  private pos(node: unknown): SourcePos {
    const range = (node as YamlNode | null)?.range;
    return this.lines.pos(range ? range[0] : 0);
  }
}
