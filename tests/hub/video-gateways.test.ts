import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError, type StreamRequest } from '../../src/hub/video/gateways/gateway';
import { MediaMtxGateway, mediamtxAuthorize } from '../../src/hub/video/gateways/mediamtx';
import {
  ZlmGateway,
  zlmOnPlay,
  zlmOnStreamNoneReader,
  type ZlmGatewayConfig,
} from '../../src/hub/video/gateways/zlmediakit';
import { PlayTokenSigner } from '../../src/hub/video/play-token';

const signer = new PlayTokenSigner(new Uint8Array(32).fill(7));
const NOW = Date.UTC(2026, 0, 15, 8, 0, 0);
const IN_AN_HOUR = NOW + 3_600_000;
const STREAM = 'cam0001-abcdefgh';
const OTHER_STREAM = 'cam0002-ijklmnop';
const CAMERA_URL = 'rtsp://admin:secret@10.1.2.3:554/Streaming/Channels/101';
const DEAD_CAMERA_URL = 'rtsp://10.9.9.9:554/unplugged';
const GB_DEVICE = '53290100001320000001';
const GB_CHANNEL = '53290100001310000001';

function rtspRequest(stream = STREAM, url = CAMERA_URL): StreamRequest {
  return { stream, source: { kind: 'rtsp', url }, title: 'North gate', expiresAt: IN_AN_HOUR };
}

function gbRequest(stream = STREAM, deviceId = GB_DEVICE): StreamRequest {
  return {
    stream,
    source: { kind: 'gb28181', deviceId, channelId: GB_CHANNEL },
    title: 'Market square',
    expiresAt: IN_AN_HOUR,
  };
}

/** The token a play URL carries. */
function tokenOf(url: string | undefined): string {
  return new URL(url!).searchParams.get('token')!;
}

async function gatewayError(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}

// ── Local HTTP servers ──────────────────────────────────────────────────────────────────────────────────────

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

interface Running {
  url: string;
  stop(): Promise<void>;
}

const running: Running[] = [];

async function serve(handler: Handler): Promise<Running> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, Buffer.concat(chunks).toString('utf8'), response));
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const handle: Running = {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  running.push(handle);
  return handle;
}

/** An address where nothing listens: a server is started and stopped to free a port. */
async function closedPort(): Promise<string> {
  const server = await serve(() => undefined);
  await server.stop();
  return server.url;
}

/** Takes requests and never answers them: a gateway hung or behind a black-holing firewall. */
function silentServer(): Promise<Running> {
  return serve(() => undefined);
}

function answerJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

afterAll(async () => {
  await Promise.all(running.map((server) => server.stop()));
});

// ── ZLMediaKit ──────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A ZLMediaKit HTTP API with the shapes of ZLMediaKit/ZLMediaKit: `server/WebApi.cpp` (the handlers of
 * addStreamProxy, delStreamProxy and getMediaList, `check_secret`, `getAllArgs`, `makeMediaSourceJson`),
 * `server/WebApi.h` (the `API::` codes, `CHECK_ARGS`) and `postman/ZLMediaKit.postman_collection.json`
 * (the parameters). Every call answers HTTP 200 with the outcome in `code`.
 */
class FakeZlm {
  static readonly SECRET = '035c73f7-bb6b-4889-a715-d9eb2d1925cc';
  /** Pull proxies by key `<vhost>/<app>/<stream>` (MediaTuple::shortUrl). */
  readonly proxies = new Map<string, string>();
  /** Registered streams by `<vhost>/<app>/<stream>`, with their reader count. */
  readonly media = new Map<string, { vhost: string; app: string; stream: string; readers: number }>();
  readonly calls: { path: string; args: Record<string, string> }[] = [];
  server!: Running;

  async start(): Promise<this> {
    this.server = await serve((request, body, response) => this.handle(request, body, response));
    return this;
  }

  register(vhost: string, app: string, stream: string, readers = 0): void {
    this.media.set(`${vhost}/${app}/${stream}`, { vhost, app, stream, readers });
  }

  unregister(key: string): void {
    this.media.delete(key);
  }

  private handle(request: IncomingMessage, body: string, response: ServerResponse): void {
    const url = new URL(request.url!, 'http://zlm');
    // getAllArgs: a form-encoded body, then the URL's arguments.
    const args = Object.fromEntries([
      ...(request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
        ? new URLSearchParams(body)
        : []),
      ...url.searchParams,
    ]);
    this.calls.push({ path: url.pathname, args });
    const api = this.apis[url.pathname];
    if (!api) {
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<html><body><h1>404 Not Found</h1></body></html>');
      return;
    }
    // check_secret: a caller without the login cookie or the secret is told to log in.
    if (args.secret !== FakeZlm.SECRET) {
      answerJson(response, 200, { code: -100, msg: 'Please login first', cookie: 'ZLM_UNLOGIN=5a1f' });
      return;
    }
    answerJson(response, 200, api(args));
  }

  private readonly apis: Record<string, (args: Record<string, string>) => unknown> = {
    '/index/api/addStreamProxy': (args) => {
      const missing = ['vhost', 'app', 'stream', 'url'].some((name) => !args[name]);
      if (missing) return { code: -300, msg: 'Required parameter missed: "vhost","app","stream","url"' };
      const key = `${args.vhost}/${args.app}/${args.stream}`;
      if (this.proxies.has(key)) return { code: -1, msg: 'This stream already exists' };
      if (args.url === DEAD_CAMERA_URL) return { code: -1, msg: 'connect timeout' };
      this.proxies.set(key, args.url!);
      this.register(args.vhost!, args.app!, args.stream!);
      return { code: 0, data: { key } };
    },
    '/index/api/delStreamProxy': (args) => {
      if (!args.key) return { code: -300, msg: 'Required parameter missed: "key"' };
      const flag = this.proxies.delete(args.key);
      this.unregister(args.key);
      return { code: 0, data: { flag } };
    },
    '/index/api/getMediaList': (args) => {
      const matches = (field: string, value: string) => !args[field] || args[field] === value;
      const data = [...this.media.values()]
        .filter((m) => matches('vhost', m.vhost) && matches('app', m.app) && matches('stream', m.stream))
        .flatMap((m) =>
          // One entry per schema the stream is muxed into, each with the reader count of them all.
          ['rtsp', 'rtmp', 'hls'].map((schema) => ({
            schema,
            vhost: m.vhost,
            app: m.app,
            stream: m.stream,
            params: '',
            createStamp: 1768464000,
            aliveSecond: 12,
            bytesSpeed: 262144,
            totalBytes: 3145728,
            readerCount: schema === 'rtmp' ? m.readers : 0,
            totalReaderCount: m.readers,
            originType: 4,
            originTypeStr: 'pull',
            originUrl: this.proxies.get(`${m.vhost}/${m.app}/${m.stream}`) ?? '',
            isRecordingMP4: false,
            isRecordingHLS: false,
            originSock: null,
            tracks: [],
          })),
        );
      // `val["data"]` is only ever appended to: with no stream the answer has no `data` at all.
      return data.length > 0 ? { code: 0, data } : { code: 0 };
    },
  };
}

/**
 * The play API of WVP-GB28181, in the shapes of 648540858/wvp-GB28181-pro:
 * `src/main/java/com/genersoft/iot/vmp/gb28181/controller/PlayController.java` (the routes),
 * `vmanager/bean/WVPResult.java` and `vmanager/bean/StreamContent.java` (the answer),
 * `conf/GlobalExceptionHandler.java` (an unknown device is a code-100 answer over HTTP 200) and
 * `conf/security/AnonymousAuthenticationEntryPoint.java` (no valid `access-token`: HTTP 401, code 401).
 * A played camera shows up in ZLMediaKit as app `rtp`, stream `<deviceId>_<channelId>`.
 */
class FakeWvp {
  static readonly ACCESS_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.wvp-api-key';
  readonly devices = new Set([GB_DEVICE]);
  readonly stops: string[] = [];
  server!: Running;

  constructor(private readonly zlm: FakeZlm) {}

  async start(): Promise<this> {
    this.server = await serve((request, _body, response) => this.handle(request, response));
    return this;
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    if (request.headers['access-token'] !== FakeWvp.ACCESS_TOKEN) {
      answerJson(response, 401, { code: 401, msg: '请登录后重新请求' });
      return;
    }
    const route = /^\/api\/play\/(start|stop)\/(\d{20})\/(\d{20})$/.exec(
      new URL(request.url!, 'http://wvp').pathname,
    );
    if (!route || request.method !== 'GET') {
      answerJson(response, 404, { code: 404, msg: '资源未找到', data: null });
      return;
    }
    const [, action, deviceId, channelId] = route as unknown as [string, string, string, string];
    const stream = `${deviceId}_${channelId}`;
    if (action === 'stop') {
      this.stops.push(stream);
      this.zlm.unregister(`__defaultVhost__/rtp/${stream}`);
      answerJson(response, 200, { code: 0, msg: '成功', data: { deviceId, channelId } });
      return;
    }
    if (!this.devices.has(deviceId)) {
      answerJson(response, 200, { code: 100, msg: '设备不存在', data: null });
      return;
    }
    this.zlm.register('__defaultVhost__', 'rtp', stream);
    answerJson(response, 200, {
      code: 0,
      msg: '成功',
      data: {
        app: 'rtp',
        stream,
        ip: '10.0.0.5',
        flv: `http://10.0.0.5:80/rtp/${stream}.live.flv`,
        hls: `http://10.0.0.5:80/rtp/${stream}/hls.m3u8`,
        rtc: `http://10.0.0.5:80/index/api/webrtc?app=rtp&stream=${stream}&type=play`,
        mediaServerId: 'zlm-1',
        progress: 0,
      },
    });
  }
}

describe('the ZLMediaKit gateway', () => {
  let zlm: FakeZlm;
  let wvp: FakeWvp;

  function gateway(overrides: Partial<ZlmGatewayConfig> = {}): ZlmGateway {
    return new ZlmGateway({
      id: 'zlm-1',
      apiUrl: zlm.server.url,
      secret: FakeZlm.SECRET,
      playBaseUrl: 'http://gw.example:80/',
      signer,
      timeoutMs: 2_000,
      ...overrides,
    });
  }

  beforeAll(async () => {
    zlm = await new FakeZlm().start();
    wvp = await new FakeWvp(zlm).start();
  });

  afterEach(() => {
    zlm.proxies.clear();
    zlm.media.clear();
    zlm.calls.length = 0;
  });

  it('pulls an RTSP camera through a proxy and signs FLV, HLS and WHEP URLs for it', async () => {
    const urls = await gateway().open(rtspRequest());

    expect(zlm.calls).toHaveLength(1);
    const { path, args } = zlm.calls[0]!;
    expect(path).toBe('/index/api/addStreamProxy');
    expect(args).toMatchObject({
      secret: FakeZlm.SECRET,
      vhost: '__defaultVhost__',
      app: 'pingan',
      stream: STREAM,
      url: CAMERA_URL,
      enable_rtmp: '1',
      enable_hls: '1',
      enable_mp4: '0',
    });
    const documented = [
      ...['secret', 'vhost', 'app', 'stream', 'url', 'rtp_type', 'timeout_sec', 'retry_count'],
      ...[
        'enable_hls',
        'enable_hls_fmp4',
        'enable_mp4',
        'enable_rtsp',
        'enable_rtmp',
        'enable_ts',
        'enable_fmp4',
      ],
    ];
    expect(Object.keys(args).filter((name) => !documented.includes(name))).toEqual([]);

    expect(urls.flv).toMatch(new RegExp(`^http://gw\\.example:80/pingan/${STREAM}\\.live\\.flv\\?token=`));
    expect(urls.hls).toMatch(new RegExp(`^http://gw\\.example:80/pingan/${STREAM}/hls\\.m3u8\\?token=`));
    const whep = new URL(urls.webrtc!);
    expect(whep.pathname).toBe('/index/api/whep');
    expect(whep.searchParams.get('app')).toBe('pingan');
    expect(whep.searchParams.get('stream')).toBe(STREAM);
    for (const url of Object.values(urls)) expect(signer.verify(STREAM, tokenOf(url), NOW)).toBe(true);
    expect(signer.verify(STREAM, tokenOf(urls.flv), IN_AN_HOUR)).toBe(false);
  });

  it('opens a stream twice as one proxy, lists it once with its readers, and drops it on close', async () => {
    const zlmGateway = gateway();
    await zlmGateway.open(rtspRequest());
    await zlmGateway.open(rtspRequest());
    expect(zlm.proxies.size).toBe(1);

    zlm.media.get(`__defaultVhost__/pingan/${STREAM}`)!.readers = 3;
    expect(await zlmGateway.list()).toEqual([{ stream: STREAM, readers: 3 }]);

    await zlmGateway.close(STREAM);
    expect(zlm.proxies.size).toBe(0);
    expect(await zlmGateway.list()).toEqual([]);
  });

  it('lists only the streams of its own app', async () => {
    zlm.register('__defaultVhost__', 'live', 'someone-elses-stream', 5);
    await gateway().open(rtspRequest());
    expect(await gateway().list()).toEqual([{ stream: STREAM, readers: 0 }]);
  });

  it('closes a stream that is already gone without complaint', async () => {
    await expect(gateway().close(OTHER_STREAM)).resolves.toBeUndefined();
    expect(zlm.calls.map((call) => call.path)).toEqual(['/index/api/delStreamProxy']);
  });

  it('renews by signing new URLs, without a call to the gateway', async () => {
    const urls = await gateway().renew(STREAM, IN_AN_HOUR + 60_000);
    expect(zlm.calls).toEqual([]);
    expect(signer.verify(STREAM, tokenOf(urls.hls), IN_AN_HOUR)).toBe(true);
  });

  it("passes on the gateway's refusals", async () => {
    const wrongSecret = await gatewayError(gateway({ secret: 'guessed' }).open(rtspRequest()));
    expect(wrongSecret.reason).toBe('refused');
    expect(wrongSecret.message).toContain('Please login first');

    const deadCamera = await gatewayError(gateway().open(rtspRequest(STREAM, DEAD_CAMERA_URL)));
    expect(deadCamera).toMatchObject({ gatewayId: 'zlm-1', reason: 'refused' });
    expect(deadCamera.message).toContain('connect timeout');

    const noVhost = await gatewayError(gateway({ vhost: '' }).open(rtspRequest()));
    expect(noVhost.reason).toBe('refused');
    expect(noVhost.message).toContain('(-300)');
  });

  it('reports a gateway that is down or does not answer in time as unreachable', async () => {
    const down = await gatewayError(gateway({ apiUrl: await closedPort() }).list());
    expect(down.reason).toBe('unreachable');
    expect(down.message).toContain('ECONNREFUSED');

    const silent = await silentServer();
    const slow = await gatewayError(gateway({ apiUrl: silent.url, timeoutMs: 50 }).open(rtspRequest()));
    expect(slow.reason).toBe('unreachable');
    expect(slow.message).toContain('timed out');
    // The camera's address carries its credentials: it stays out of what the hub logs and answers.
    expect(slow.message).not.toContain('admin:secret');
  });

  it('reports an answer out of the documented shape as a bad answer', async () => {
    const notJson = await serve((_request, _body, response) => response.end('<html>gateway</html>'));
    expect((await gatewayError(gateway({ apiUrl: notJson.url }).list())).reason).toBe('bad-answer');

    const wrongShape = await serve((_request, _body, response) =>
      answerJson(response, 200, {
        code: 0,
        data: [{ app: 'pingan', stream: STREAM, totalReaderCount: 'two' }],
      }),
    );
    expect((await gatewayError(gateway({ apiUrl: wrongShape.url }).list())).reason).toBe('bad-answer');

    const notTheApi = await gatewayError(gateway({ apiUrl: `${zlm.server.url}/elsewhere` }).list());
    expect(notTheApi).toMatchObject({ reason: 'refused' });
    expect(notTheApi.message).toContain('HTTP 404');
  });

  it('refuses a GB/T 28181 camera when no WVP platform invites it', async () => {
    const error = await gatewayError(gateway().open(gbRequest()));
    expect(error.reason).toBe('refused');
    expect(error.message).toContain('WVP-GB28181');
    expect(zlm.calls).toEqual([]);
  });

  describe('with a WVP-GB28181 platform', () => {
    const withWvp = () => gateway({ wvp: { apiUrl: wvp.server.url, accessToken: FakeWvp.ACCESS_TOKEN } });

    it("has WVP invite the camera and signs URLs for WVP's stream", async () => {
      const urls = await withWvp().open(gbRequest());
      const wvpStream = `${GB_DEVICE}_${GB_CHANNEL}`;
      expect(urls.flv).toMatch(new RegExp(`^http://gw\\.example:80/rtp/${wvpStream}\\.live\\.flv\\?token=`));
      expect(signer.verify(wvpStream, tokenOf(urls.hls), NOW)).toBe(true);
      expect(new URL(urls.webrtc!).searchParams.get('stream')).toBe(wvpStream);
    });

    it("lists WVP's stream under the hub's name, and has WVP stop it on close", async () => {
      const zlmGateway = withWvp();
      await zlmGateway.open(gbRequest());
      await zlmGateway.open(gbRequest());
      expect(await zlmGateway.list()).toEqual([{ stream: STREAM, readers: 0 }]);

      const renewed = await zlmGateway.renew(STREAM, IN_AN_HOUR);
      expect(new URL(renewed.hls!).pathname).toBe(`/rtp/${GB_DEVICE}_${GB_CHANNEL}/hls.m3u8`);

      await zlmGateway.close(STREAM);
      expect(wvp.stops).toContain(`${GB_DEVICE}_${GB_CHANNEL}`);
      expect(await zlmGateway.list()).toEqual([]);
    });

    it("passes on WVP's refusals", async () => {
      const unknownDevice = await gatewayError(withWvp().open(gbRequest(STREAM, '53290100001320000099')));
      expect(unknownDevice.reason).toBe('refused');
      expect(unknownDevice.message).toContain('设备不存在');

      const wrongKey = gateway({ wvp: { apiUrl: wvp.server.url, accessToken: 'expired' } });
      const unauthorised = await gatewayError(wrongKey.open(gbRequest()));
      expect(unauthorised.reason).toBe('refused');
      expect(unauthorised.message).toContain('401');
    });
  });
});

// ── MediaMTX ────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A MediaMTX control API with the shapes of bluenviron/mediamtx: `api/openapi.yaml` (routes, `PathConf`,
 * `PathList`, `OK`, `Error`), `internal/api/api_config_paths.go` and `internal/api/api.go` (statuses and
 * `{ status, error }` bodies), `internal/api/paginate.go` (pages from 0, 100 items by default),
 * `internal/conf/conf.go` ("path already exists", "path not found") and `internal/core/path_manager.go` (a
 * configured path is listed at once, before anyone reads it).
 */
class FakeMediaMtx {
  static readonly AUTHORIZATION = `Basic ${Buffer.from('hub:mtx-pass').toString('base64')}`;
  /** Configured paths, with their readers. */
  readonly paths = new Map<string, { conf: Record<string, unknown>; readers: number }>();
  readonly pageRequests: string[] = [];
  server!: Running;

  async start(): Promise<this> {
    this.server = await serve((request, body, response) => this.handle(request, body, response));
    return this;
  }

  private handle(request: IncomingMessage, body: string, response: ServerResponse): void {
    if (request.headers.authorization !== FakeMediaMtx.AUTHORIZATION) {
      answerJson(response, 401, { status: 'error', error: 'authentication error' });
      return;
    }
    const url = new URL(request.url!, 'http://mediamtx');
    const config = /^\/v3\/config\/paths\/(add|patch|delete)\/(.+)$/.exec(url.pathname);
    if (config) {
      const [, action, name] = config as unknown as [string, 'add' | 'patch' | 'delete', string];
      const outcome = this.configure(action, request.method!, decodeURIComponent(name), body);
      answerJson(response, outcome.status, outcome.body);
      return;
    }
    if (url.pathname === '/v3/paths/list' && request.method === 'GET') {
      this.pageRequests.push(url.search);
      answerJson(response, 200, this.page(url.searchParams));
      return;
    }
    answerJson(response, 404, { status: 'error', error: 'not found' });
  }

  private configure(action: 'add' | 'patch' | 'delete', method: string, name: string, body: string) {
    const expected = { add: 'POST', patch: 'PATCH', delete: 'DELETE' }[action];
    if (method !== expected) return { status: 404, body: { status: 'error', error: 'not found' } };
    if (action === 'delete') {
      return this.paths.delete(name)
        ? { status: 200, body: { status: 'ok' } }
        : { status: 404, body: { status: 'error', error: 'path not found' } };
    }
    const conf = JSON.parse(body) as Record<string, unknown>;
    // jsonwrapper.Decode refuses a field PathConf does not have.
    const unknownField = Object.keys(conf).find((field) => !['source', 'sourceOnDemand'].includes(field));
    if (unknownField)
      return { status: 400, body: { status: 'error', error: `json: unknown field "${unknownField}"` } };
    if (typeof conf.source !== 'string' || !/^rtsps?:\/\//.test(conf.source)) {
      return { status: 400, body: { status: 'error', error: "invalid 'source'" } };
    }
    const existing = this.paths.get(name);
    if (action === 'add' && existing)
      return { status: 400, body: { status: 'error', error: 'path already exists' } };
    if (action === 'patch' && !existing)
      return { status: 404, body: { status: 'error', error: 'path not found' } };
    this.paths.set(name, { conf: { ...existing?.conf, ...conf }, readers: existing?.readers ?? 0 });
    return { status: 200, body: { status: 'ok' } };
  }

  private page(query: URLSearchParams) {
    const itemsPerPage = Number(query.get('itemsPerPage') ?? 100);
    const page = Number(query.get('page') ?? 0);
    const all = [...this.paths.keys()].sort().map((name) => ({
      name,
      confName: name,
      source: null,
      available: false,
      availableTime: null,
      online: false,
      onlineTime: null,
      tracks2: [],
      inboundBytes: 0,
      outboundBytes: 0,
      readers: Array.from({ length: this.paths.get(name)!.readers }, (_, i) => ({
        type: 'hlsMuxer',
        id: `r${i}`,
      })),
    }));
    return {
      itemCount: all.length,
      pageCount: Math.ceil(all.length / itemsPerPage),
      items: all.slice(page * itemsPerPage, (page + 1) * itemsPerPage),
    };
  }
}

describe('the MediaMTX gateway', () => {
  let mediamtx: FakeMediaMtx;

  function gateway(
    overrides: Partial<ConstructorParameters<typeof MediaMtxGateway>[0]> = {},
  ): MediaMtxGateway {
    return new MediaMtxGateway({
      id: 'mtx-1',
      apiUrl: mediamtx.server.url,
      playBaseUrls: { hls: 'http://gw.example:8888', webrtc: 'http://gw.example:8889/' },
      apiUser: 'hub',
      apiPass: 'mtx-pass',
      signer,
      timeoutMs: 2_000,
      ...overrides,
    });
  }

  beforeAll(async () => {
    mediamtx = await new FakeMediaMtx().start();
  });

  afterEach(() => {
    mediamtx.paths.clear();
    mediamtx.pageRequests.length = 0;
  });

  it('adds an on-demand path for an RTSP camera and signs HLS and WHEP URLs for it', async () => {
    const mtxGateway = gateway();
    expect(mtxGateway.protocols).toEqual(['hls', 'webrtc']);

    const urls = await mtxGateway.open(rtspRequest());
    expect(mediamtx.paths.get(STREAM)?.conf).toEqual({ source: CAMERA_URL, sourceOnDemand: true });
    expect(urls.flv).toBeUndefined();
    expect(urls.hls).toMatch(new RegExp(`^http://gw\\.example:8888/${STREAM}/index\\.m3u8\\?token=`));
    expect(urls.webrtc).toMatch(new RegExp(`^http://gw\\.example:8889/${STREAM}/whep\\?token=`));
    for (const url of Object.values(urls)) expect(signer.verify(STREAM, tokenOf(url), NOW)).toBe(true);
  });

  it('offers only the formats it has a public address for', async () => {
    const hlsOnly = gateway({ playBaseUrls: { hls: 'http://gw.example:8888' } });
    expect(hlsOnly.protocols).toEqual(['hls']);
    expect(Object.keys(await hlsOnly.renew(STREAM, IN_AN_HOUR))).toEqual(['hls']);
  });

  it('opens a stream twice as one path, points it at the current camera address, and removes it on close', async () => {
    const mtxGateway = gateway();
    await mtxGateway.open(rtspRequest());
    const moved = 'rtsp://10.1.2.4:554/Streaming/Channels/101';
    await mtxGateway.open(rtspRequest(STREAM, moved));
    expect([...mediamtx.paths.keys()]).toEqual([STREAM]);
    expect(mediamtx.paths.get(STREAM)?.conf.source).toBe(moved);

    mediamtx.paths.get(STREAM)!.readers = 2;
    expect(await mtxGateway.list()).toEqual([{ stream: STREAM, readers: 2 }]);

    await mtxGateway.close(STREAM);
    expect(await mtxGateway.list()).toEqual([]);
  });

  it('closes a path that is already gone without complaint', async () => {
    await expect(gateway().close(OTHER_STREAM)).resolves.toBeUndefined();
  });

  it('follows the pages of the path list', async () => {
    for (let i = 0; i < 205; i++)
      mediamtx.paths.set(`stream-${String(i).padStart(4, '0')}`, { conf: {}, readers: i % 3 });
    const listed = await gateway().list();
    expect(listed).toHaveLength(205);
    expect(listed.find((stream) => stream.stream === 'stream-0205')).toBeUndefined();
    expect(listed.find((stream) => stream.stream === 'stream-0204')).toEqual({
      stream: 'stream-0204',
      readers: 0,
    });
    expect(mediamtx.pageRequests).toEqual(['?page=0', '?page=1', '?page=2']);
  });

  it('refuses a GB/T 28181 camera without asking the gateway', async () => {
    const error = await gatewayError(gateway().open(gbRequest()));
    expect(error).toMatchObject({ gatewayId: 'mtx-1', reason: 'refused' });
    expect(error.message).toBe('MediaMTX does not speak GB/T 28181; put this camera on a ZLMediaKit gateway');
    expect(mediamtx.paths.size).toBe(0);
  });

  it("passes on the gateway's refusals", async () => {
    const badSource = await gatewayError(gateway().open(rtspRequest(STREAM, 'http://10.1.2.3/not-rtsp')));
    expect(badSource.reason).toBe('refused');
    expect(badSource.message).toContain("invalid 'source'");

    const wrongPassword = await gatewayError(gateway({ apiPass: 'guessed' }).list());
    expect(wrongPassword.reason).toBe('refused');
    expect(wrongPassword.message).toContain('authentication error');
  });

  it('reports a gateway that is down or does not answer in time as unreachable', async () => {
    const down = await gatewayError(gateway({ apiUrl: await closedPort() }).close(STREAM));
    expect(down.reason).toBe('unreachable');

    const silent = await silentServer();
    const slow = await gatewayError(gateway({ apiUrl: silent.url, timeoutMs: 50 }).open(rtspRequest()));
    expect(slow.reason).toBe('unreachable');
  });

  it('reports an answer out of the documented shape as a bad answer', async () => {
    const notJson = await serve((_request, _body, response) => response.end('ok'));
    expect((await gatewayError(gateway({ apiUrl: notJson.url }).open(rtspRequest()))).reason).toBe(
      'bad-answer',
    );

    const wrongShape = await serve((_request, _body, response) =>
      answerJson(response, 200, { itemCount: 1, pageCount: 1, items: [{ name: STREAM, readers: 2 }] }),
    );
    expect((await gatewayError(gateway({ apiUrl: wrongShape.url }).list())).reason).toBe('bad-answer');
  });
});

// ── The hooks the gateways call ─────────────────────────────────────────────────────────────────────────────

const valid = signer.sign(STREAM, IN_AN_HOUR);
const tampered = `${valid.slice(0, -1)}${valid.endsWith('0') ? '1' : '0'}`;
const expired = signer.sign(STREAM, NOW - 1_000);
const forOtherStream = signer.sign(OTHER_STREAM, IN_AN_HOUR);
const huge = 'x'.repeat(1_000_000);

describe("ZLMediaKit's on_play hook", () => {
  /** An on_play body as `make_json` in server/WebHook.cpp builds it. */
  const onPlay = (params: string, stream = STREAM) => ({
    mediaServerId: 'zlm-1',
    hook_index: 17,
    schema: 'rtmp',
    protocol: 'rtmp',
    vhost: '__defaultVhost__',
    app: 'pingan',
    stream,
    params,
    ip: '10.20.0.8',
    port: 51234,
    id: '140183440',
  });

  it.each([
    ['a valid token', onPlay(`token=${valid}`), true],
    [
      'a valid token among the WebRTC arguments',
      onPlay(`app=pingan&stream=${STREAM}&token=${valid}&session=9`),
      true,
    ],
    ['a tampered token', onPlay(`token=${tampered}`), false],
    ['an expired token', onPlay(`token=${expired}`), false],
    ["another stream's token", onPlay(`token=${forOtherStream}`), false],
    ['no token', onPlay(''), false],
    ['two tokens', onPlay(`token=${valid}&token=${valid}`), false],
    ['no params', { ...onPlay(''), params: undefined }, false],
    ['a NUL byte in the stream', onPlay(`token=${valid}`, `${STREAM}\0`), false],
    ['a NUL byte after the token', onPlay(`token=${valid}%00`), false],
    ['huge params', onPlay(`${huge}&token=${valid}`), false],
    ['a huge stream name', onPlay(`token=${valid}`, huge), false],
    ['a number', 42, false],
    ['null', null, false],
    ['a string', `token=${valid}`, false],
    ['an array', [onPlay(`token=${valid}`)], false],
  ])('%s → %s', (_case, body, allowed) => {
    const answer = zlmOnPlay(body, signer, NOW);
    expect(answer.code === 0).toBe(allowed);
    expect(typeof answer.msg).toBe('string');
  });
});

describe("ZLMediaKit's on_stream_none_reader hook", () => {
  const watched = new Set([STREAM]);
  const isWatched = (stream: string) => watched.has(stream);
  /** An on_stream_none_reader body as server/WebHook.cpp builds it. */
  const noneReader = (stream: string) => ({
    mediaServerId: 'zlm-1',
    hook_index: 18,
    schema: 'rtmp',
    vhost: '__defaultVhost__',
    app: 'pingan',
    stream,
  });

  it('keeps a stream the hub still has a session for', () => {
    expect(zlmOnStreamNoneReader(noneReader(STREAM), isWatched)).toEqual({ code: 0, close: false });
  });

  it('closes a stream nobody watches any more', () => {
    expect(zlmOnStreamNoneReader(noneReader(OTHER_STREAM), isWatched)).toEqual({ code: 0, close: true });
  });

  it.each([
    ['garbage', 'close'],
    ['no stream', { app: 'pingan' }],
    ['a huge stream name', noneReader(huge)],
    ['null', null],
  ])('answers %s with a refusal that closes nothing', (_case, body) => {
    const answer = zlmOnStreamNoneReader(body, isWatched);
    expect(answer.close).toBe(false);
    expect(answer.code).not.toBe(0);
  });
});

describe("MediaMTX's HTTP authentication", () => {
  /** The body `authenticateHTTP` in internal/auth/manager.go posts. */
  const auth = (fields: Record<string, unknown>) => ({
    ip: '10.20.0.8',
    user: '',
    password: '',
    token: '',
    action: 'read',
    path: STREAM,
    protocol: 'hls',
    id: null,
    query: `token=${valid}`,
    userAgent: 'Mozilla/5.0',
    ...fields,
  });

  it.each([
    ['reading with a valid token', auth({}), true],
    [
      'reading over WebRTC with a valid token',
      auth({ protocol: 'webrtc', id: 'b2f7c6a0-5c1e-4b4e-9f59-6d1f0a3e8c11' }),
      true,
    ],
    ['playback with a valid token', auth({ action: 'playback', protocol: '' }), true],
    ['a valid token as the Bearer token', auth({ query: '', token: valid }), true],
    ['reading after the HLS cookie check', auth({ query: `cookieCheck=1&token=${valid}` }), true],
    ['publishing, even with a valid token', auth({ action: 'publish', protocol: 'rtsp' }), false],
    ['the API', auth({ action: 'api', path: '' }), false],
    ['metrics', auth({ action: 'metrics' }), false],
    ['pprof', auth({ action: 'pprof' }), false],
    ['a tampered token', auth({ query: `token=${tampered}` }), false],
    ['an expired token', auth({ query: `token=${expired}` }), false],
    ["another stream's token", auth({ query: `token=${forOtherStream}` }), false],
    ['no token', auth({ query: '' }), false],
    ['no query field', { ...auth({}), query: undefined }, false],
    ['a NUL byte in the path', auth({ path: `${STREAM}\0` }), false],
    ['a NUL byte in the token', auth({ query: `token=${valid}%00` }), false],
    ['a huge query', auth({ query: `${huge}&token=${valid}` }), false],
    ['a huge path', auth({ path: huge }), false],
    ['an empty object', {}, false],
    ['a string', 'read', false],
    ['null', null, false],
  ])('%s → %s', (_case, body, allowed) => {
    expect(mediamtxAuthorize(body, signer, NOW)).toBe(allowed);
  });
});
