import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../main/host/web-server.js';

const rendererDir = mkdtempSync(join(tmpdir(), 'interleave-renderer-'));
mkdirSync(join(rendererDir, 'assets'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>t</title></head><body></body></html>');
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(rendererDir, '..', 'secret.txt'), 'secret');

let host: WebHost;
beforeAll(async () => {
  host = await startWebHost(rendererDir, 0);
});
afterAll(() => host.close());

/** A raw HTTP call, so the Host header and odd paths go out exactly as given. */
function call(method: string, path: string, body?: string, hostHeader?: string): Promise<{ status: number; text: string; headers: Record<string, unknown> }> {
  const url = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: url.port, method, path, headers: { host: hostHeader ?? url.host, 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the browser-mode host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves the page with the API bridge loaded before the app, under a CSP', async () => {
    const r = await call('GET', '/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<script src="./bridge.js"></script>');
    expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    const bridge = await call('GET', '/bridge.js');
    expect(bridge.text).toContain('window["interleave"]');
    for (const channel of ['listProfiles', 'readProfile', 'openProfileDialog', 'capabilities']) expect(bridge.text).toContain(channel);
  });

  it('answers listProfiles with the built-ins, grouped talk first', async () => {
    const r = JSON.parse((await call('POST', '/api/listProfiles', 'null')).text) as { ok: boolean; value: { id: string; group: string }[] };
    expect(r.ok).toBe(true);
    expect(r.value[0]!.group).toBe('talk');
    expect(r.value.map((p) => p.id)).toContain('talk/deadlock-foo-bar');
    expect(r.value.map((p) => p.id)).toContain('classic/dining-philosophers');
  });

  it('reads a built-in by id, and refuses anything that is not a listed id', async () => {
    const good = JSON.parse((await call('POST', '/api/readProfile', JSON.stringify({ id: 'talk/deadlock-foo-bar' }))).text) as {
      ok: boolean;
      value: { text: string };
    };
    expect(good.ok).toBe(true);
    expect(good.value.text).toContain('name: Lock-order inversion (foo and bar)');
    for (const body of [JSON.stringify({ id: '../package' }), JSON.stringify({ id: 7 }), 'null']) {
      const r = JSON.parse((await call('POST', '/api/readProfile', body)).text) as { ok: boolean; error: string };
      expect(r.ok).toBe(false);
      expect(r.error.length).toBeGreaterThan(0);
    }
  });

  it('says it has no native dialog, as a result value rather than an exception', async () => {
    const caps = JSON.parse((await call('POST', '/api/capabilities', 'null')).text) as { value: { nativeDialog: boolean } };
    expect(caps.value.nativeDialog).toBe(false);
    const dialog = JSON.parse((await call('POST', '/api/openProfileDialog', 'null')).text) as { ok: boolean };
    expect(dialog.ok).toBe(false);
  });

  it('rejects unknown calls, non-JSON bodies and GET on the API', async () => {
    expect((await call('POST', '/api/deleteEverything', 'null')).status).toBe(404);
    expect((await call('POST', '/api/readProfile', '{not json')).status).toBe(400);
    expect((await call('GET', '/api/listProfiles')).status).toBe(405);
  });

  it('never serves a file outside the renderer folder, and refuses foreign Host headers', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const r = await call('GET', path);
      expect(r.status, path).not.toBe(200);
      expect(r.text, path).not.toBe('secret');
    }
    expect((await call('GET', '/assets/..%2f..%2fsecret.txt')).status).toBe(403);
    expect((await call('GET', '/assets/app.js')).status).toBe(200);
    expect((await call('POST', '/api/listProfiles', 'null', 'evil.example:80')).status).toBe(403);
  });
});
