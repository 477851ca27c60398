import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths.js';
import { simulateCommand } from './simulate-command.js';
import { USAGE, UsageError } from './usage.js';
import { validateCommand } from './validate-command.js';

const out = (s: string) => process.stdout.write(`${s}\n`);
const err = (s: string) => process.stderr.write(`${s}\n`);

/** The options whose value is a number or a list of numbers (a file's name may start with a dash; a count never does). */
const NUMERIC = new Set(['port', 'workers', 'cores', 'seed', 'quantum', 'reps', 'timeout']);

/**
 * `--cores -1` as `--cores=-1`: Node's parser takes a value that starts with a
 * dash for an option and says the option is "ambiguous"; joined, the value
 * reaches the option's own check, which says what the option expects.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const args: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    const next = argv[k + 1];
    if (a === '--') {
      // What follows is positional, as it is.
      args.push(...argv.slice(k));
      break;
    }
    if (a.startsWith('--') && NUMERIC.has(a.slice(2)) && next !== undefined && /^-[\d.]/.test(next)) {
      args.push(`${a}=${next}`);
      k++;
    } else args.push(a);
  }
  return args;
}

/** Node's parser's errors in the command's words (its unknown-option message ends on an unbalanced quote). */
function parseArgsWords(e: Error & { code?: string }, argv: readonly string[]): string {
  const unknown = /^Unknown option '([^']+)'/.exec(e.message);
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
    // Node names the first letters it took for a short option (-. of -.yaml); the example shows the argument whole.
    const whole = argv.find((a) => a.startsWith(unknown[1]!)) ?? unknown[1];
    return `unknown option ${whole}; the options are below (a file whose name starts with a dash goes after --, as in -- ${whole})`;
  }
  return e.message;
}

/** Runs the command line; resolves to the exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(argv),
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        json: { type: 'boolean' },
        port: { type: 'string' },
        workers: { type: 'string' },
        cores: { type: 'string' },
        seed: { type: 'string' },
        overheads: { type: 'string' },
        quantum: { type: 'string' },
        trace: { type: 'string' },
        reps: { type: 'string' },
        timeout: { type: 'string' },
        out: { type: 'string' },
      },
    });
  } catch (e) {
    err(`interleave: ${parseArgsWords(e as Error & { code?: string }, argv)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  // An option given twice is a mistake to say, not a value to drop silently.
  const given = parsed.tokens.flatMap((t) => (t.kind === 'option' ? [t.name] : []));
  const twice = given.find((name, k) => given.indexOf(name) !== k);
  if (twice !== undefined) {
    err(`interleave: --${twice} is given more than once\n\n${USAGE}`);
    return 2;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === 'help') {
    out(USAGE);
    return 0;
  }
  if (values.version) {
    const { version } = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string };
    // With --json, stdout holds JSON and nothing else, as for every command.
    out(values.json ? JSON.stringify({ version }) : version);
    return 0;
  }
  try {
    checkFlagsApply(command, values);
    switch (command) {
      case 'validate':
        return validateCommand(rest, values.json ?? false, out);
      case 'simulate':
        return await simulateCommand(rest, { ...values, json: values.json ?? false }, out, err);
      case 'run':
        return await (await import('./run-command.js')).runCommand(rest, { ...values, json: values.json ?? false }, out, err);
      case 'calibrate':
        noPositionals('calibrate', rest);
        return await (await import('./calibrate-command.js')).calibrateCommand(values.out, values.json ?? false, out, err);
      case 'serve':
        noPositionals('serve', rest);
        return await (await import('./serve-command.js')).serveCommand(parsePort(values.port), out, err);
      case 'start':
        noPositionals('start', rest);
        return await (await import('./serve-command.js')).startCommand(parsePort(values.port), out, err);
      case undefined:
        throw new UsageError('no command given');
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`interleave: ${e.message}\n\n${USAGE}`);
    return 2;
  }
}

function noPositionals(command: string, rest: readonly string[]): void {
  if (rest.length) throw new UsageError(`${command} takes no arguments, found ${rest.join(' ')}`);
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 5178;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port expects a number from 0 to 65535, found ${JSON.stringify(text)}`);
  return port;
}

/** The options each command takes (besides --help and --version). */
const OPTIONS_OF: Readonly<Record<string, readonly string[]>> = {
  validate: ['json'],
  simulate: ['json', 'workers', 'cores', 'seed', 'overheads', 'quantum', 'trace'],
  run: ['json', 'workers', 'reps', 'seed', 'timeout', 'trace'],
  calibrate: ['json', 'out'],
  serve: ['port'],
  start: ['port'],
};

/** An option given to a command that does not take it is a usage error, not silently ignored (`run --overheads none` still measured with the calibrated model). */
function checkFlagsApply(command: string | undefined, values: Readonly<Record<string, unknown>>): void {
  const takes = command === undefined ? undefined : OPTIONS_OF[command];
  if (!takes) return;
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || name === 'help' || name === 'version' || takes.includes(name)) continue;
    throw new UsageError(`--${name} does not apply to ${command}${takes.length ? `; it takes ${takes.map((t) => `--${t}`).join(', ')}` : ''}`);
  }
}
