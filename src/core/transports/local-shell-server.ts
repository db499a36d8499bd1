import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { CONTENT_SECURITY_POLICY } from '../contract/csp';
import { DESKTOP_EVENT_NAMES } from '../contract/events';
import type { CoreClient } from '../worker/core-client';

/**
 * The browser shell's transport: the renderer's files over HTTP and the desktop API over a WebSocket, on
 * 127.0.0.1 only. A token made for this launch must be the first thing a socket says, so another local
 * user cannot drive the centre's screens; the Host and Origin headers are checked so that a web page
 * cannot reach the API through DNS rebinding or a cross-site socket.
 */
export interface LocalShellServer {
  url: string;
  token: string;
  server: Server;
  close(): Promise<void>;
}

export const SOCKET_PATH = '/api/ws';
export const CLOSE_UNAUTHORISED = 4401;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.pbf': 'application/x-protobuf',
  '.wav': 'audio/wav',
};

const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), token: z.string() }),
  z.object({ type: z.literal('call'), id: z.number().int(), method: z.string(), input: z.unknown() }),
]);

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
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
  core: CoreClient;
  rendererDir: string;
  port?: number;
  /** The token a page must say first; a fresh one per launch unless the shell keeps one across launches. */
  token?: string;
}): Promise<LocalShellServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let allowedHost = '';
  const fromThisShell = (req: IncomingMessage) =>
    req.headers.host === allowedHost &&
    (req.headers.origin === undefined || req.headers.origin === `http://${allowedHost}`);

  const server = createServer((req, res) => {
    if (req.headers.host !== allowedHost) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('wrong host');
      return;
    }
    serveStatic(options.rendererDir, new URL(req.url ?? '/', `http://${allowedHost}`).pathname, res);
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== SOCKET_PATH || !fromThisShell(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });

  sockets.on('connection', (ws: WebSocket) => {
    let authorised = false;
    const unsubscribe: (() => void)[] = [];
    const send = (message: unknown) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(message));
    ws.on('close', () => unsubscribe.forEach((stop) => stop()));
    ws.on('message', (data) => {
      let message: z.infer<typeof clientMessageSchema>;
      try {
        message = clientMessageSchema.parse(JSON.parse(String(data)));
      } catch {
        ws.close(1003, 'messages are JSON: hello or call');
        return;
      }
      if (message.type === 'hello') {
        if (!tokensEqual(message.token, token)) {
          ws.close(CLOSE_UNAUTHORISED, 'this screen needs the token printed at launch');
          return;
        }
        authorised = true;
        for (const name of DESKTOP_EVENT_NAMES) {
          unsubscribe.push(options.core.on(name, (payload) => send({ type: 'event', name, payload })));
        }
        send({ type: 'welcome' });
        return;
      }
      if (!authorised) {
        ws.close(CLOSE_UNAUTHORISED, 'say hello with the launch token first');
        return;
      }
      void options.core
        .call(message.method, message.input)
        .then((result) => send({ type: 'result', id: message.id, result }));
    });
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
    close: () =>
      new Promise((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => resolve());
      }),
  };
}
