import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: join(import.meta.dirname, '..', '..') });

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe("lint enforces DESIGN.md's layers", () => {
  it('simulator/ may not import Node, Electron, React, d3 or another layer', async () => {
    expect(await importErrors('simulator/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).toHaveLength(1);
    expect(await importErrors('simulator/probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
    expect(await importErrors('simulator/probe.ts', "import { scaleLinear } from 'd3';\nexport const x = scaleLinear;\n")).toHaveLength(1);
    expect(await importErrors('simulator/probe.ts', "import { paths } from '../main/paths.js';\nexport const x = paths;\n")).toHaveLength(1);
  });

  it('simulator/ may import pure packages such as yaml', async () => {
    expect(await importErrors('simulator/probe.ts', "import { parse } from 'yaml';\nexport const x = parse;\n")).toEqual([]);
  });

  it('the renderer reaches its host only through the API object', async () => {
    expect(await importErrors('renderer/src/probe.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toHaveLength(1);
    expect(await importErrors('renderer/src/probe.ts', "import { paths } from '../../main/paths';\nexport const x = paths;\n")).toHaveLength(1);
    expect(await importErrors('renderer/src/probe.ts', "import { readFileSync } from 'fs';\nexport const x = readFileSync;\n")).toHaveLength(1);
    expect(await importErrors('renderer/src/probe.ts', "import { CHANNELS } from '../../preload/contract';\nexport const x = CHANNELS;\n")).toEqual([]);
  });

  it('main/ has no UI code, and preload/ bridges only', async () => {
    expect(await importErrors('main/probe.ts', "import { App } from '../renderer/src/app';\nexport const x = App;\n")).toHaveLength(1);
    expect(await importErrors('main/probe.ts', "import React from 'react';\nexport const x = React;\n")).toHaveLength(1);
    expect(await importErrors('preload/probe.ts', "import { parseProfile } from '../simulator/index.js';\nexport const x = parseProfile;\n")).toHaveLength(1);
    // The contract may name the result document's types: a type import is erased.
    expect(await importErrors('preload/probe.ts', "import type { Trace } from '../simulator/index.js';\nexport type X = Trace;\n")).toEqual([]);
  });
});
