import { byPosition, type ProfileError } from './diagnostics.js';
import type { SourcePos } from './ir.js';

/** Collects every error of one profile, so a user sees them all at once. */
export class Reporter {
  private readonly found: ProfileError[] = [];

  constructor(readonly file: string) {}

  error(at: SourcePos, message: string): void {
    this.found.push({ file: this.file, line: at.line, column: at.column, message });
  }

  get count(): number {
    return this.found.length;
  }

  /** The errors in text order, without repeats. */
  errors(): readonly ProfileError[] {
    const seen = new Set<string>();
    return [...this.found].sort(byPosition).filter((e) => {
      const key = `${e.line}:${e.column}:${e.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}
