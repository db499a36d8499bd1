import { z } from 'zod';
import type { PlayTokenSigner } from '../play-token';
import {
  GatewayError,
  type LiveStream,
  type MediaGateway,
  type PlayProtocol,
  type PlayUrls,
  type StreamRequest,
} from './gateway';

/**
 * MediaMTX (github.com/bluenviron/mediamtx) as a media gateway, through its control API v3 (api/openapi.yaml).
 *
 * An RTSP camera becomes a path named after the hub's stream, pulled on demand (`sourceOnDemand`): MediaMTX
 * connects to the camera when the first player arrives and lets go after the last one leaves. Players read it
 * as HLS (`/<stream>/index.m3u8`) or WebRTC through WHEP (`/<stream>/whep`), each URL carrying `?token=`.
 * MediaMTX serves no HTTP-FLV, and it has no GB/T 28181 support at all: such cameras belong on a ZLMediaKit
 * gateway.
 *
 * With `authMethod: http` and `authHTTPAddress` pointing at the hub, MediaMTX asks the hub about every player
 * (`mediamtxAuthorize`); the query string of the play URL travels in the request's `query`. The control API
 * is then checked the same way unless `authHTTPExclude` lists `action: api` (as mediamtx.yml documents): keep
 * it excluded and `apiAddress` reachable from the hub's network only, or put the API behind a proxy that
 * checks `apiUser`/`apiPass`, which the adapter sends as HTTP Basic credentials.
 */

export interface MediaMtxGatewayConfig {
  id: string;
  /** Where the hub reaches the control API, e.g. http://127.0.0.1:9997. */
  apiUrl: string;
  /** Where players reach the HLS and WebRTC servers; a format without one is not offered. */
  playBaseUrls: { hls?: string; webrtc?: string };
  apiUser?: string;
  apiPass?: string;
  signer: PlayTokenSigner;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** MediaMTX's refusal to add a path configuration that exists (`AddPath` in internal/conf/conf.go). */
const PATH_EXISTS = 'path already exists';

const okAnswerSchema = z.object({ status: z.literal('ok') });
const errorAnswerSchema = z.object({ status: z.literal('error'), error: z.string() });
/** One page of `GET /v3/paths/list`; pages count from 0. */
const pathListAnswerSchema = z.object({
  pageCount: z.number().int().nonnegative(),
  items: z.array(z.object({ name: z.string(), readers: z.array(z.unknown()) })),
});

interface HttpAnswer {
  status: number;
  /** The parsed body; undefined when the body is not JSON. */
  json: unknown;
}

export class MediaMtxGateway implements MediaGateway {
  readonly id: string;
  readonly protocols: readonly PlayProtocol[];
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(private readonly config: MediaMtxGatewayConfig) {
    this.id = config.id;
    this.protocols = (['hls', 'webrtc'] as const).filter((protocol) => config.playBaseUrls[protocol]);
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetch = config.fetch ?? fetch;
  }

  async open(request: StreamRequest): Promise<PlayUrls> {
    if (request.source.kind === 'gb28181') {
      throw new GatewayError(
        this.id,
        'refused',
        'MediaMTX does not speak GB/T 28181; put this camera on a ZLMediaKit gateway',
      );
    }
    await this.configurePath(request.stream, { source: request.source.url, sourceOnDemand: true });
    return this.playUrls(request.stream, request.expiresAt);
  }

  async renew(stream: string, expiresAt: number): Promise<PlayUrls> {
    return this.playUrls(stream, expiresAt);
  }

  async close(stream: string): Promise<void> {
    const answer = await this.api('DELETE', `/v3/config/paths/delete/${encodeURIComponent(stream)}`);
    if (answer.status === 404) return;
    this.expectOk(answer, 'removing a path');
  }

  async list(): Promise<LiveStream[]> {
    const readers = new Map<string, number>();
    let pageCount = 1;
    for (let page = 0; page < pageCount; page++) {
      const answer = await this.api('GET', `/v3/paths/list?page=${page}`);
      if (answer.status !== 200) throw this.refusal(answer, 'listing paths');
      const list = pathListAnswerSchema.safeParse(answer.json);
      if (!list.success) throw this.badAnswer('the path list');
      pageCount = list.data.pageCount;
      // A path added between two pages shifts the others; keying by name keeps each once.
      for (const path of list.data.items) readers.set(path.name, path.readers.length);
    }
    return [...readers].map(([stream, count]) => ({ stream, readers: count }));
  }

  /** Adds the path, or, if it exists, sets its source again in case the camera's address changed. */
  private async configurePath(
    name: string,
    conf: { source: string; sourceOnDemand: boolean },
  ): Promise<void> {
    const added = await this.api('POST', `/v3/config/paths/add/${encodeURIComponent(name)}`, conf);
    if (added.status === 400 && errorAnswerSchema.safeParse(added.json).data?.error === PATH_EXISTS) {
      const patched = await this.api('PATCH', `/v3/config/paths/patch/${encodeURIComponent(name)}`, conf);
      this.expectOk(patched, 'updating a path');
      return;
    }
    this.expectOk(added, 'adding a path');
  }

  private playUrls(stream: string, expiresAt: number): PlayUrls {
    const query = new URLSearchParams({ token: this.config.signer.sign(stream, expiresAt) });
    const { hls, webrtc } = this.config.playBaseUrls;
    const path = encodeURIComponent(stream);
    return {
      ...(hls ? { hls: `${withoutTrailingSlash(hls)}/${path}/index.m3u8?${query}` } : {}),
      ...(webrtc ? { webrtc: `${withoutTrailingSlash(webrtc)}/${path}/whep?${query}` } : {}),
    };
  }

  private expectOk(answer: HttpAnswer, what: string): void {
    if (answer.status !== 200) throw this.refusal(answer, what);
    if (!okAnswerSchema.safeParse(answer.json).success) throw this.badAnswer(`the answer to ${what}`);
  }

  /** The gateway's own words for a refusal (`{ status: 'error', error }`), else its HTTP status. */
  private refusal(answer: HttpAnswer, what: string): GatewayError {
    const error = errorAnswerSchema.safeParse(answer.json);
    const reason = error.success ? error.data.error : `HTTP ${answer.status}`;
    return new GatewayError(this.id, 'refused', `MediaMTX refused ${what}: ${reason}`);
  }

  private badAnswer(what: string): GatewayError {
    return new GatewayError(this.id, 'bad-answer', `MediaMTX's ${what} is not in the documented shape`);
  }

  private async api(method: string, path: string, body?: object): Promise<HttpAnswer> {
    const headers: Record<string, string> = {};
    if (body) headers['content-type'] = 'application/json';
    if (this.config.apiUser !== undefined) {
      const credentials = `${this.config.apiUser}:${this.config.apiPass ?? ''}`;
      headers.authorization = `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`;
    }
    return this.exchange(`${withoutTrailingSlash(this.config.apiUrl)}${path}`, {
      method,
      headers,
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  }

  /** One HTTP exchange; no answer in time, or none at all, is the gateway being unreachable. */
  private async exchange(url: string, init: RequestInit): Promise<HttpAnswer> {
    const send = this.fetch;
    try {
      const response = await send(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
      return { status: response.status, json: parseJson(await response.text()) };
    } catch (error) {
      throw new GatewayError(
        this.id,
        'unreachable',
        `${new URL(url).origin} did not answer: ${reasonOf(error)}`,
      );
    }
  }
}

/** The actions a play token grants: reading live, and reading recordings through the playback server. */
const READ_ACTIONS: ReadonlySet<string> = new Set(['read', 'playback']);
/** Far above any path the hub names, far below anything that costs to check. */
const MAX_PATH_LENGTH = 128;
const MAX_QUERY_LENGTH = 4096;

/**
 * The body MediaMTX posts with `authMethod: http` (`authenticateHTTP` in internal/auth/manager.go): `query`
 * is the raw query string of the request, `token` the Bearer token or password the player gave, if any.
 */
const authRequestSchema = z.object({
  action: z.string(),
  path: z.string().min(1).max(MAX_PATH_LENGTH),
  query: z.string().max(MAX_QUERY_LENGTH),
  token: z.string().max(MAX_QUERY_LENGTH).optional(),
});

/**
 * Answers MediaMTX's HTTP authentication: true (the hub answers 200) lets a player read a path with an
 * unexpired token signed for it, from the URL's `token` parameter or else from the Bearer token. Publishing,
 * the API, metrics and everything else are refused: the hub hands out play URLs only.
 */
export function mediamtxAuthorize(body: unknown, signer: PlayTokenSigner, nowMs: number): boolean {
  const request = authRequestSchema.safeParse(body);
  if (!request.success || !READ_ACTIONS.has(request.data.action)) return false;
  const token = tokenOfQuery(request.data.query) ?? (request.data.token || null);
  return token !== null && signer.verify(request.data.path, token, nowMs);
}

/** The one `token` of a query string; none, or several, is no token. */
function tokenOfQuery(query: string): string | null {
  const tokens = new URLSearchParams(query).getAll('token');
  return tokens.length === 1 ? tokens[0]! : null;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function parseJson(text: string): unknown {
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
