import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_EVENTS, type SimulationResult, type Trace } from '../../simulator/index.js';
import { cutShort } from '../../main/cli/simulate-command.js';
import { root, runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'interleave-sim-'));

describe('interleave simulate', () => {
  it("starts without loading serve's modules (the web server, child processes): they cost every simulate its start", () => {
    // Node lists each of its own modules as it loads it; a preload reports the list as the command exits.
    const report = join(dir, 'report-modules.cjs');
    writeFileSync(report, "process.on('exit', () => require('node:fs').writeSync(2, `modules: ${process.moduleLoadList.join('|')}\\n`));");
    const r = runCli(['simulate', 'profiles/talk/pool-benchmark.yaml', '--overheads', 'none', '--json'], root, { NODE_OPTIONS: `--require ${report}` });
    expect(r.status).toBe(0);
    const loaded = /modules: (.*)/.exec(r.stderr)![1]!.split('|');
    expect(loaded).toContain('NativeModule worker_threads');
    expect(loaded).not.toContain('NativeModule http');
    expect(loaded).not.toContain('NativeModule child_process');
  });

  it('refuses a cost-model file that is not UTF-8, naming where, as a usage error', () => {
    const model = join(dir, 'latin1-model.json');
    writeFileSync(model, Buffer.from([...Buffer.from('{"name": "caf'), 0xe9, ...Buffer.from('"}')]));
    const r = runCli(['simulate', 'profiles/talk/pool-benchmark.yaml', '--overheads', model]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`--overheads: cannot read ${model}: line 1, column 14: the byte 0xE9 is not UTF-8`);
  });

  it('prints the sweep as a table and exits 0 when nothing is found', () => {
    const r = runCli(['simulate', 'profiles/talk/pool-benchmark.yaml', '--overheads', 'none']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ +2 +2 +40\.000 ms +1\.75× +88% +1\.75× +completed$/m);
    expect(r.stdout).toContain('findings: none');
    expect(r.stderr).toContain('Simulating');
  });

  it('lists the most waited-on locks of a hundred, most first, and says how many more', () => {
    const r = runCli(['simulate', 'bench/profiles/many-processes.yaml', '--overheads', 'none']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('locks at 8 workers, the 12 most waited on of 100:');
    expect(r.stdout).toContain('  and 88 more, waited on less (--json lists every one)');
    const rows = r.stdout.split('\n').filter((l) => /^ {2}lock\d+ /.test(l));
    // The twelve of the result document's locks with the most wait, in that order.
    const doc = JSON.parse(runCli(['simulate', 'bench/profiles/many-processes.yaml', '--overheads', 'none', '--json']).stdout) as SimulationResult;
    const byWait = Object.entries(doc.runs[0]!.simulated.locks).sort((a, b) => b[1].wait_ms - a[1].wait_ms);
    expect(rows.map((l) => l.trim().split(' ')[0])).toEqual(byWait.slice(0, 12).map(([name]) => name));
  });

  it('with --json prints the result document and nothing else, and exits 1 on a deadlock', () => {
    const r = runCli(['simulate', 'profiles/talk/deadlock-foo-bar.yaml', '--json', '--workers', '2']);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout) as SimulationResult;
    expect(doc.mode).toBe('simulate');
    expect(doc.runs.map((x) => x.workers)).toEqual([2]);
    expect(doc.runs[0]!.simulated.deadlock!.cycle.map((c) => c.process).sort()).toEqual(['bar', 'foo']);
    expect(doc.findings[0]!.kind).toBe('deadlock');
  });

  it('is deterministic: the same seed prints the same bytes, another seed differs', () => {
    const args = ['simulate', 'profiles/classic/connection-pool.yaml', '--json', '--workers', '2'];
    const a = runCli([...args, '--seed', '7']).stdout;
    expect(runCli([...args, '--seed', '7']).stdout).toBe(a);
    expect(runCli([...args, '--seed', '8']).stdout).not.toBe(a);
  });

  it('--cores fixes the virtual machine and --trace writes each run in trace format 1', () => {
    const trace = join(dir, 'trace.json');
    const r = runCli(['simulate', 'profiles/talk/value-unsafe-writers.yaml', '--cores', '1', '--workers', '4', '--trace', trace, '--json']);
    const doc = JSON.parse(r.stdout) as SimulationResult;
    expect(doc.runs[0]!.cores).toBe(1);
    // On one core the six writers never interleave inside an increment.
    expect(doc.runs[0]!.simulated.values.counter).toBe(6);
    const written = JSON.parse(readFileSync(trace, 'utf8')) as { runs: { workers: number; trace: Trace }[] };
    expect(written.runs[0]!.trace.version).toBe(1);
    expect(written.runs[0]!.trace.processes.map((p) => p.name)).toContain('writer[5]');
  });

  it('uses a cost-model file given with --overheads', () => {
    const model = join(dir, 'model.json');
    writeFileSync(model, JSON.stringify({ name: 'slow spawn', spawnNs: 5e6, dispatchNs: 0, byteNs: 0, lockNs: 0, wakeNs: 0, queueNs: 0, valueNs: 0 }));
    const r = runCli(['simulate', 'profiles/talk/task-parallelism-process.yaml', '--overheads', model, '--workers', '2', '--json']);
    const doc = JSON.parse(r.stdout) as SimulationResult;
    expect(doc.cost_model.name).toBe('slow spawn');
  });

  it('bad flags and bad files exit 2 with a plain message', () => {
    const bad = join(dir, 'bad-model.json');
    writeFileSync(bad, '{"spawnNs": -1}');
    for (const args of [
      ['simulate', 'profiles/talk/big-sum.yaml', '--workers', '0,2'],
      ['simulate', 'profiles/talk/big-sum.yaml', '--cores', 'many'],
      ['simulate', 'profiles/talk/big-sum.yaml', '--overheads', bad],
      ['simulate', 'profiles/talk/big-sum.yaml', '--overheads', join(dir, 'missing.json')],
      ['simulate', 'profiles/talk/big-sum.yaml', '--quantum', '5'],
      ['simulate'],
    ]) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/interleave: /);
      expect(r.stdout).toBe('');
    }
    const missing = runCli(['simulate', join(dir, 'nope.yaml')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file');
  });

  it('a negative value reaches its option’s own check, and an unknown option is named plainly', () => {
    for (const [flag, value, says, command = 'simulate'] of [
      ['--cores', '-1', '--cores expects a whole number from 1 to 4096, found "-1"'],
      ['--seed', '-1', '--seed expects a whole number from 0 to 9007199254740991, found "-1"'],
      ['--workers', '-1,2', '--workers expects worker counts from 1 to 1024 separated by commas, like 1,2,4; found "-1,2"'],
      ['--quantum', '-1ms', '--quantum expected a duration with a unit (ns, us, µs, ms, s, min, h), like 5ms, found "-1ms"'],
      ['--reps', '-2', '--reps expects a whole number from 1 to 100, found "-2"', 'run'],
      ['--timeout', '-5', '--timeout expects seconds, more than 0 and at most 86400, found "-5"', 'run'],
      ['--port', '-1', '--port expects a number from 0 to 65535, found "-1"', 'serve'],
    ] as const) {
      const r = runCli(command === 'serve' ? ['serve', flag, value] : [command, 'profiles/talk/big-sum.yaml', flag, value]);
      expect(r.status).toBe(2);
      // Node's parser said the option was "ambiguous", and to write --cores=-XYZ.
      expect(r.stderr.split('\n')[0]).toBe(`interleave: ${says}`);
    }
    const unknown = runCli(['simulate', 'profiles/talk/big-sum.yaml', '--bogus']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe(
      'interleave: unknown option --bogus; the options are below (a file whose name starts with a dash goes after --, as in -- --bogus)',
    );
    // A file named like a short option is shown whole (it was "-." of -.yaml).
    expect(runCli(['validate', '-.yaml']).stderr.split('\n')[0]).toBe(
      'interleave: unknown option -.yaml; the options are below (a file whose name starts with a dash goes after --, as in -- -.yaml)',
    );
    // After --, all is positional, as it is: not joined to an option before it.
    const after = runCli(['simulate', '--json', '--', '--cores', '-1']);
    expect(after.status).toBe(2);
    expect(after.stderr).toContain('simulate needs one profile');
  });

  it('checks the profile for the worker counts asked for and the one-worker baseline, as for its own sweep', () => {
    // Valid over its sweep of 2; not with one worker, which the baseline runs.
    const divides = join(dir, 'divides.yaml');
    writeFileSync(divides, 'version: 1\nname: d\nworkers: [2]\nprocesses:\n  foo:\n    count: 4 / ($workers - 1)\n    steps:\n      - compute: 1ms\n');
    expect(runCli(['validate', divides]).status).toBe(0);
    const baseline = runCli(['simulate', divides]);
    expect(baseline.status).toBe(2);
    expect(baseline.stderr).toContain(`${divides}:6:12: the count of foo: division by zero (with $workers = 1)`);
    expect(baseline.stderr).not.toMatch(/\n\s+at /);
    // An index that stays inside the array over the sweep, and not at the count asked for.
    const index = join(dir, 'index.yaml');
    writeFileSync(
      index,
      'version: 1\nname: i\nworkers: [1]\nresources:\n  arr: {array: 4}\nprocesses:\n  foo:\n    count: $workers\n    steps:\n      - increment: arr[$workers]\n',
    );
    const asked = runCli(['simulate', index, '--workers', '2,4']);
    expect(asked.status).toBe(2);
    expect(asked.stderr).toContain('the index into arr (4 slots) is 4 (with $workers = 4); expected 0 to 3');
    // What the baseline does not use is not checked at one worker: an expected list as long as the array at 4.
    const expected = join(dir, 'expected.yaml');
    writeFileSync(
      expected,
      'version: 1\nname: e\nworkers: [4]\nresources:\n  arr: {array: $workers}\nprocesses:\n  w:\n    count: $workers\n    steps:\n      - increment: arr[$i]\nexpect:\n  arr: [1, 1, 1, 1]\n',
    );
    expect(runCli(['simulate', expected, '--overheads', 'none']).status).toBe(0);
    // More counts than a sweep may hold.
    const many = runCli(['simulate', 'profiles/talk/big-sum.yaml', '--workers', Array.from({ length: 65 }, (_, k) => k + 1).join(',')]);
    expect(many.status).toBe(2);
    expect(many.stderr).toContain('--workers lists 65 counts; the limit is 64');
  });

  it('reads a profile or a cost model from a file or a pipe, never from a device that has no end', () => {
    const piped = spawnSync(process.execPath, [join(root, 'bin', 'interleave.cjs'), 'validate', '/dev/stdin'], {
      cwd: root,
      encoding: 'utf8',
      input: readFileSync(join(root, 'profiles', 'talk', 'locks.yaml'), 'utf8'),
    });
    expect(piped.status).toBe(0);
    expect(piped.stdout).toContain('/dev/stdin: valid');
    const device = runCli(['simulate', '/dev/zero']);
    expect(device.status).toBe(2);
    expect(device.stderr).toContain('/dev/zero:1:1: cannot read the profile: it is a device, not a file');
    const model = runCli(['simulate', 'profiles/talk/big-sum.yaml', '--overheads', '/dev/zero']);
    expect(model.status).toBe(2);
    expect(model.stderr).toContain('--overheads: cannot read /dev/zero: it is a device, not a file');
  });

  it('checks a --trace file before the run: not a folder, a device, missing folder, nothing, or the profile itself', () => {
    const profile = join(dir, 'traced.yaml');
    writeFileSync(profile, readFileSync('profiles/talk/locks.yaml'));
    const before = readFileSync(profile, 'utf8');
    const cases: [string, string][] = [
      [dir, 'it is a folder'],
      [join(dir, 'no-such-folder', 't.json'), 'does not exist'],
      ['', 'needs a file name'],
      ['/dev/null', 'it is not a regular file'],
      [profile, 'it is the profile being run'],
    ];
    for (const [path, why] of cases) {
      const r = runCli(['simulate', profile, '--trace', path]);
      expect(r.status, path).toBe(2);
      expect(r.stderr).toContain(why);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
    // The profile is as it was, and no temporary file was left beside anything.
    expect(readFileSync(profile, 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('checks a --trace file against the other files the command reads, a name too long, and a folder no file can be made in', () => {
    // A cost model given with --overheads, and the saved calibration, were overwritten by the trace; the
    // folder's permissions were all that was checked, which root passes for /proc too.
    const profile = join(dir, 'inputs.yaml');
    writeFileSync(profile, readFileSync('profiles/talk/value-basic.yaml'));
    const model = join(dir, 'model.json');
    const modelText = JSON.stringify({ spawnNs: 1, dispatchNs: 0, byteNs: 0, lockNs: 0, wakeNs: 0, queueNs: 0, valueNs: 0 });
    writeFileSync(model, modelText);
    const config = mkdtempSync(join(tmpdir(), 'interleave-config-'));
    const saved = join(config, 'cost-model.json');
    writeFileSync(saved, modelText);
    const cases: [string[], string][] = [
      [['--overheads', model, '--trace', model], 'it is the cost model given with --overheads, which would be overwritten'],
      [['--overheads', 'none', '--trace', saved], "it is this machine's saved calibration, which would be overwritten"],
      [['--trace', join(dir, `${'t'.repeat(256)}.json`)], "its name is 261 bytes; a file's name is at most 255"],
      [['--trace', '/proc/version'], 'cannot write in its folder /proc'],
    ];
    for (const [flags, why] of cases) {
      const r = runCli(['simulate', profile, '--workers', '1', ...flags], root, { INTERLEAVE_CONFIG_DIR: config });
      expect(r.status, flags.join(' ')).toBe(2);
      expect(r.stderr).toContain(why);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(model, 'utf8')).toBe(modelText);
    expect(readFileSync(saved, 'utf8')).toBe(modelText);
    // A name of 245 bytes, which a file may have, is written: its temporary file's name is short (it was too long to make).
    const long = join(dir, `${'l'.repeat(240)}.json`);
    const r = runCli(['simulate', profile, '--workers', '1', '--overheads', 'none', '--trace', long]);
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(long, 'utf8')).runs).toHaveLength(1);
  });

  it('says an option that does not apply to the command, rather than ignoring it', () => {
    const r = runCli(['simulate', 'profiles/talk/big-sum.yaml', '--reps', '3']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--reps does not apply to simulate');
    const twice = runCli(['simulate', 'profiles/talk/big-sum.yaml', '--seed', '1', '--seed', '2']);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toContain('--seed is given more than once');
    const v = runCli(['validate', 'profiles/talk/big-sum.yaml', '--workers', '2']);
    expect(v.status).toBe(2);
    expect(v.stderr).toContain('--workers does not apply to validate');
  });

  it('says in words which runs stopped early, and why', () => {
    const still = join(dir, 'still.yaml');
    writeFileSync(
      still,
      'version: 1\nname: still\nworkers: [1]\nresources:\n  e: event\nprocesses:\n  p:\n    - repeat: forever\n      steps:\n        - set: e\n',
    );
    const r = runCli(['simulate', still, '--overheads', 'none']);
    expect(r.stdout).toContain('stopped early, so their figures cover the run only so far:');
    // Which of the two it was (it said 'at the event budget, or when time stood still').
    expect(r.stdout).toContain(
      '  - 1 worker: where time stood still: a loop of steps that take no time (setting an event forever, say) went on at one instant',
    );
  });
});

describe('why a run stopped early', () => {
  it('tells the event budget, passed, from time standing still, by the run’s events', () => {
    expect(cutShort('event_limit', DEFAULT_MAX_EVENTS + 1)).toBe(
      'at the event budget (200,000,000 events): the program does not end, or is too long to simulate whole (a loop forever with no run_for, say)',
    );
    expect(cutShort('event_limit', 5_000_001)).toContain('where time stood still');
    expect(cutShort('process_limit', 10)).toContain('at the limit of processes one run may start (200,000)');
  });
});
