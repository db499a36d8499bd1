import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { DesktopHandlers } from '../desktop-service';
import { dispatchDesktopCall } from './dispatch';

/**
 * The browser shell's transport: the renderer's files and the desktop API on 127.0.0.1 only. A token made
 * for this launch guards the API, so another local user cannot drive the centre's screens; the Host
 * header is checked so a web page cannot reach the API through DNS rebinding.
 */
export interface LocalShellServer {
  url: string;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.pbf': 'application/x-protobuf',
};

const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const MAX_BODY_BYTES = 1 << 20;

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function serveStatic(rendererDir: string, pathname: string, res: ServerResponse): void {
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  let file = join(rendererDir, relative || 'index.html');
  if (!file.startsWith(rendererDir + sep) && file !== rendererDir) {
    res.writeHead(403).end();
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(rendererDir, 'index.html');
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
  });
  createReadStream(file).pipe(res);
}

export async function startLocalShellServer(options: {
  handlers: DesktopHandlers;
  rendererDir: string;
  port?: number;
}): Promise<LocalShellServer> {
  const token = randomBytes(24).toString('base64url');
  let allowedHost = '';

  const server = createServer((req, res) => {
    void (async () => {
      if (req.headers.host !== allowedHost) {
        sendJson(res, 421, { ok: false, error: 'wrong host' });
        return;
      }
      const url = new URL(req.url ?? '/', `http://${allowedHost}`);
      if (!url.pathname.startsWith('/api/')) {
        serveStatic(options.rendererDir, url.pathname, res);
        return;
      }
      const given = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!tokensEqual(given, token)) {
        sendJson(res, 401, { ok: false, error: 'this screen needs the token printed at launch' });
        return;
      }
      const method = url.pathname.slice('/api/call/'.length);
      if (req.method !== 'POST' || !url.pathname.startsWith('/api/call/')) {
        sendJson(res, 404, { ok: false, error: 'not found' });
        return;
      }
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body ? JSON.parse(body) : {};
      } catch (error) {
        sendJson(res, 400, { ok: false, error: error instanceof Error ? error.message : 'bad request' });
        return;
      }
      const result = await dispatchDesktopCall(options.handlers, method, input);
      sendJson(res, result.ok ? 200 : 400, result);
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  allowedHost = `127.0.0.1:${port}`;
  return {
    url: `http://${allowedHost}/?token=${token}`,
    token,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
