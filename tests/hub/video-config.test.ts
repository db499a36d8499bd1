import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVideoConfig, videoOptionsOf } from '../../src/hub/video/gateway-config';
import { PlayTokenSigner } from '../../src/hub/video/play-token';
import { createSqliteDatabase } from './support/databases';
import { startTestHub, type Harness } from './support/hub-harness';

const dir = mkdtempSync(join(tmpdir(), 'pingan-video-config-'));

function configFile(content: unknown, mode = 0o600): string {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  chmodSync(file, mode);
  return file;
}

const ZLM = {
  kind: 'zlmediakit',
  id: 'zlm-dali',
  apiUrl: 'http://10.0.0.5:80',
  secret: 'zlm-secret-0123',
  playBaseUrl: 'https://video.example.cn',
};
const MEDIAMTX = {
  kind: 'mediamtx',
  id: 'mtx-1',
  apiUrl: 'http://10.0.0.6:9997',
  playBaseUrls: { hls: 'https://hls.example.cn', webrtc: 'https://rtc.example.cn' },
};
const DEMO = {
  kind: 'demo',
  id: 'demo',
  controlUrl: 'http://127.0.0.1:9001',
  playBaseUrl: 'http://127.0.0.1:9000',
  secret: 'demo-secret-0123',
};

describe("the media gateways' configuration", () => {
  it('builds one adapter per gateway, with the formats each serves', () => {
    const config = loadVideoConfig(
      configFile({
        gateways: [ZLM, MEDIAMTX, DEMO],
        limits: { perOperator: 9, perHub: 200, sessionTtlSeconds: 90 },
        cameraCredentials: [{ gatewayId: 'zlm-dali', user: 'viewer', password: 'p@ss word' }],
      }),
    );
    const options = videoOptionsOf(config);
    const gateways = options.gateways(new PlayTokenSigner(new Uint8Array(32)));
    expect(gateways.map((gateway) => [gateway.id, [...gateway.protocols]])).toEqual([
      ['zlm-dali', ['flv', 'hls', 'webrtc']],
      ['mtx-1', ['hls', 'webrtc']],
      ['demo', ['flv']],
    ]);
    expect(options.limits).toEqual({ perOperator: 9, perHub: 200, sessionTtlMs: 90_000 });
    const rtsp = { kind: 'rtsp' as const, url: 'rtsp://10.1.1.1/ch1', gatewayId: 'zlm-dali' };
    expect(options.credentialsFor(rtsp)).toEqual({ user: 'viewer', password: 'p@ss word' });
    expect(options.credentialsFor({ ...rtsp, gatewayId: 'mtx-1' })).toBeUndefined();
  });

  const refused: [string, unknown, number, RegExp][] = [
    ['a file others may read', { gateways: [DEMO] }, 0o644, /readable by its owner only/],
    ['a file that is not JSON', '{ gateways: ', 0o600, /is not JSON/],
    ['no gateway', { gateways: [] }, 0o600, /gateways/],
    ['a gateway twice', { gateways: [DEMO, DEMO] }, 0o600, /demo twice/],
    ['an unknown kind', { gateways: [{ ...DEMO, kind: 'wowza' }] }, 0o600, /kind/],
    ['an address that is not HTTP', { gateways: [{ ...ZLM, apiUrl: 'ftp://10.0.0.5' }] }, 0o600, /apiUrl/],
    ['a short secret', { gateways: [{ ...ZLM, secret: 'x' }] }, 0o600, /secret/],
    ['an unknown setting', { gateways: [{ ...DEMO, debug: true }] }, 0o600, /debug|unrecognized/i],
    ['a cap of nought', { gateways: [DEMO], limits: { perHub: 0 } }, 0o600, /perHub/],
  ];
  it.each(refused)('refuses %s, saying where', (_case, content, mode, message) => {
    expect(() => loadVideoConfig(configFile(content, mode))).toThrow(message);
  });
});

describe("the gateways' hooks", () => {
  let harness: Harness;
  let signer: PlayTokenSigner;
  const STREAM = 'AbCdEfGhIjKlMnOp';

  beforeAll(async () => {
    harness = await startTestHub(createSqliteDatabase());
    const key = await harness.hub.store.getSetting('video-play-key');
    signer = new PlayTokenSigner(Buffer.from(key!, 'base64'));
  });
  afterAll(async () => harness?.close());

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${harness.hub.url}/api/v1/video/hooks/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const onPlay = (params: string) => ({ app: 'pingan', stream: STREAM, params, schema: 'rtmp', vhost: '_' });

  it("let ZLMediaKit's player in with the hub's token for the stream only", async () => {
    const token = signer.sign(STREAM, Date.now() + 60_000);
    expect((await post('zlmediakit/on_play', onPlay(`token=${token}`))).body).toMatchObject({ code: 0 });
    const forged = new PlayTokenSigner(new Uint8Array(32)).sign(STREAM, Date.now() + 60_000);
    expect((await post('zlmediakit/on_play', onPlay(`token=${forged}`))).body.code).not.toBe(0);
    expect((await post('zlmediakit/on_play', { garbage: '\u0000' })).body.code).not.toBe(0);
  });

  it('tell ZLMediaKit to close a stream no session watches', async () => {
    const answer = await post('zlmediakit/on_stream_none_reader', {
      app: 'pingan',
      stream: STREAM,
      schema: 'rtmp',
      vhost: '_',
    });
    expect(answer.body).toMatchObject({ code: 0, close: true });
  });

  it("answer MediaMTX's authentication: a reader with the token, nobody else", async () => {
    const token = signer.sign(STREAM, Date.now() + 60_000);
    const auth = (fields: Record<string, unknown>) => ({
      user: '',
      password: '',
      token: '',
      ip: '127.0.0.1',
      action: 'read',
      path: STREAM,
      protocol: 'hls',
      id: null,
      query: `token=${token}`,
      ...fields,
    });
    expect((await post('mediamtx/auth', auth({}))).status).toBe(200);
    expect((await post('mediamtx/auth', auth({ action: 'publish' }))).status).toBe(401);
    expect((await post('mediamtx/auth', auth({ query: '' }))).status).toBe(401);
  });
});
