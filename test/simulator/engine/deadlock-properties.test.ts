import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../simulator/engine/findings.js';
import { simulate, type Simulation } from '../../../simulator/index.js';
import { compile } from './simulate-helpers.js';

/**
 * Deadlock findings checked against the runs themselves, over small programs
 * made at random (from a fixed seed, so the same ones every time) out of
 * semaphores, locks (some released as signals), rlocks, an event, a
 * condition, a queue, a barrier, spawns and joins, sleeps and timed waits:
 * how the semaphore rule was found wrong both ways.
 */

/** A small seeded generator (mulberry32). */
function generator(seed: number) {
  let s = seed;
  const next = () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  return { next, int, pick };
}

function randomProfile(g: ReturnType<typeof generator>): string {
  const sems = Array.from({ length: g.int(1, 2) }, (_, k) => `s${k}`);
  const locks = Array.from({ length: g.int(0, 2) }, (_, k) => `l${k}`);
  const rlocks = g.next() < 0.3 ? ['r0'] : [];
  const events = g.next() < 0.4 ? ['e0'] : [];
  const conditions = g.next() < 0.3 ? ['c0'] : [];
  const queues = g.next() < 0.3 ? [`q0: ${g.pick(['queue', '{queue: 1}'])}`] : [];
  const barriers = g.next() < 0.25 ? ['b0: {barrier: 2}'] : [];
  const resources = [
    ...sems.map((s) => `  ${s}: {semaphore: ${g.int(1, 3)}}`),
    ...locks.map((l) => `  ${l}: lock`),
    ...rlocks.map((r) => `  ${r}: rlock`),
    ...events.map((e) => `  ${e}: event`),
    ...conditions.map((c) => `  ${c}: condition`),
    ...[...queues, ...barriers].map((x) => `  ${x}`),
  ];
  const names = ['main', ...Array.from({ length: g.int(1, 4) }, (_, k) => `t${k + 1}`)];
  const bodies = names.map((_, p) => {
    const steps: string[] = [];
    const held: string[] = [];
    const spawned: string[] = [];
    if (p === 0) {
      for (let k = 1; k < names.length; k++) {
        if (g.next() >= 0.8) continue;
        steps.push(`{spawn: ${names[k]}, count: 1}`);
        spawned.push(names[k]!);
      }
    }
    for (let k = g.int(2, 7); k > 0; k--) {
      const r = g.next();
      const timeout = g.next() < 0.2 ? `, timeout: ${g.int(1, 5)}ms` : '';
      if (queues.length + barriers.length > 0 && g.next() < 0.2) {
        // A queue put or get, or an arrival at the barrier: waits that only other processes end.
        const ops = [...(queues.length > 0 ? ['{put: q0}', `{get: q0${timeout}}`] : []), ...(barriers.length > 0 ? [`{wait: b0${timeout}}`] : [])];
        steps.push(g.pick(ops));
      } else if (r < 0.3) {
        const s = g.pick(sems);
        steps.push(`{acquire: ${s}${timeout}}`);
        if (!timeout) held.push(s);
      } else if (r < 0.42) steps.push(`{release: ${g.pick(sems)}}`);
      else if (r < 0.52 && locks.length + rlocks.length > 0) {
        const l = g.pick([...locks, ...rlocks]);
        if (!held.includes(l) || l.startsWith('r')) {
          steps.push(`{acquire: ${l}${timeout}}`);
          if (!timeout) held.push(l);
        }
      } else if (r < 0.6 && held.some((h) => !h.startsWith('s'))) {
        let k2 = held.length - 1;
        while (held[k2]!.startsWith('s')) k2--;
        steps.push(`{release: ${held[k2]}}`);
        held.splice(k2, 1);
      } else if (r < 0.63 && locks.length > 0 && g.next() < 0.5) {
        // A lock released as a signal: not held here, so another process's (misuse, but allowed).
        const l = g.pick(locks);
        if (!held.includes(l)) steps.push(`{release: ${l}}`);
      } else if (r < 0.66) steps.push(`{sleep: ${g.int(1, 3)}ms}`);
      else if (r < 0.7) steps.push('{compute: 1ms}');
      else if (r < 0.76 && events.length > 0) steps.push(`{wait: e0${timeout}}`);
      else if (r < 0.8 && events.length > 0) steps.push(g.next() < 0.8 ? '{set: e0}' : '{clear: e0}');
      else if (r < 0.85 && conditions.length > 0)
        steps.push('{acquire: c0}', g.next() < 0.5 ? `{wait: c0${timeout}}` : `{${g.pick(['notify', 'notify_all'])}: c0}`, '{release: c0}');
      else if (r < 0.93 && p > 0 && p < names.length - 1) {
        const child = names[g.int(p + 1, names.length - 1)]!;
        steps.push(`{spawn: ${child}, count: 1}`);
        spawned.push(child);
      } else if (spawned.length > 0) steps.push(`{join: ${g.pick(spawned)}}`);
      else steps.push('{sleep: 1ms}');
    }
    if (g.next() < 0.7) while (held.length > 0) steps.push(`{release: ${held.pop()}}`);
    return `[${steps.join(', ')}]`;
  });
  const others = names.slice(1).map((n, k) => `  ${n}: {count: 0, steps: ${bodies[k + 1]}}`);
  return `version: 1\nname: random\nseed: ${g.int(1, 1000)}\nworkers: [${g.pick(['1', '2', '1, 2'])}]\nresources:\n${resources.join('\n')}\nmain: ${bodies[0]}\n${others.length > 0 ? `processes:\n${others.join('\n')}\n` : ''}`;
}

/** The same program with a process that sleeps on for ever, and a run_for: the run never gets stuck. */
function goingOn(text: string, runForMs = 200): string {
  return text
    .replace(/^main: \[/m, 'main: [{spawn: on, count: 1}, ')
    .replace(/^workers:/m, `run_for: ${runForMs}ms\nworkers:`)
    .concat(text.includes('\nprocesses:\n') ? '' : 'processes:\n', '  on: {count: 0, steps: [{repeat: forever, steps: [{sleep: 1ms}]}]}\n');
}

type Deadlock = Extract<Finding, { kind: 'deadlock' }>;
type Hang = Extract<Finding, { kind: 'hang' }>;

/** The processes of a deadlock that still did something after it was reported to have formed. */
function movedAfter(sim: Simulation, d: Deadlock): string[] {
  const k = sim.result.runs.findIndex((r) => r.workers === d.workers);
  const trace = sim.traces[k]!;
  const at = Math.round(d.at_ms * 1e6);
  return d.cycle
    .map((link) => link.process)
    .filter((name) => {
      const id = trace.processes.find((p) => p.name === name)!.id;
      return (
        trace.ops.some(([t, p, op]) => p === id && t > at && op !== 'stuck') || trace.spans.some(([p, state, from]) => p === id && state === 0 && from > at)
      );
    });
}

const key = (d: Deadlock) => `${d.workers}:${d.cycle.map((l) => l.process).join(',')}`;

describe('deadlocks in 1,000 programs made at random', () => {
  const g = generator(7);
  const programs = Array.from({ length: 1000 }, () => randomProfile(g));
  const runs = programs.map((text) => ({ text, sim: simulate(compile(text), { traceCap: 100_000 }) }));

  it('are never reported where the processes go on (or the run completes)', () => {
    const wrong = runs.flatMap(({ text, sim }) =>
      sim.result.findings
        .filter((f): f is Deadlock => f.kind === 'deadlock')
        .flatMap((d) => {
          const completed = sim.result.runs.find((r) => r.workers === d.workers)!.simulated.outcome === 'completed';
          const moved = movedAfter(sim, d);
          return completed || moved.length > 0 ? [`${text}-> ${JSON.stringify(d)}: ${completed ? 'completed' : `${moved.join(', ')} went on`}`] : [];
        }),
    );
    expect(wrong).toEqual([]);
    // (Enough of them deadlock for the check to mean something.)
    expect(runs.filter(({ sim }) => sim.result.findings.some((f) => f.kind === 'deadlock')).length).toBeGreaterThan(150);
  });

  it('found where the run gets stuck, are found as they form where another process goes on to a run_for', () => {
    let stuck = 0;
    const missed: string[] = [];
    for (const { text, sim } of runs) {
      const deadlocks = sim.result.findings.filter(
        (f): f is Deadlock => f.kind === 'deadlock' && sim.result.runs.find((r) => r.workers === f.workers)!.simulated.outcome === 'stuck',
      );
      if (deadlocks.length === 0) continue;
      stuck++;
      const on = simulate(compile(goingOn(text)));
      const found = new Set(on.result.findings.filter((f): f is Deadlock => f.kind === 'deadlock').map(key));
      for (const d of deadlocks) if (!found.has(key(d))) missed.push(`${goingOn(text)}-> missed ${JSON.stringify(d)}`);
    }
    expect(stuck).toBeGreaterThan(150);
    // (Over two seeds of 4,000 such programs, 1 of 1,848 is still found only once the run gets stuck.)
    expect(missed).toEqual([]);
  });

  it('found in a run cut short by the event budget, hold in the whole run: their processes never move again', () => {
    const wrong: string[] = [];
    let found = 0;
    for (const { text, sim } of runs.slice(0, 400)) {
      const events = Math.min(...sim.result.runs.map((r) => r.simulated.events));
      for (const part of [0.3, 0.7]) {
        const cut = simulate(compile(text), { maxEvents: Math.max(1, Math.floor(events * part)) });
        for (const f of cut.result.findings) {
          if (f.kind !== 'deadlock' && f.kind !== 'hang') continue;
          const k = cut.result.runs.findIndex((r) => r.workers === f.workers);
          if (cut.result.runs[k]!.simulated.outcome !== 'event_limit') continue;
          found++;
          // From when the deadlock formed; a hang, from the cut.
          const from = f.kind === 'deadlock' ? Math.round(f.at_ms * 1e6) : Math.round(cut.result.runs[k]!.simulated.makespan_ms * 1e6);
          const trace = sim.traces[sim.result.runs.findIndex((r) => r.workers === f.workers)]!;
          const names = f.kind === 'deadlock' ? f.cycle.map((l) => l.process) : f.blocked.map((b) => b.process);
          for (const name of names) {
            const id = trace.processes.find((p) => p.name === name)!.id;
            const moved =
              trace.ops.some(([t, p, op]) => p === id && t > from && op !== 'stuck') ||
              trace.spans.some(([p, state, at]) => p === id && state === 0 && at > from);
            if (moved) wrong.push(`${text}-> cut at ${part} of the events: ${name} went on after ${JSON.stringify(f)}`);
          }
        }
      }
    }
    expect(found).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });

  it('where another process goes on to a run_for, hang only where they never move again, however long the run goes on', () => {
    // The same program run twice as long does the same up to the first run's end (one seeded generator, the same events).
    let hung = 0;
    const moved: string[] = [];
    for (const { text } of runs.slice(0, 400)) {
      const short = simulate(compile(goingOn(text, 2)));
      const hangs = short.result.findings.filter((f): f is Hang => f.kind === 'hang');
      if (hangs.length === 0) continue;
      hung++;
      const long = simulate(compile(goingOn(text, 400)), { traceCap: 100_000 });
      for (const h of hangs) {
        const trace = long.traces[long.result.runs.findIndex((r) => r.workers === h.workers)]!;
        for (const b of h.blocked) {
          const id = trace.processes.find((p) => p.name === b.process)!.id;
          const after =
            trace.ops.some(([t, p, op]) => p === id && t > 2e6 && op !== 'stuck') ||
            trace.spans.some(([p, state, from]) => p === id && state === 0 && from > 2e6);
          if (after) moved.push(`${goingOn(text, 2)}-> ${b.process} went on after its hang: ${JSON.stringify(h)}`);
        }
      }
    }
    expect(hung).toBeGreaterThan(20);
    expect(moved).toEqual([]);
  });
});
