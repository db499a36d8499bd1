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
 * ZLMediaKit (github.com/ZLMediaKit/ZLMediaKit) as a media gateway, through its HTTP API (server/WebApi.cpp).
 *
 * An RTSP camera becomes a pull proxy (`addStreamProxy`) named `<app>/<stream>`. Players read it as
 * `/<app>/<stream>.live.flv`, `/<app>/<stream>/hls.m3u8` or through WHEP at `/index/api/whep`, every URL
 * carrying `?token=`. Before letting a player in, ZLMediaKit asks the hub through its `on_play` hook
 * (`zlmOnPlay`); when nobody reads a stream any more it asks whether to drop it through
 * `on_stream_none_reader` (`zlmOnStreamNoneReader`). The gateway's `[hook]` section must have `enable=1` and
 * point both hooks at the hub.
 *
 * ZLMediaKit alone cannot pull a GB/T 28181 camera: the camera has to be invited over SIP first. Such a camera
 * is pulled through the WVP-GB28181 platform (github.com/648540858/wvp-GB28181-pro) standing in front of this
 * ZLMediaKit: WVP invites the device (`/api/play/start/{deviceId}/{channelId}`), the device sends its RTP to
 * ZLMediaKit, and players read WVP's stream (app `rtp`, stream `<deviceId>_<channelId>`) from ZLMediaKit like
 * any other, with a token signed for that stream. WVP must use this ZLMediaKit as its only media node. Left to
 * itself WVP points every ZLMediaKit hook at its own server, whose `on_play` lets anyone read the `rtp` app;
 * for the play token to count, set WVP's `media.auto-config` to false and point ZLMediaKit's `on_play` at the
 * hub and its other hooks at WVP.
 */

export interface WvpConfig {
  /** WVP's base URL, e.g. http://10.0.0.6:18080. */
  apiUrl: string;
  /** A WVP API key (or login token), sent in WVP's `access-token` header. */
  accessToken: string;
}

export interface ZlmGatewayConfig {
  id: string;
  /** Where the hub reaches the HTTP API, e.g. http://10.0.0.5:80. */
  apiUrl: string;
  /** The API secret (`[api] secret` in ZLMediaKit's config.ini). */
  secret: string;
  /** Where players reach the gateway's HTTP server, e.g. http://gw.example:80. */
  playBaseUrl: string;
  /** The ZLMediaKit app the hub's streams live in. */
  app?: string;
  vhost?: string;
  /** The WVP-GB28181 platform that invites this gateway's GB/T 28181 cameras; without it they are refused. */
  wvp?: WvpConfig;
  signer: PlayTokenSigner;
  fetch?: typeof fetch;
  /** How long one call may take. Opening waits for the camera, so keep it above CAMERA_ANSWER_SECONDS. */
  timeoutMs?: number;
}

const DEFAULT_APP = 'pingan';
const DEFAULT_VHOST = '__defaultVhost__';
const DEFAULT_TIMEOUT_MS = 15_000;
/** How long ZLMediaKit waits for an RTSP camera to answer before the open fails. */
const CAMERA_ANSWER_SECONDS = 10;
/** A camera that drops is pulled again this many times, then the proxy goes, so a dead camera holds no puller. */
const PULL_RETRIES = 3;
/** ZLMediaKit's refusal when a proxy of that name already pulls (`addStreamProxy` in server/WebApi.cpp). */
const ALREADY_PULLING = 'This stream already exists';

/** Every API answer: `code` 0 is success (`API::Success` in server/WebApi.h), anything else says why not. */
const zlmEnvelopeSchema = z.object({ code: z.number().int(), msg: z.string().optional() });
const addProxyAnswerSchema = z.object({ code: z.literal(0), data: z.object({ key: z.string() }) });
const deleteProxyAnswerSchema = z.object({ code: z.literal(0), data: z.object({ flag: z.boolean() }) });
/** `getMediaList` leaves `data` out when no stream matches. */
const mediaListAnswerSchema = z.object({
  code: z.literal(0),
  data: z
    .array(
      z.object({
        app: z.string(),
        stream: z.string(),
        totalReaderCount: z.number().int().nonnegative(),
      }),
    )
    .optional(),
});
/** WVP's `WVPResult`: `code` 0 is success; `msg` may be null, as Java leaves it. */
const wvpEnvelopeSchema = z.object({ code: z.number().int(), msg: z.string().nullish() });
/** WVP's `StreamContent`: where ZLMediaKit serves the invited camera. */
const wvpPlayAnswerSchema = z.object({
  code: z.literal(0),
  data: z.object({ app: z.string().min(1), stream: z.string().min(1) }),
});

/** Where a stream lives in ZLMediaKit. */
interface ZlmLocation {
  app: string;
  stream: string;
}

/** A GB/T 28181 camera WVP invited for a hub stream. */
interface WvpPlay extends ZlmLocation {
  deviceId: string;
  channelId: string;
}

interface HttpAnswer {
  status: number;
  /** The parsed body; undefined when the body is not JSON. */
  json: unknown;
}

type ZlmEnvelope = z.infer<typeof zlmEnvelopeSchema> & { json: unknown };

export class ZlmGateway implements MediaGateway {
  readonly id: string;
  readonly protocols: readonly PlayProtocol[] = ['flv', 'hls', 'webrtc'];
  private readonly app: string;
  private readonly vhost: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;
  /** The GB/T 28181 streams open through WVP, by hub stream: WVP names them, so the hub's name maps here. */
  private readonly wvpPlays = new Map<string, WvpPlay>();

  constructor(private readonly config: ZlmGatewayConfig) {
    this.id = config.id;
    this.app = config.app ?? DEFAULT_APP;
    this.vhost = config.vhost ?? DEFAULT_VHOST;
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetch = config.fetch ?? fetch;
  }

  async open(request: StreamRequest): Promise<PlayUrls> {
    const { source } = request;
    const location =
      source.kind === 'rtsp'
        ? await this.pull(request.stream, source.url)
        : await this.invite(request.stream, source.deviceId, source.channelId);
    return this.playUrls(location, request.expiresAt);
  }

  async renew(stream: string, expiresAt: number): Promise<PlayUrls> {
    return this.playUrls(this.locate(stream), expiresAt);
  }

  async close(stream: string): Promise<void> {
    const play = this.wvpPlays.get(stream);
    if (play) {
      await this.wvp(`/api/play/stop/${wvpPath(play)}`, wvpEnvelopeSchema);
      this.wvpPlays.delete(stream);
      return;
    }
    // delStreamProxy rather than close_streams: close_streams only reaches a stream already registered, and
    // would miss a proxy still retrying its camera. A proxy that is gone answers `flag: false`, which is fine.
    const answer = await this.zlm('/index/api/delStreamProxy', { key: this.proxyKey(stream) });
    this.successOf(answer, deleteProxyAnswerSchema);
  }

  async list(): Promise<LiveStream[]> {
    const answer = this.successOf(
      await this.zlm('/index/api/getMediaList', { vhost: this.vhost }),
      mediaListAnswerSchema,
    );
    const hubStreamOf = this.hubStreamLookup();
    // One entry per schema (rtsp, rtmp, hls…) of the same stream, each counting the readers of all of them.
    const readers = new Map<string, number>();
    for (const media of answer.data ?? []) {
      const stream = hubStreamOf(media);
      if (stream !== undefined) {
        readers.set(stream, Math.max(readers.get(stream) ?? 0, media.totalReaderCount));
      }
    }
    return [...readers].map(([stream, count]) => ({ stream, readers: count }));
  }

  /** Makes ZLMediaKit pull the camera into `<app>/<stream>`; a proxy already pulling it is kept. */
  private async pull(stream: string, url: string): Promise<ZlmLocation> {
    const answer = await this.zlm('/index/api/addStreamProxy', {
      vhost: this.vhost,
      app: this.app,
      stream,
      url,
      // Interleaved RTP over the RTSP connection: cameras behind NAT and firewalls lose UDP.
      rtp_type: '0',
      timeout_sec: String(CAMERA_ANSWER_SECONDS),
      retry_count: String(PULL_RETRIES),
      // What the players read: FLV comes from the RTMP muxer, WebRTC from the RTSP one.
      enable_rtmp: '1',
      enable_rtsp: '1',
      enable_hls: '1',
      // Nothing is recorded or served in forms the screens do not play.
      enable_mp4: '0',
      enable_hls_fmp4: '0',
      enable_ts: '0',
      enable_fmp4: '0',
    });
    const alreadyPulling = answer.code !== 0 && answer.msg?.includes(ALREADY_PULLING);
    if (!alreadyPulling) this.successOf(answer, addProxyAnswerSchema);
    return { app: this.app, stream };
  }

  /** Has WVP invite the GB/T 28181 camera; WVP answers with the stream it already has, if any. */
  private async invite(stream: string, deviceId: string, channelId: string): Promise<ZlmLocation> {
    const answer = await this.wvp(`/api/play/start/${wvpPath({ deviceId, channelId })}`, wvpPlayAnswerSchema);
    const play = { deviceId, channelId, app: answer.data.app, stream: answer.data.stream };
    this.wvpPlays.set(stream, play);
    return play;
  }

  private locate(stream: string): ZlmLocation {
    return this.wvpPlays.get(stream) ?? { app: this.app, stream };
  }

  /** The hub stream a listed ZLMediaKit stream is, if it is one of the hub's. */
  private hubStreamLookup(): (media: ZlmLocation) => string | undefined {
    const invited = new Map(
      [...this.wvpPlays].map(([stream, play]) => [`${play.app}/${play.stream}`, stream]),
    );
    return (media) => (media.app === this.app ? media.stream : invited.get(`${media.app}/${media.stream}`));
  }

  /** ZLMediaKit keys a proxy by `<vhost>/<app>/<stream>` (MediaTuple::shortUrl), so the key outlives a restart. */
  private proxyKey(stream: string): string {
    return `${this.vhost}/${this.app}/${stream}`;
  }

  private playUrls({ app, stream }: ZlmLocation, expiresAt: number): PlayUrls {
    const token = this.config.signer.sign(stream, expiresAt);
    const base = withoutTrailingSlash(this.config.playBaseUrl);
    const path = `${base}/${encodeURIComponent(app)}/${encodeURIComponent(stream)}`;
    const query = new URLSearchParams({ token });
    return {
      flv: `${path}.live.flv?${query}`,
      hls: `${path}/hls.m3u8?${query}`,
      webrtc: `${base}/index/api/whep?${new URLSearchParams({ app, stream, token })}`,
    };
  }

  /**
   * Calls the API the way every `/index/api/…` accepts: a form-encoded POST, the secret among the arguments
   * (so it stays out of the URL and the gateway's access log).
   */
  private async zlm(path: string, args: Record<string, string>): Promise<ZlmEnvelope> {
    const { status, json } = await this.exchange(`${withoutTrailingSlash(this.config.apiUrl)}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ secret: this.config.secret, ...args }).toString(),
    });
    // The API answers every call with 200 and puts the outcome in `code`; another status is not the API.
    if (status !== 200) {
      throw new GatewayError(this.id, 'refused', `ZLMediaKit answered ${path} with HTTP ${status}`);
    }
    const envelope = zlmEnvelopeSchema.safeParse(json);
    if (!envelope.success) throw this.badAnswer(`ZLMediaKit's answer to ${path}`);
    return { ...envelope.data, json };
  }

  /** A successful answer in the shape `schema` expects; a non-zero code is the gateway's refusal. */
  private successOf<T>(answer: ZlmEnvelope, schema: z.ZodType<T>): T {
    if (answer.code !== 0) {
      throw new GatewayError(this.id, 'refused', `ZLMediaKit refused (${answer.code}): ${answer.msg ?? ''}`);
    }
    const parsed = schema.safeParse(answer.json);
    if (!parsed.success) throw this.badAnswer("ZLMediaKit's answer");
    return parsed.data;
  }

  /** Calls WVP's API with the key in the `access-token` header WVP reads (JwtUtils.HEADER). */
  private async wvp<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const { wvp } = this.config;
    if (!wvp) {
      throw new GatewayError(
        this.id,
        'refused',
        'ZLMediaKit cannot invite a GB/T 28181 camera by itself: this gateway has no WVP-GB28181 platform configured',
      );
    }
    const { status, json } = await this.exchange(`${withoutTrailingSlash(wvp.apiUrl)}${path}`, {
      headers: { 'access-token': wvp.accessToken },
    });
    const envelope = wvpEnvelopeSchema.safeParse(json);
    if (status < 200 || status > 299 || (envelope.success && envelope.data.code !== 0)) {
      const reason = envelope.success
        ? `(${envelope.data.code}) ${envelope.data.msg ?? ''}`
        : `HTTP ${status}`;
      throw new GatewayError(this.id, 'refused', `WVP-GB28181 refused: ${reason}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw this.badAnswer("WVP-GB28181's answer");
    return parsed.data;
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

  private badAnswer(what: string): GatewayError {
    return new GatewayError(this.id, 'bad-answer', `${what} is not in the documented shape`);
  }
}

export interface ZlmPlayAnswer {
  code: number;
  msg: string;
}

export interface ZlmNoneReaderAnswer {
  code: number;
  msg?: string;
  close: boolean;
}

const MALFORMED_HOOK = 400;
const UNAUTHORISED = 401;
/** Far above any app or stream name the hub or WVP gives, far below anything that costs to check. */
const MAX_NAME_LENGTH = 128;
const MAX_QUERY_LENGTH = 4096;

const nameSchema = z.string().min(1).max(MAX_NAME_LENGTH);
/** The hook bodies as ZLMediaKit sends them (`make_json` and the hook listeners in server/WebHook.cpp). */
const onPlayBodySchema = z.object({
  app: nameSchema,
  stream: nameSchema,
  params: z.string().max(MAX_QUERY_LENGTH),
});
const noneReaderBodySchema = z.object({ app: nameSchema, stream: nameSchema });

/**
 * Answers ZLMediaKit's `on_play` hook: a player may read a stream only with an unexpired token signed for it.
 * The token is in `params`, the query string of the play URL (for WebRTC, alongside `app`, `stream` and the
 * session). `code` 0 lets the player in; any other code turns it away (server/WebHook.cpp).
 */
export function zlmOnPlay(body: unknown, signer: PlayTokenSigner, nowMs: number): ZlmPlayAnswer {
  const hook = onPlayBodySchema.safeParse(body);
  if (!hook.success) return { code: MALFORMED_HOOK, msg: 'not an on_play hook body' };
  const token = tokenOfQuery(hook.data.params);
  if (token === null || !signer.verify(hook.data.stream, token, nowMs)) {
    return { code: UNAUTHORISED, msg: 'no valid play token for this stream' };
  }
  return { code: 0, msg: 'success' };
}

/**
 * Answers ZLMediaKit's `on_stream_none_reader` hook: a stream nobody reads is dropped once the hub no longer
 * has a session for it, and kept while it still has one (a screen reconnecting, a keep-alive on its way).
 * ZLMediaKit closes the stream only on `code` 0 with `close: true` (server/WebHook.cpp).
 */
export function zlmOnStreamNoneReader(
  body: unknown,
  isWatched: (stream: string) => boolean,
): ZlmNoneReaderAnswer {
  const hook = noneReaderBodySchema.safeParse(body);
  if (!hook.success)
    return { code: MALFORMED_HOOK, msg: 'not an on_stream_none_reader hook body', close: false };
  return { code: 0, close: !isWatched(hook.data.stream) };
}

/** The one `token` of a query string; none, or several, is no token. */
function tokenOfQuery(query: string): string | null {
  const tokens = new URLSearchParams(query).getAll('token');
  return tokens.length === 1 ? tokens[0]! : null;
}

function wvpPath({ deviceId, channelId }: { deviceId: string; channelId: string }): string {
  return `${encodeURIComponent(deviceId)}/${encodeURIComponent(channelId)}`;
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
