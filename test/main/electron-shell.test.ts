import { _electron as electron } from '@playwright/test';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from '../../main/host/build-output.js';
import { findElectronBinary } from '../../main/host/electron-binary.js';
import { root } from './run-cli.js';

const binary = findElectronBinary();
if (!binary.present) {
  console.warn(`Skipping the Electron shell tests: ${binary.why}. They run where the Electron binary is installed.`);
}

describe.skipIf(!binary.present)('the Electron shell', () => {
  it('opens a secure window that shows the profile library', async () => {
    expect(ensureBuilt(() => {})).toBeNull();
    const app = await electron.launch({ executablePath: binary.present ? binary.path : '', args: [root] });
    try {
      const window = await app.firstWindow();
      await window.getByTestId('profile-picker').getByRole('button', { name: 'Lock-order inversion (foo and bar)' }).click();
      await expect.poll(() => window.getByTestId('profile-status').textContent()).toBe('valid');
      // Context isolation, sandbox and no Node integration: the page sees the API object and nothing of Node.
      const page = await window.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        api: typeof (globalThis as { interleave?: unknown }).interleave,
      }));
      expect(page).toEqual({ require: 'undefined', process: 'undefined', api: 'object' });
    } finally {
      await app.close();
    }
  });
});

describe('finding the Electron binary', () => {
  it('answers without calling require("electron"), present or with a plain reason', () => {
    const found = findElectronBinary();
    if (found.present) expect(found.path).toContain('electron');
    else expect(found.why).toMatch(/Electron binary|electron package/);
  });
});
