/** Thrown for bad usage; the command line prints it and exits 2. */
export class UsageError extends Error {}

export const USAGE = `Interleave: see how a concurrent program really runs, and how it could run.

Usage:
  interleave validate PROFILE...   check profiles; print what each holds, or its errors
  interleave simulate PROFILE      simulate over the sweep on virtual cores (deterministic)
      [--workers 1,2,4] [--cores N] [--seed N] [--overheads none|default|FILE]
      [--quantum 5ms] [--trace FILE]
  interleave run PROFILE           measure it for real on worker threads, beside its simulated twin
      [--workers 1,2,4] [--reps N] [--seed N] [--timeout S] [--trace FILE]
  interleave calibrate [--out FILE] measure this machine's costs for the simulator and the runtime
  interleave serve [--port N]      serve the app on http://127.0.0.1 (browser mode)
  interleave start                 open the desktop app (browser mode where Electron is missing)
  interleave --help                this help
  interleave --version             the version

Options:
  --json       print the result as JSON on stdout, and nothing else there
  --workers    the worker counts to run, overriding the profile's sweep
  --cores      virtual cores (default: as many as the run has workers)
  --seed       the seed of every random draw (default: the profile's)
  --overheads  the cost model: none (an ideal machine), default, or a JSON file
  --quantum    the time slice when more processes are runnable than cores
  --trace      write each run's trace (format version 1) to this file
  --reps       repetitions of each measured worker count (default 3)
  --timeout    stop a real run after this many seconds (default 60)
  --out        where calibrate writes the cost model (default: the user's config folder)
  --port N     serve's port (default 5178; 0 picks a free one)

Exit status: 0 when all went well, 1 when a run found something, 2 for bad
input or usage (with file:line:column where it applies).

Profiles: see docs/profiles.md, and profiles/schema.json for editors.
Coming next: explore, report.`;
