import { LIMITS } from './limits.js';

/**
 * A profile's name is a title on one line: it heads the app's views and
 * reports and the command's lines. YAML allows tabs and line breaks in text,
 * so they are refused here; but the line break YAML itself ends a block
 * scalar with (`name: >` and then one line) is not the title's, and is
 * dropped.
 */
const BREAKS = '\\t\\n\\r\\u0085\\u2028\\u2029';
const BREAK = new RegExp(`[${BREAKS}]`, 'u');

/**
 * The same rules as a JSON Schema pattern (profiles/schema.json), its length
 * limit too (a schema's maxLength would count the dropped line break), so
 * that an editor agrees with the compiler.
 */
export const TITLE_PATTERN = `^(?=[^\\n]{1,${LIMITS.nameChars}}\\n?$)[^${BREAKS}]*[^\\s\\u0085][^${BREAKS}]*\\n?$`;

/** The title a name's text holds, or why it holds none. */
export function readTitle(text: string): { readonly title: string } | { readonly problem: string } {
  const title = text.endsWith('\n') ? text.slice(0, -1) : text;
  const found = BREAK.exec(title);
  if (found) return { problem: `name should be one line (a title), found ${found[0] === '\t' ? 'a tab' : 'a line break'} in it` };
  if (title.trim() === '') return { problem: 'name holds no title (it is empty, or only spaces); expected a title shown in the app and in reports' };
  return { title };
}
