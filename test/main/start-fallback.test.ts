import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../main/host/electron-binary.js';
import { root } from './run-cli.js';

const binary = findElectronBinary();

describe.skipIf(binary.present)('npm start without the Electron binary', () => {
  it('says plainly why, then serves the same app on 127.0.0.1', async () => {
    const child = spawn(process.execPath, [join(root, 'bin', 'interleave.cjs'), 'start', '--port', '0'], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL within 60 s; stderr: ${stderr}`)), 60_000);
        child.stdout.on('data', (c: Buffer) => {
          stdout += c.toString();
          const m = /serving on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
      });
      expect(stderr).toContain('the desktop window cannot open here');
      expect(stderr).toContain('Serving the same app in browser mode instead.');
      const page = await (await fetch(url)).text();
      expect(page).toContain('<div id="root"></div>');
      const list = (await (await fetch(`${url}api/listProfiles`, { method: 'POST', body: 'null' })).json()) as { ok: boolean };
      expect(list.ok).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(0);
  }, 90_000);
});
