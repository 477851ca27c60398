import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { API_GLOBAL, CHANNELS, type Channel } from '../../preload/contract.js';
import { createHandlers, type Handlers } from '../api/handlers.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const MAX_BODY = 2 * 1024 * 1024;

/**
 * The browser-mode bridge: publishes the same API object the Electron preload
 * does, backed by HTTP calls to this server, so the renderer cannot tell which
 * host it has.
 */
function bridgeScript(): string {
  const methods = CHANNELS.map((c) => `  ${c}: (request) => call(${JSON.stringify(c)}, request),`).join('\n');
  return `'use strict';
(() => {
  const call = async (channel, request) => {
    try {
      const response = await fetch('./api/' + channel, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request === undefined ? null : request),
      });
      return await response.json();
    } catch (e) {
      return { ok: false, error: 'the Interleave server did not answer: ' + (e && e.message ? e.message : e) };
    }
  };
  window[${JSON.stringify(API_GLOBAL)}] = Object.freeze({
${methods}
  });
})();
`;
}

export interface WebHost {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the built renderer and the API on 127.0.0.1 only. */
export async function startWebHost(rendererDir: string, port: number): Promise<WebHost> {
  const handlers = createHandlers({
    capabilities: { nativeDialog: false },
    openProfileDialog: async () => null,
  });
  const bridge = bridgeScript();
  const server = createServer((req, res) => {
    handle(req, res, rendererDir, handlers, bridge).catch((e: unknown) => {
      send(res, 500, 'text/plain; charset=utf-8', `internal error: ${e instanceof Error ? e.message : String(e)}`);
    });
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    url: `http://127.0.0.1:${actualPort}/`,
    close: () => new Promise((resolveClose) => server.close(() => resolveClose())),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, rendererDir: string, handlers: Handlers, bridge: string): Promise<void> {
  // Only pages served from this loopback host may call it (no DNS rebinding).
  const host = req.headers.host ?? '';
  if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) {
    send(res, 403, 'text/plain; charset=utf-8', 'forbidden host');
    return;
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname.startsWith('/api/')) {
    await api(req, res, url.pathname.slice('/api/'.length), handlers);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
    return;
  }
  if (url.pathname === '/bridge.js') {
    send(res, 200, TYPES['.js']!, bridge);
    return;
  }
  const relativePath = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
  const path = normalize(join(rendererDir, relativePath));
  if (!path.startsWith(rendererDir + sep)) {
    send(res, 403, 'text/plain; charset=utf-8', 'forbidden path');
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch {
    send(res, 404, 'text/plain; charset=utf-8', `not found: ${url.pathname}`);
    return;
  }
  const type = TYPES[extname(path)] ?? 'application/octet-stream';
  if (relativePath === 'index.html') {
    const html = body.toString('utf8').replace('</head>', '  <script src="./bridge.js"></script>\n  </head>');
    send(res, 200, type, html);
  } else send(res, 200, type, body);
}

async function api(req: IncomingMessage, res: ServerResponse, name: string, handlers: Handlers): Promise<void> {
  const json = 'application/json; charset=utf-8';
  if (req.method !== 'POST') {
    send(res, 405, json, JSON.stringify({ ok: false, error: 'API calls are POST requests' }));
    return;
  }
  if (!(CHANNELS as readonly string[]).includes(name)) {
    send(res, 404, json, JSON.stringify({ ok: false, error: `no API call named ${JSON.stringify(name)}` }));
    return;
  }
  const text = await readBody(req);
  if (text === null) {
    send(res, 413, json, JSON.stringify({ ok: false, error: `request body over ${MAX_BODY} bytes` }));
    return;
  }
  let request: unknown;
  try {
    request = text.length ? JSON.parse(text) : null;
  } catch {
    send(res, 400, json, JSON.stringify({ ok: false, error: 'the request body is not JSON' }));
    return;
  }
  const result = await handlers[name as Channel](request);
  send(res, 200, json, JSON.stringify(result));
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, rejectBody) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolveBody(null);
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', rejectBody);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  res.end(body);
}
