#!/usr/bin/env node
// The `interleave` command. It runs the TypeScript sources through tsx, so
// `npx interleave` works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
