import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  GatewayError,
  type LiveStream,
  type MediaGateway,
  type PlayProtocol,
  type PlayUrls,
  type StreamRequest,
} from './gateway';

/**
 * The demo's own media server (node-media-server with synthetic cameras, started by `pingan start`) as a
 * media gateway, through its small control API:
 *
 * - `PUT /streams/<stream>` with `{ "title": "…" }` starts the synthetic camera of that stream and answers
 *   once it is publishing (504 if it does not within the server's wait, 429 when it runs its most cameras);
 * - `DELETE /streams/<stream>` stops it (204, also when it was not running);
 * - `GET /streams` answers `{ streams: [{ stream, readers }] }`.
 *
 * Every call carries `Authorization: Bearer <secret>`. Errors come as `{ error: { code, message } }`.
 * The demo synthesises every picture, so the camera's source is not sent: its title is shown instead.
 * Players read `ws://<play host>/live/<stream>.flv?sign=…` (FLV over a WebSocket: a browser opens at most six
 * HTTP connections to one host, and a 9- or 16-way wall holds one per stream), signed with the same secret (see
 * {@link nodeMediaServerSign}); node-media-server checks the signature and refuses (403) a forged or expired
 * one. The server also stops a stream nobody has watched for a minute, so one the hub forgot does not run on.
 */

export interface LocalMediaGatewayConfig {
  id: string;
  /** Where the hub reaches the control API, e.g. http://127.0.0.1:18081. */
  controlUrl: string;
  /** Where players reach HTTP-FLV, e.g. http://127.0.0.1:18080. */
  playBaseUrl: string;
  /** The media server's secret: the control API's bearer token and the play URLs' signing key. */
  secret: string;
  fetch?: typeof fetch;
  /** How long one call may take. Opening waits for the camera to publish (10 s at most), so keep it above. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** The node-media-server application the demo's streams live in. */
const APP = 'live';
const STREAM_NAME = /^[A-Za-z0-9_-]{8,64}$/;
/** The longest title the demo media server takes; a longer camera name is cut. */
const MAX_TITLE_LENGTH = 64;

/**
 * node-media-server's play signature (`auth.play` with `auth.secret`; checked in its
 * `BroadcastServer.verifyAuth`): `<expiry>-<md5hex("<streamPath>-<expiry>-<secret>")>`, the expiry in unix
 * seconds, the path `/<app>/<stream>` without the `.flv`. The server refuses it once the expiry has passed.
 * The expiry is rounded down, so the URL never outlives `expiresAtMs`.
 */
export function nodeMediaServerSign(streamPath: string, expiresAtMs: number, secret: string): string {
  const expires = Math.floor(expiresAtMs / 1000);
  const digest = createHash('md5').update(`${streamPath}-${expires}-${secret}`).digest('hex');
  return `${expires}-${digest}`;
}

const errorAnswerSchema = z.object({ error: z.object({ message: z.string() }) });
const openAnswerSchema = z.object({ stream: z.string() });
const listAnswerSchema = z.object({
  streams: z.array(z.object({ stream: z.string(), readers: z.number().int().nonnegative().nullable() })),
});

interface HttpAnswer {
  status: number;
  /** The parsed body; undefined when the body is empty or not JSON. */
  json: unknown;
}

export class LocalMediaGateway implements MediaGateway {
  readonly id: string;
  readonly protocols: readonly PlayProtocol[] = ['flv'];
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(private readonly config: LocalMediaGatewayConfig) {
    this.id = config.id;
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetch = config.fetch ?? fetch;
  }

  async open(request: StreamRequest): Promise<PlayUrls> {
    const stream = this.checkedStream(request.stream);
    const answer = await this.call('PUT', `/streams/${stream}`, { title: titleOf(request.title, stream) });
    if (answer.status !== 200) throw this.refusal(answer, `opening stream ${stream}`);
    const opened = openAnswerSchema.safeParse(answer.json);
    if (!opened.success || opened.data.stream !== stream)
      throw this.badAnswer(`the answer to opening ${stream}`);
    return this.playUrls(stream, request.expiresAt);
  }

  async renew(stream: string, expiresAt: number): Promise<PlayUrls> {
    return this.playUrls(this.checkedStream(stream), expiresAt);
  }

  async close(stream: string): Promise<void> {
    const answer = await this.call('DELETE', `/streams/${this.checkedStream(stream)}`);
    if (answer.status === 404 || (answer.status >= 200 && answer.status < 300)) return;
    throw this.refusal(answer, `closing stream ${stream}`);
  }

  async list(): Promise<LiveStream[]> {
    const answer = await this.call('GET', '/streams');
    if (answer.status !== 200) throw this.refusal(answer, 'listing streams');
    const list = listAnswerSchema.safeParse(answer.json);
    if (!list.success) throw this.badAnswer('the stream list');
    return list.data.streams.map(({ stream, readers }) => ({ stream, readers }));
  }

  private playUrls(stream: string, expiresAt: number): PlayUrls {
    const path = `/${APP}/${stream}`;
    const sign = nodeMediaServerSign(path, expiresAt, this.config.secret);
    const base = new URL(withoutTrailingSlash(this.config.playBaseUrl));
    base.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
    return { flv: `${withoutTrailingSlash(base.href)}${path}.flv?sign=${sign}` };
  }

  /** The hub names streams `[A-Za-z0-9_-]{8,64}`; anything else would be a path the server does not serve. */
  private checkedStream(stream: string): string {
    if (!STREAM_NAME.test(stream)) {
      throw new GatewayError(
        this.id,
        'refused',
        `"${stream}" is not a stream name the demo media server takes`,
      );
    }
    return stream;
  }

  /** The server's own words for a refusal, else its HTTP status. */
  private refusal(answer: HttpAnswer, what: string): GatewayError {
    const error = errorAnswerSchema.safeParse(answer.json);
    const reason = error.success ? error.data.error.message : `HTTP ${answer.status}`;
    return new GatewayError(this.id, 'refused', `the demo media server refused ${what}: ${reason}`);
  }

  private badAnswer(what: string): GatewayError {
    return new GatewayError(
      this.id,
      'bad-answer',
      `the demo media server's ${what} is not in the expected shape`,
    );
  }

  /** One HTTP exchange; no answer in time, or none at all, is the gateway being unreachable. */
  private async call(method: string, path: string, body?: object): Promise<HttpAnswer> {
    const url = `${withoutTrailingSlash(this.config.controlUrl)}${path}`;
    const headers: Record<string, string> = { authorization: `Bearer ${this.config.secret}` };
    if (body) headers['content-type'] = 'application/json';
    const send = this.fetch;
    let response: Response;
    let text: string;
    try {
      response = await send(url, {
        method,
        headers,
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw new GatewayError(
        this.id,
        'unreachable',
        `${new URL(url).origin} did not answer: ${reasonOf(error)}`,
      );
    }
    return { status: response.status, json: parseJson(text) };
  }
}

/** What the picture shows: the camera's name on one line, as long as the server takes, or else the stream. */
function titleOf(title: string, stream: string): string {
  let line = '';
  for (const char of title.replace(/\p{Cc}+/gu, ' ').trim()) {
    if (line.length + char.length > MAX_TITLE_LENGTH) break;
    line += char;
  }
  return line || stream;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : String(error);
}
