import { describeProgram, parseProfile, type ParseResult, type ProgramSummary } from '../../simulator/index';

/** The profile on screen: its text, and what parsing it found. */
export interface OpenProfile {
  readonly file: string;
  readonly text: string;
  /** The built-in's id, or null for a file the user opened. */
  readonly builtinId: string | null;
  /** The text as it was opened, to tell an edit and to go back to. */
  readonly original: string;
  /** Which opening this is: each is a profile of its own, whatever its name. */
  readonly opening: number;
}

export interface Checked {
  readonly result: ParseResult;
  readonly summary: ProgramSummary | null;
}

// Derived data is memoised by reference: one parse per text, outside components.
let last: { text: string; file: string; checked: Checked } | null = null;

export function checkProfile(profile: OpenProfile): Checked {
  if (last && last.text === profile.text && last.file === profile.file) return last.checked;
  const result = parseProfile(profile.text, profile.file);
  const checked = { result, summary: result.ok ? describeProgram(result.program) : null };
  last = { text: profile.text, file: profile.file, checked };
  return checked;
}
