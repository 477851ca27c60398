/** Thrown for bad usage; the command line prints it and exits 2. */
export class UsageError extends Error {}

export const USAGE = `Interleave: see how a concurrent program really runs, and how it could run.

Usage:
  interleave validate PROFILE...   check profiles; print what each holds, or its errors
  interleave serve [--port N]      serve the app on http://127.0.0.1 (browser mode)
  interleave start                 open the desktop app (browser mode where Electron is missing)
  interleave --help                this help
  interleave --version             the version

Options:
  --json       print the result as JSON on stdout, and nothing else there
  --port N     serve's port (default 5178; 0 picks a free one)

Exit status: 0 when all went well, 1 when a run found something, 2 for bad
input or usage (with file:line:column where it applies).

Profiles: see docs/profiles.md, and profiles/schema.json for editors.
Coming next: simulate, run, explore, calibrate, report.`;
