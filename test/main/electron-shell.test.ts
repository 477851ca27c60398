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
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const w = BrowserWindow.getAllWindows()[0]!;
        const p = w.webContents.getLastWebPreferences()!;
        return { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration };
      });
      expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
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
