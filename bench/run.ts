// Benchmarks: each figure printed beside its anchor measured in the same run,
// as a ratio, so a noisy machine does not mislead. Run with `npm run bench`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../main/paths.js';
import { parseProfile } from '../simulator/index.js';

function timePerCall(fn: () => void, minMs = 400): number {
  for (let k = 0; k < 20; k++) fn(); // warm up the JIT
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    fn();
    calls++;
  }
  return (performance.now() - start) / calls;
}

const root = projectRoot();
const files = ['talk', 'classic'].flatMap((g) => readdirSync(join(root, 'profiles', g)).map((f) => join(root, 'profiles', g, f)));
const texts = files.map((f) => readFileSync(f, 'utf8'));

// Profile loading: the whole compile (YAML, checks, IR) against the anchor of
// parsing the same YAML with the yaml package alone.
const compile = timePerCall(() => texts.forEach((t) => parseProfile(t)));
const yamlOnly = timePerCall(() => texts.forEach((t) => parse(t)));
const perProfileUs = (compile / texts.length) * 1000;
console.log('figure                                   interleave     anchor          ratio');
console.log(
  `load a built-in profile (mean of ${texts.length})      ${perProfileUs.toFixed(1).padStart(7)} µs   yaml.parse ${((yamlOnly / texts.length) * 1000).toFixed(1).padStart(6)} µs   ${(compile / yamlOnly).toFixed(2)}×`,
);
