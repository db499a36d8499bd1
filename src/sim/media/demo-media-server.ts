import { createHash, timingSafeEqual } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { ServerResponse, createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import {
  SyntheticCamera,
  checkFfmpeg,
  silentLogger,
  type MediaLogger,
  type PictureOptions,
} from './synthetic-camera';

/** The media server's application every synthetic camera publishes into: streams play at `/live/<stream>.flv`. */
export const DEMO_MEDIA_APP = 'live';
/** The gateway's stream names (see the MediaGateway contract); node-media-server allows a superset. */
export const STREAM_NAME_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
export const DEFAULT_MAX_CAMERAS = 16;
export const DEFAULT_IDLE_CLOSE_MS = 60_000;
export const DEFAULT_PUBLISH_TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 16 * 1024;
/** A camera's publish URL is used once, when ffmpeg connects; a restart signs a new one. */
const PUBLISH_SIGN_TTL_MS = 10 * 60_000;

export interface DemoMediaServerOptions {
  /** RTMP, where the synthetic cameras push. node-media-server cannot listen on port 0 (it reads 0 as "off"). */
  rtmpPort: number;
  /** HTTP-FLV, where screens play; the same rule on port 0. */
  httpPort: number;
  /** The control API the hub's gateway adapter calls; 0 picks a free port. */
  controlPort: number;
  /**
   * Shared with the hub: the control API's bearer token and the key of node-media-server's signed URLs.
   * At least 16 characters.
   */
  secret: string;
  /** The address all three listen on. Default 127.0.0.1. */
  host?: string;
  /** The host name in the URLs handed out; default `host`, or 127.0.0.1 when `host` is a wildcard. */
  advertisedHost?: string;
  /** Default: silent. node-media-server's own lines come through at debug (warn for its errors). */
  logger?: MediaLogger;
  /** Synthetic cameras running at once; another one is refused (429). Default 16. */
  maxCameras?: number;
  /** A stream nobody has watched for this long since its last player left (or since it started) stops. */
  idleCloseMs?: number;
  /** How long a PUT waits for the camera to be publishing before it answers 504. */
  publishTimeoutMs?: number;
  picture?: Partial<PictureOptions>;
  ffmpegPath?: string;
  fontFile?: string;
}

export interface DemoMediaServer {
  /** The control API, e.g. `http://127.0.0.1:8091`. */
  readonly controlUrl: string;
  /** Where the signed play URLs point, e.g. `http://127.0.0.1:8090` (streams at `/live/<stream>.flv`). */
  readonly playBaseUrl: string;
  /** Stops every camera, disconnects every player and frees the ports. */
  close(): Promise<void>;
}

/**
 * node-media-server's signed URLs, as its `auth: { play, publish, secret }` configuration checks them:
 * `?sign=<expiry in unix seconds>-<hex MD5 of "<path>-<expiry>-<secret>">`, the path being `/live/<stream>`;
 * a sign whose expiry has passed is refused. The hub's gateway adapter signs play URLs this way; the server
 * signs its own cameras' publish URLs, so without the secret nobody can publish into it either.
 */
function publishSign(streamPath: string, expiresAtSec: number, secret: string): string {
  const digest = createHash('md5').update(`${streamPath}-${expiresAtSec}-${secret}`).digest('hex');
  return `${expiresAtSec}-${digest}`;
}

// ---------------------------------------------------------------------------------------------------------
// The parts of node-media-server 4.4 used here. It ships no types; it keeps its state (sessions, live
// streams, events, logger) in per-process singletons, which is why one demo media server runs per process.

interface NmsSession {
  id: string;
  /** Empty for the server's own internal sessions (recording, relays), which are not players. */
  ip: string;
  streamApp: string;
  streamName: string;
  /** `rtmp`, `flv` (HTTP or WebSocket), `rtsp`… */
  protocol: string;
  /** The URL's query, where the signature is. */
  streamQuery?: Record<string, unknown>;
  /** An HTTP-FLV player's response (a WebSocket for WebSocket-FLV). */
  res?: unknown;
  close(): void;
}

interface NmsBroadcast {
  publisher: NmsSession | null;
  subscribers: Map<string, NmsSession>;
  /** "reconnecting" for 30 s after a publisher left: the same client may resume the stream. */
  getPublishStatus(): 'publishing' | 'reconnecting' | 'idle';
}

interface NmsContext {
  sessions: Map<string, NmsSession>;
  broadcasts: Map<string, NmsBroadcast>;
  eventEmitter: EventEmitter;
}

interface NmsLogger {
  log(message: string, level?: string): void;
}

interface NmsInstance {
  run(): Promise<void>;
  stop(): Promise<void>;
  httpServer: { httpServer?: NetServer };
  rtmpServer: { tcpServer?: NetServer };
}

type NmsConstructor = new (config: object) => NmsInstance;

interface NmsModules {
  NodeMediaServer: NmsConstructor;
  context: NmsContext;
  logger: NmsLogger;
}

/** Loaded when a server starts, so a command that never plays video does not load express and the rest. */
function loadNodeMediaServer(): NmsModules {
  const require = createRequire(import.meta.url);
  return {
    NodeMediaServer: require('node-media-server') as NmsConstructor,
    context: require('node-media-server/src/core/context.js') as NmsContext,
    logger: require('node-media-server/src/core/logger.js') as NmsLogger,
  };
}

/** Where node-media-server's logger writes: it prints to the console itself unless routed. */
let nmsLogTarget: MediaLogger = silentLogger;
let nmsLoggerRouted = false;

function routeNmsLogger(logger: NmsLogger): void {
  if (nmsLoggerRouted) return;
  nmsLoggerRouted = true;
  // Its lines name sessions, addresses and stream paths, never a URL's query, so no signature shows.
  logger.log = (message: string, level = 'info') => {
    if (level === 'error' || level === 'warn') nmsLogTarget.warn(`media server: ${message}`);
    else if (level !== 'trace') nmsLogTarget.debug(`media server: ${message}`);
  };
}

let serverRunning = false;

// ---------------------------------------------------------------------------------------------------------

const putBodySchema = z.object({
  title: z
    .string({ error: 'title must be a string' })
    .trim()
    .min(1, 'title must not be empty')
    .max(64, 'title must be at most 64 characters')
    .refine((title) => !/\p{Cc}/u.test(title), 'title must not hold control characters'),
});

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Answer = { status: number; body?: unknown };

function problemBody(code: string, message: string) {
  return { error: { code, message } };
}

function send(res: ServerResponse, answer: Answer, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  if (answer.body === undefined) {
    res.writeHead(answer.status, { 'cache-control': 'no-store', ...headers }).end();
    return;
  }
  const text = JSON.stringify(answer.body);
  res
    .writeHead(answer.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
      'cache-control': 'no-store',
      ...headers,
    })
    .end(text);
}

/** The body, up to `limit` bytes; past that a 413, while the rest is read and dropped so the answer gets out. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new HttpProblem(413, 'too-large', `the body must be at most ${limit} bytes`);
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

async function readPutBody(req: IncomingMessage): Promise<z.infer<typeof putBodySchema>> {
  const raw = await readBody(req, MAX_BODY_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpProblem(400, 'bad-request', 'the body must be JSON: { "title": "…" }');
  }
  const parsed = putBodySchema.safeParse(json);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => issue.message).join('; ');
    throw new HttpProblem(400, 'bad-request', `the body must be { "title": "…" }: ${reasons}`);
  }
  return parsed.data;
}

function sameSecret(presented: string, secret: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(secret));
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/**
 * node-media-server exits the process when a listener fails (a port in use, say); inside the product that
 * would take everything down, so its handlers are replaced: the failure becomes this start's error.
 */
function takeOverListenErrors(
  server: NetServer | undefined,
  what: string,
  logger: MediaLogger,
): Promise<void> {
  if (!server) return Promise.reject(new Error(`node-media-server did not set up its ${what} listener`));
  server.removeAllListeners('error');
  return new Promise<void>((resolve, reject) => {
    if (server.listening) {
      resolve();
      return;
    }
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(new Error(`the media server cannot listen for ${what}: ${error.message}`));
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
  }).then(() => {
    server.on('error', (error) => logger.warn(`media server ${what} listener: ${error.message}`));
  });
}

interface CameraEntry {
  stream: string;
  camera: SyntheticCamera;
  published: boolean;
  waiters: Set<(outcome: 'published' | 'closed') => void>;
  idleTimer: NodeJS.Timeout | undefined;
}

interface Settings {
  secret: string;
  logger: MediaLogger;
  maxCameras: number;
  idleCloseMs: number;
  publishTimeoutMs: number;
  rtmpBase: string;
  cameraOptions: { picture?: Partial<PictureOptions>; ffmpegPath?: string; fontFile?: string };
}

/** The running server: node-media-server, the cameras it pulls on demand and the control API over them. */
class DemoMediaServerRuntime {
  private readonly cameras = new Map<string, CameraEntry>();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly nms: NmsInstance,
    private readonly ctx: NmsContext,
    private readonly control: Server,
    private readonly storeDir: string,
    private readonly settings: Settings,
  ) {
    ctx.eventEmitter.on('prePublish', this.onPrePublish);
    ctx.eventEmitter.on('postPublish', this.onPostPublish);
    ctx.eventEmitter.on('prePlay', this.onPrePlay);
    ctx.eventEmitter.on('postPlay', this.onPostPlay);
    ctx.eventEmitter.on('donePlay', this.onPlayChange);
    control.on('request', (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch((error: unknown) => {
        this.settings.logger.error(`media control API: ${(error as Error).message}`);
        send(res, { status: 500, body: problemBody('internal', 'the media server failed to answer') });
      });
    });
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.control.close();
    this.control.closeAllConnections();
    await Promise.all([...this.cameras.keys()].map((stream) => this.stopCamera(stream)));
    for (const session of this.ctx.sessions.values()) session.close();
    await this.nms.stop();
    this.ctx.eventEmitter.off('prePublish', this.onPrePublish);
    this.ctx.eventEmitter.off('postPublish', this.onPostPublish);
    this.ctx.eventEmitter.off('prePlay', this.onPrePlay);
    this.ctx.eventEmitter.off('postPlay', this.onPostPlay);
    this.ctx.eventEmitter.off('donePlay', this.onPlayChange);
    // The state is the process's, not the server's: a server started later in this process starts clean.
    this.ctx.broadcasts.clear();
    this.ctx.sessions.clear();
    await rm(this.storeDir, { recursive: true, force: true });
  }

  // --- the media server's events ---------------------------------------------------------------------

  private entryOf(session: NmsSession): CameraEntry | undefined {
    return session.streamApp === DEMO_MEDIA_APP ? this.cameras.get(session.streamName) : undefined;
  }

  /**
   * Only the server's own cameras publish, over RTMP. node-media-server signs a publish and a play of one
   * stream alike, so a player's URL would otherwise let it publish into that stream over HTTP or a WebSocket:
   * such a publish loses its signature here, before the server checks it, and is refused.
   */
  private readonly onPrePublish = (session: NmsSession): void => {
    if (session.protocol !== 'rtmp') session.streamQuery = {};
  };

  private readonly onPostPublish = (session: NmsSession): void => {
    const entry = this.entryOf(session);
    if (!entry) return;
    entry.published = true;
    for (const waiter of entry.waiters) waiter('published');
    entry.waiters.clear();
    this.checkIdle(entry);
  };

  /**
   * node-media-server refuses a play whose signature is wrong or expired by ending the response, which by
   * itself is an empty 200 a player would take for a stream that ended. Every HTTP-FLV play is marked 403
   * before the server checks it and set back to 200 once it let the player in (`postPlay`), so a refusal
   * reaches the player as what it is. Nothing is sent before `postPlay`, so the status is still open.
   */
  private readonly onPrePlay = (session: NmsSession): void => {
    if (session.res instanceof ServerResponse && !session.res.headersSent) session.res.statusCode = 403;
  };

  private readonly onPostPlay = (session: NmsSession): void => {
    if (session.res instanceof ServerResponse && !session.res.headersSent) session.res.statusCode = 200;
    this.onPlayChange(session);
  };

  /** A player came or went (or was refused): the count changes once the server has filed the session. */
  private readonly onPlayChange = (session: NmsSession): void => {
    const entry = this.entryOf(session);
    if (entry) setImmediate(() => this.checkIdle(entry));
  };

  private readers(stream: string): number {
    const broadcast = this.ctx.broadcasts.get(`/${DEMO_MEDIA_APP}/${stream}`);
    let readers = 0;
    for (const session of broadcast?.subscribers.values() ?? []) if (session.ip !== '') readers += 1;
    return readers;
  }

  /**
   * Like ZLMediaKit's on_stream_none_reader: a stream nobody watches stops by itself after `idleCloseMs`,
   * so a hub that went away without closing its streams does not leave cameras running.
   */
  private checkIdle(entry: CameraEntry): void {
    if (this.cameras.get(entry.stream) !== entry) return;
    if (this.readers(entry.stream) > 0) {
      clearTimeout(entry.idleTimer);
      entry.idleTimer = undefined;
      return;
    }
    if (entry.idleTimer) return;
    entry.idleTimer = setTimeout(() => {
      entry.idleTimer = undefined;
      if (this.cameras.get(entry.stream) !== entry || this.readers(entry.stream) > 0) return;
      this.settings.logger.info(
        `stopping stream ${entry.stream}: nobody watched it for ${this.settings.idleCloseMs / 1000} s`,
      );
      void this.stopCamera(entry.stream);
    }, this.settings.idleCloseMs);
  }

  // --- cameras ---------------------------------------------------------------------------------------

  private startCamera(stream: string, title: string): CameraEntry {
    const path = `/${DEMO_MEDIA_APP}/${stream}`;
    const { secret, rtmpBase, logger, cameraOptions } = this.settings;
    const camera: SyntheticCamera = new SyntheticCamera({
      ...cameraOptions,
      title,
      logger,
      publishUrl: () => {
        const expires = Math.floor((Date.now() + PUBLISH_SIGN_TTL_MS) / 1000);
        return `${rtmpBase}${path}?sign=${publishSign(path, expires, secret)}`;
      },
      onExit: () => {
        // Not publishing until its restart publishes again: a PUT meanwhile waits for that.
        const entry = this.cameras.get(stream);
        if (entry?.camera === camera) entry.published = false;
      },
    });
    const entry: CameraEntry = { stream, camera, published: false, waiters: new Set(), idleTimer: undefined };
    this.cameras.set(stream, entry);
    camera.start();
    logger.info(`started synthetic camera "${title}" on stream ${stream}`);
    return entry;
  }

  private waitForPublish(entry: CameraEntry): Promise<'published' | 'closed' | 'timeout'> {
    if (entry.published) return Promise.resolve('published');
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        entry.waiters.delete(settle);
        resolve('timeout');
      }, this.settings.publishTimeoutMs);
      const settle = (outcome: 'published' | 'closed') => {
        clearTimeout(timer);
        resolve(outcome);
      };
      entry.waiters.add(settle);
    });
  }

  private async stopCamera(stream: string): Promise<void> {
    const entry = this.cameras.get(stream);
    if (!entry) return;
    this.cameras.delete(stream);
    clearTimeout(entry.idleTimer);
    for (const waiter of entry.waiters) waiter('closed');
    entry.waiters.clear();
    await entry.camera.close();
    if (this.cameras.has(stream)) return; // opened again meanwhile: its players stay
    // Players still attached would wait for a picture that is not coming.
    const broadcast = this.ctx.broadcasts.get(`/${DEMO_MEDIA_APP}/${stream}`);
    for (const session of broadcast?.subscribers.values() ?? []) if (session.ip !== '') session.close();
    this.settings.logger.info(`stopped synthetic camera on stream ${stream}`);
  }

  /** The streams being published now, from node-media-server's own state, with their players. */
  private liveStreams(): { stream: string; readers: number }[] {
    const live: { stream: string; readers: number }[] = [];
    const prefix = `/${DEMO_MEDIA_APP}/`;
    for (const [path, broadcast] of this.ctx.broadcasts) {
      if (!path.startsWith(prefix) || broadcast.getPublishStatus() !== 'publishing') continue;
      const stream = path.slice(prefix.length);
      live.push({ stream, readers: this.readers(stream) });
    }
    return live.sort((a, b) => a.stream.localeCompare(b.stream));
  }

  // --- the control API -------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const presented = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (presented === undefined || !sameSecret(presented, this.settings.secret)) {
      req.resume();
      send(
        res,
        {
          status: 401,
          body: problemBody('unauthorised', 'a bearer token with the media server secret is required'),
        },
        { 'www-authenticate': 'Bearer' },
      );
      return;
    }
    try {
      send(res, await this.route(req));
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error;
      send(res, { status: error.status, body: problemBody(error.code, error.message) });
    }
  }

  private async route(req: IncomingMessage): Promise<Answer> {
    const { pathname } = new URL(req.url ?? '/', 'http://control');
    const method = req.method ?? 'GET';
    if (this.closing) throw new HttpProblem(503, 'closing', 'the media server is shutting down');
    if (pathname === '/healthz' && method === 'GET') {
      return {
        status: 200,
        body: { ok: true, cameras: this.cameras.size, maxCameras: this.settings.maxCameras },
      };
    }
    if (pathname === '/streams' && method === 'GET')
      return { status: 200, body: { streams: this.liveStreams() } };
    const match = /^\/streams\/([^/]*)$/.exec(pathname);
    if (!match) throw new HttpProblem(404, 'not-found', `no such resource: ${method} ${pathname}`);
    const stream = match[1]!;
    if (!STREAM_NAME_PATTERN.test(stream)) {
      throw new HttpProblem(400, 'bad-request', 'the stream name must be 8 to 64 of A-Z, a-z, 0-9, _ and -');
    }
    if (method === 'PUT') return this.open(stream, (await readPutBody(req)).title);
    if (method === 'DELETE') {
      await this.stopCamera(stream);
      return { status: 204 };
    }
    throw new HttpProblem(405, 'method-not-allowed', `${method} is not allowed on a stream: PUT or DELETE`);
  }

  /** Starts the camera unless it runs, and answers once it is publishing, so the first play finds a picture. */
  private async open(stream: string, title: string): Promise<Answer> {
    let entry = this.cameras.get(stream);
    if (!entry) {
      if (this.cameras.size >= this.settings.maxCameras) {
        throw new HttpProblem(
          429,
          'too-many-cameras',
          `the demo media server runs at most ${this.settings.maxCameras} synthetic cameras at once; close one first`,
        );
      }
      entry = this.startCamera(stream, title);
    }
    const outcome = await this.waitForPublish(entry);
    if (outcome === 'closed')
      throw new HttpProblem(409, 'closed', `stream ${stream} was closed while it started`);
    if (outcome === 'timeout') {
      const why = entry.camera.lastError;
      await this.stopCamera(stream);
      throw new HttpProblem(
        504,
        'publish-timeout',
        `the synthetic camera did not start publishing within ${this.settings.publishTimeoutMs / 1000} s` +
          (why ? `: ${why}` : ''),
      );
    }
    return { status: 200, body: { stream, readers: this.readers(stream) } };
  }
}

function checkOptions(options: DemoMediaServerOptions): void {
  for (const [name, port] of [
    ['rtmpPort', options.rtmpPort],
    ['httpPort', options.httpPort],
  ] as const) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(
        `${name} must be a port from 1 to 65535 (node-media-server reads 0 as "off"), not ${port}`,
      );
    }
  }
  if (!Number.isInteger(options.controlPort) || options.controlPort < 0 || options.controlPort > 65535) {
    throw new Error(`controlPort must be a port from 0 to 65535, not ${options.controlPort}`);
  }
  if (options.secret.length < 16) throw new Error('the media server secret must be at least 16 characters');
}

/**
 * Starts the demo's media server in this process: node-media-server taking RTMP from the synthetic cameras
 * and serving HTTP-FLV to screens holding a signed, unexpired play URL, plus the control API the hub's
 * gateway adapter uses to open (`PUT /streams/:stream`), close (`DELETE`) and list (`GET /streams`) streams.
 * One per process.
 */
export async function startDemoMediaServer(options: DemoMediaServerOptions): Promise<DemoMediaServer> {
  checkOptions(options);
  if (serverRunning) {
    throw new Error(
      'a demo media server already runs in this process (node-media-server keeps its state per process)',
    );
  }
  await checkFfmpeg(options.ffmpegPath);
  serverRunning = true;
  try {
    return await start(options);
  } catch (error) {
    serverRunning = false;
    throw error;
  }
}

async function start(options: DemoMediaServerOptions): Promise<DemoMediaServer> {
  const host = options.host ?? '127.0.0.1';
  const wildcard = host === '0.0.0.0' || host === '::';
  const advertised = urlHost(options.advertisedHost ?? (wildcard ? '127.0.0.1' : host));
  const logger = options.logger ?? silentLogger;
  const modules = loadNodeMediaServer();
  routeNmsLogger(modules.logger);
  nmsLogTarget = logger;
  const storeDir = await mkdtemp(join(tmpdir(), 'pingan-media-'));
  const nms = new modules.NodeMediaServer({
    bind: host,
    rtmp: { port: options.rtmpPort },
    http: { port: options.httpPort },
    // Both directions need a signed URL; the admin API (auth.jwt), recording and notify hooks stay off.
    auth: { play: true, publish: true, secret: options.secret },
    // Its store keeps relay tasks and publish history; the demo needs neither across runs.
    store: { path: storeDir },
    webadmin: { enable: false },
  });
  const running = nms.run();
  const listening = await Promise.allSettled([
    takeOverListenErrors(nms.rtmpServer.tcpServer, `RTMP on ${host}:${options.rtmpPort}`, logger),
    takeOverListenErrors(nms.httpServer.httpServer, `HTTP-FLV on ${host}:${options.httpPort}`, logger),
  ]);
  await running;
  const control = createServer();
  const giveUp = async (error: unknown): Promise<never> => {
    control.close();
    await nms.stop();
    await rm(storeDir, { recursive: true, force: true });
    nmsLogTarget = silentLogger;
    throw error;
  };
  const failed = listening.find((outcome) => outcome.status === 'rejected');
  if (failed) return giveUp(failed.reason);
  const controlPort = await listen(control, options.controlPort, host).catch((error: Error) =>
    giveUp(
      new Error(`the media control API cannot listen on ${host}:${options.controlPort}: ${error.message}`),
    ),
  );
  control.on('error', (error) => logger.warn(`media control API: ${error.message}`));
  const runtime = new DemoMediaServerRuntime(nms, modules.context, control, storeDir, {
    secret: options.secret,
    logger,
    maxCameras: options.maxCameras ?? DEFAULT_MAX_CAMERAS,
    idleCloseMs: options.idleCloseMs ?? DEFAULT_IDLE_CLOSE_MS,
    publishTimeoutMs: options.publishTimeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS,
    rtmpBase: `rtmp://${wildcard ? '127.0.0.1' : urlHost(host)}:${options.rtmpPort}`,
    cameraOptions: { picture: options.picture, ffmpegPath: options.ffmpegPath, fontFile: options.fontFile },
  });
  logger.info(
    `demo media server: RTMP ${host}:${options.rtmpPort}, HTTP-FLV ${host}:${options.httpPort}, ` +
      `control ${host}:${controlPort}`,
  );
  return {
    controlUrl: `http://${advertised}:${controlPort}`,
    playBaseUrl: `http://${advertised}:${options.httpPort}`,
    close: async () => {
      try {
        await runtime.close();
      } finally {
        nmsLogTarget = silentLogger;
        serverRunning = false;
      }
    },
  };
}
