import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { contentSecurityPolicy, contentSecurityPolicyMeta } from '../contract/csp';
import { wording } from '../../domain/wording';
import { DESKTOP_EVENT_NAMES } from '../contract/events';
import type { CoreClient } from '../worker/core-client';
import { chooseEncoding, CompressedAssets, isCompressible } from './static-assets';

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
  '.wasm': 'application/wasm',
};

const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), token: z.string() }),
  z.object({
    type: z.literal('call'),
    id: z.number().int(),
    method: z.string().max(200),
    input: z.unknown(),
  }),
]);
type ClientMessage = z.infer<typeof clientMessageSchema>;

/**
 * What a socket may send, and the close codes (RFC 6455) for what it may not: no message of any size or
 * shape may end the process, which holds the embedded hub and the simulator too.
 */
const MAX_MESSAGE_BYTES = 1024 * 1024;
/** Before the token, only a hello is expected: a launch token is 32 characters, far below this. */
const MAX_HELLO_BYTES = 4096;
/** Deeper than any call's input; a deeper one would overflow the stack that copies it to the core. */
const MAX_NESTING = 64;
const CLOSE_UNSUPPORTED = 1003;
const CLOSE_TOO_BIG = 1009;
const CLOSE_INTERNAL_ERROR = 1011;

class Refusal extends Error {
  constructor(
    readonly closeCode: number,
    reason: string,
  ) {
    super(reason);
  }
}

/** Whether `value` nests arrays or objects deeper than `limit`; looks no deeper than that. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit === 0) return true;
  return Object.values(value).some((child) => nestedDeeperThan(child, limit - 1));
}

/** The message a frame carries, or a Refusal saying which close code it earns. */
function readMessage(data: Buffer, isBinary: boolean, authorised: boolean): ClientMessage {
  if (isBinary) throw new Refusal(CLOSE_UNSUPPORTED, 'messages are JSON text, not binary');
  if (!authorised && data.length > MAX_HELLO_BYTES) {
    throw new Refusal(CLOSE_TOO_BIG, 'say hello with the launch token first');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString('utf8'));
  } catch {
    throw new Refusal(CLOSE_UNSUPPORTED, 'messages are JSON: hello or call');
  }
  if (nestedDeeperThan(parsed, MAX_NESTING)) throw new Refusal(CLOSE_UNSUPPORTED, 'nested too deeply');
  const message = clientMessageSchema.safeParse(parsed);
  if (!message.success) throw new Refusal(CLOSE_UNSUPPORTED, 'messages are JSON: hello or call');
  return message.data;
}

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function statOrUndefined(file: string): Promise<Stats | undefined> {
  try {
    return await stat(file);
  } catch {
    return undefined;
  }
}

/**
 * A file of the renderer's folder, or its index.html for any other path (the interface's own routes); a path
 * that leaves the folder is refused. Scripts, styles and the page go compressed when the browser accepts it.
 */
async function serveStatic(
  rendererDir: string,
  pathname: string,
  req: IncomingMessage,
  res: ServerResponse,
  assets: CompressedAssets,
  policy: ContentPolicy,
): Promise<void> {
  let relative: string;
  try {
    relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  } catch {
    // A malformed escape (`%E0%A4%A`) names no file.
    res.writeHead(400).end();
    return;
  }
  let file = join(rendererDir, relative || 'index.html');
  if (!file.startsWith(rendererDir + sep) && file !== rendererDir) {
    res.writeHead(403).end();
    return;
  }
  let stats = await statOrUndefined(file);
  if (!stats || stats.isDirectory()) {
    file = join(rendererDir, 'index.html');
    stats = await statOrUndefined(file);
  }
  if (!stats?.isFile()) {
    res.writeHead(404).end();
    return;
  }
  const headers: OutgoingHttpHeaders = {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-security-policy': policy.header,
    'x-content-type-options': 'nosniff',
  };
  if (policy.meta && file === join(rendererDir, 'index.html')) {
    const page = withPolicyMeta(await readFile(file, 'utf8'), policy.meta);
    res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : page);
    return;
  }
  const compressible = isCompressible(file);
  if (compressible) headers.vary = 'Accept-Encoding';
  const encoding = compressible ? chooseEncoding(req.headers['accept-encoding']) : undefined;
  const body = encoding && (await assets.encoded(file, stats, encoding));
  const head = req.method === 'HEAD';
  if (encoding && body) {
    res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': body.length });
    res.end(head ? undefined : body);
    return;
  }
  res.writeHead(200, headers);
  if (head) res.end();
  // A read that fails midway (the file removed) ends this response, not the process.
  else pipeline(createReadStream(file), res, () => undefined);
}

/**
 * One page's socket: a hello with the launch token first, then calls, each answered; anything else closes
 * the socket with a code. Errors of the socket (a frame over the size limit, text that is not UTF-8) are
 * answered by `ws` with 1009 and 1007 and must not reach the process as unhandled.
 */
function converse(ws: WebSocket, core: CoreClient, token: string): void {
  let authorised = false;
  const unsubscribe: (() => void)[] = [];
  const send = (message: unknown) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(message));
  ws.on('error', () => undefined);
  ws.on('close', () => unsubscribe.forEach((stop) => stop()));
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    let message: ClientMessage;
    try {
      message = readMessage(data, isBinary, authorised);
    } catch (error) {
      // Only a Refusal is expected; anything else still closes this socket rather than the process.
      if (error instanceof Refusal) ws.close(error.closeCode, error.message);
      else ws.close(CLOSE_INTERNAL_ERROR, 'the shell could not read this message');
      return;
    }
    if (message.type === 'hello') {
      if (!tokensEqual(message.token, token)) {
        ws.close(CLOSE_UNAUTHORISED, 'this screen needs the token printed at launch');
        return;
      }
      authorised = true;
      for (const name of DESKTOP_EVENT_NAMES) {
        unsubscribe.push(core.on(name, (payload) => send({ type: 'event', name, payload })));
      }
      send({ type: 'welcome' });
      return;
    }
    if (!authorised) {
      ws.close(CLOSE_UNAUTHORISED, 'say hello with the launch token first');
      return;
    }
    core
      .call(message.method, message.input)
      // A call the core could not be handed (its input would not copy) is answered, never left unhandled.
      .catch(() => ({ ok: false, error: wording('invalidInput', {}, 'the call could not reach the core') }))
      .then((result) => send({ type: 'result', id: message.id, result }));
  });
}

/**
 * The policy this launch serves: the header, and the page's own <meta> policy rewritten to match when the
 * deployment's media gateways are allowed too (the page enforces both, so both must allow them).
 */
interface ContentPolicy {
  header: string;
  meta: string | null;
}

/** The page with its <meta> policy, whatever the build wrote there, replaced by this launch's. */
function withPolicyMeta(page: string, meta: string): string {
  const escaped = meta.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
  return page.replace(
    /(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")/,
    (_match, open: string, close: string) => `${open}${escaped}${close}`,
  );
}

function contentPolicy(mediaOrigins: readonly string[]): ContentPolicy {
  return {
    header: contentSecurityPolicy(mediaOrigins),
    meta: mediaOrigins.length > 0 ? contentSecurityPolicyMeta(mediaOrigins) : null,
  };
}

export async function startLocalShellServer(options: {
  core: CoreClient;
  rendererDir: string;
  /** The media gateways' origins, from which the video players fetch live streams. */
  mediaOrigins?: readonly string[];
  port?: number;
  /** The token a page must say first; a fresh one per launch unless the shell keeps one across launches. */
  token?: string;
}): Promise<LocalShellServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let allowedHost = '';
  const fromThisShell = (req: IncomingMessage) =>
    req.headers.host === allowedHost &&
    (req.headers.origin === undefined || req.headers.origin === `http://${allowedHost}`);

  const assets = new CompressedAssets();
  const policy = contentPolicy(options.mediaOrigins ?? []);
  const server = createServer((req, res) => {
    if (req.headers.host !== allowedHost) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('wrong host');
      return;
    }
    const pathname = new URL(req.url ?? '/', `http://${allowedHost}`).pathname;
    serveStatic(options.rendererDir, pathname, req, res, assets, policy).catch(() => {
      // The file went away between its stat and its read: answer, and leave the process running.
      if (res.headersSent) res.destroy();
      else res.writeHead(500).end();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  // The server's own errors concern one handshake or one socket; none of them may end the process.
  sockets.on('error', () => undefined);
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (new URL(req.url ?? '/', 'http://x').pathname !== SOCKET_PATH || !fromThisShell(req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => sockets.emit('connection', ws, req));
  });
  sockets.on('connection', (ws: WebSocket) => converse(ws, options.core, token));

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
