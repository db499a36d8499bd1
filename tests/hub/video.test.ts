import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitoringPoint } from '../../src/domain';
import { recordEvents } from '../../src/hub/projector';
import { LocalMediaGateway } from '../../src/hub/video/gateways/local';
import type { PlayTokenSigner } from '../../src/hub/video/play-token';
import { startDemoMediaServer, type DemoMediaServer } from '../../src/sim/media/demo-media-server';
import { STORE_KINDS } from './support/databases';
import { pointInVillage } from './support/village-point';
import {
  DALI_CITY,
  YANGBI,
  addKey,
  addOperator,
  login,
  postJson,
  startTestHub,
  type Harness,
} from './support/hub-harness';
import { until } from '../support/eventually';
import { freePort } from '../../src/sim/media/free-port';

const SECRET = 'video-test-secret-0123456789';
const DALI_VILLAGE = '532901003001';
const YANGBI_VILLAGE = '532922101001';
const SESSION_TTL_MS = 1_500;

function camera(id: string, village: string, overrides: Partial<MonitoringPoint> = {}): MonitoringPoint {
  const { lng, lat } = pointInVillage(village);
  return {
    id,
    name: `${id}号摄像机`,
    kind: 'camera',
    cameraClass: 1,
    jurisdictionCode: village,
    location: [lng, lat],
    status: 'online',
    statusAt: new Date().toISOString(),
    ...overrides,
  };
}

const gb = (serial: number) => ({
  kind: 'gb28181' as const,
  deviceId: `5329010000118000000${serial}`,
  channelId: `5329010000131000000${serial}`,
  gatewayId: 'demo',
});

/** Whichever answer the route gave: each test asserts the fields it expects. */
interface VideoAnswer {
  sessionId: string;
  cameraId: string;
  urls: { flv?: string };
  expiresAt: string;
  cameras: { id: string; name: string; class: number | null; position: number[] }[];
  error: { code: string; words?: unknown };
}

async function request(method: string, url: string, token: string, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as VideoAnswer };
}

/** The first bytes of a play URL, or the status the media server refused it with. */
async function firstBytes(url: string): Promise<{ status: number; head: string }> {
  const controller = new AbortController();
  // The same stream over HTTP rather than the WebSocket the players use.
  const response = await fetch(url.replace(/^ws/, 'http'), { signal: controller.signal });
  if (!response.ok) return { status: response.status, head: '' };
  const reader = response.body!.getReader();
  const { value } = await reader.read();
  controller.abort();
  return {
    status: response.status,
    head: Buffer.from(value ?? [])
      .subarray(0, 3)
      .toString('latin1'),
  };
}

/** Waits until the media server serves none of the streams. */
async function untilNoStreams(gateway: LocalMediaGateway): Promise<void> {
  let seen: unknown;
  await until(
    'the media server to stop serving the stream',
    async () => {
      const live = await gateway.list();
      seen = live;
      return live.length === 0;
    },
    { timeoutMs: 10_000, intervalMs: 100, seen: () => seen },
  );
}

describe.each(STORE_KINDS)('live video on %s', (_name, createDatabase) => {
  let media: DemoMediaServer;
  let gateway: LocalMediaGateway;
  let harness: Harness;
  let url: string;
  let daliToken: string;
  let yangbiToken: string;
  let adminKey: string;

  beforeAll(async () => {
    media = await startDemoMediaServer({
      rtmpPort: await freePort(),
      httpPort: await freePort(),
      controlPort: 0,
      secret: SECRET,
      maxCameras: 4,
    });
    gateway = new LocalMediaGateway({
      id: 'demo',
      controlUrl: media.controlUrl,
      playBaseUrl: media.playBaseUrl,
      secret: SECRET,
    });
    harness = await startTestHub(await createDatabase(), {
      video: {
        gateways: (_signer: PlayTokenSigner) => [gateway],
        limits: { perOperator: 2, perHub: 3, sessionTtlMs: SESSION_TTL_MS },
        sweepMs: 100,
      },
    });
    url = harness.hub.url;
    const points = [
      camera('cam-a', DALI_VILLAGE),
      camera('cam-b', DALI_VILLAGE),
      camera('cam-c', DALI_VILLAGE),
      camera('cam-none', DALI_VILLAGE),
      camera('cam-off', DALI_VILLAGE, { status: 'offline' }),
      camera('cam-yangbi', YANGBI_VILLAGE),
      { ...camera('chk-1', DALI_VILLAGE), kind: 'vehicle-checkpoint', cameraClass: null },
    ] satisfies MonitoringPoint[];
    await harness.hub.store.transaction((tx) =>
      recordEvents(
        tx,
        points.map((point) => ({
          type: 'monitoring.registered' as const,
          jurisdiction: point.jurisdictionCode,
          at: new Date().toISOString(),
          payload: { points: [point] },
        })),
      ),
    );
    adminKey = await addKey(harness.hub, '5329');
    const sources = ['cam-a', 'cam-b', 'cam-c', 'cam-off', 'cam-yangbi'].map((pointId, i) => ({
      id: `src-${pointId}`,
      pointId,
      source: gb(i + 1),
    }));
    const stored = await postJson(`${url}/api/v1/monitoring/video-sources`, adminKey, { sources });
    expect(stored.status).toBe(201);
    const dali = await addOperator(harness.hub, 'operator', DALI_CITY);
    daliToken = await login(harness.hub, dali.name, dali.password);
    const yangbi = await addOperator(harness.hub, 'operator', YANGBI);
    yangbiToken = await login(harness.hub, yangbi.name, yangbi.password);
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
    await media?.close();
  });

  describe('the video directory', () => {
    const refused: [string, unknown, number, string][] = [
      [
        'an RTSP address with a password',
        { kind: 'rtsp', url: 'rtsp://admin:123@10.0.0.1/s', gatewayId: 'demo' },
        400,
        'invalid-body',
      ],
      [
        'an RTSP address of another scheme',
        { kind: 'rtsp', url: 'http://10.0.0.1/s', gatewayId: 'demo' },
        400,
        'invalid-body',
      ],
      [
        'a NUL in the address',
        { kind: 'rtsp', url: 'rtsp://10.0.0.1/\u0000', gatewayId: 'demo' },
        400,
        'invalid-body',
      ],
      ['a GB id of 19 digits', { ...gb(1), deviceId: '5329010000118000001' }, 400, 'invalid-body'],
      [
        'a device that is not a camera, NVR or DVR',
        { ...gb(1), deviceId: '53290100002000000001' },
        400,
        'invalid-body',
      ],
      ['a gateway id with capitals', { ...gb(1), gatewayId: 'Demo' }, 400, 'invalid-body'],
      ['an unknown field', { ...gb(1), password: 'x' }, 400, 'invalid-body'],
    ];
    it.each(refused)('refuses %s, storing nothing', async (_case, source, status, code) => {
      const answer = await postJson(`${url}/api/v1/monitoring/video-sources`, adminKey, {
        sources: [{ id: `bad-${Math.random()}`, pointId: 'cam-none', source }],
      });
      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject({ error: { code } });
      const point = await harness.hub.store.getEntity('monitoring-point', 'cam-none');
      expect((point!.doc as MonitoringPoint).video).toBeUndefined();
    });

    it('refuses a source for a checkpoint, an unknown camera, or one outside the key', async () => {
      const send = (pointId: string, key = adminKey) =>
        postJson(`${url}/api/v1/monitoring/video-sources`, key, {
          sources: [{ id: `x-${pointId}-${Math.random()}`, pointId, source: gb(9) }],
        });
      expect((await send('chk-1')).status).toBe(422);
      expect((await send('cam-nowhere')).status).toBe(422);
      expect((await send('cam-yangbi', await addKey(harness.hub, DALI_CITY))).status).toBe(403);
    });

    it('lists the cameras with video in the operator’s jurisdiction only', async () => {
      const dali = await request('GET', `${url}/api/v1/video/cameras`, daliToken);
      expect(dali.status).toBe(200);
      expect(dali.body.cameras.map((c: { id: string }) => c.id).sort()).toEqual([
        'cam-a',
        'cam-b',
        'cam-c',
        'cam-off',
      ]);
      expect(dali.body.cameras[0]).toMatchObject({
        name: expect.any(String),
        class: 1,
        position: expect.any(Array),
      });
      const yangbi = await request('GET', `${url}/api/v1/video/cameras`, yangbiToken);
      expect(yangbi.body.cameras.map((c: { id: string }) => c.id)).toEqual(['cam-yangbi']);
    });
  });

  describe('sessions', () => {
    it('open a camera’s stream with a signed URL the media server plays, and refuse it tampered', async () => {
      const opened = await request('POST', `${url}/api/v1/video/sessions`, daliToken, { cameraId: 'cam-a' });
      expect(opened.status).toBe(201);
      expect(opened.body).toMatchObject({ cameraId: 'cam-a', sessionId: expect.any(String) });
      expect(Date.parse(opened.body.expiresAt)).toBeGreaterThan(Date.now());
      const flv = opened.body.urls.flv!;
      expect(await firstBytes(flv)).toEqual({ status: 200, head: 'FLV' });

      const signed = new URL(flv);
      const tampered = new URL(flv);
      const sign = signed.searchParams.get('sign')!;
      tampered.searchParams.set('sign', `${sign.slice(0, -1)}${sign.endsWith('0') ? '1' : '0'}`);
      expect((await firstBytes(tampered.href)).status).not.toBe(200);
      const bare = new URL(flv);
      bare.search = '';
      expect((await firstBytes(bare.href)).status).not.toBe(200);

      const closed = await request(
        'DELETE',
        `${url}/api/v1/video/sessions/${opened.body.sessionId}`,
        daliToken,
      );
      expect(closed.status).toBe(204);
      await untilNoStreams(gateway);
      expect(
        (await request('DELETE', `${url}/api/v1/video/sessions/${opened.body.sessionId}`, daliToken)).status,
      ).toBe(404);
    }, 30_000);

    const refusals: [string, string, number, string][] = [
      ['an unknown camera', 'cam-nowhere', 404, 'unknown-camera'],
      ['a checkpoint', 'chk-1', 404, 'unknown-camera'],
      ['a camera outside the jurisdiction', 'cam-yangbi', 403, 'out-of-scope'],
      ['a camera without video', 'cam-none', 409, 'no-video-source'],
      ['an offline camera', 'cam-off', 409, 'camera-offline'],
    ];
    it.each(refusals)('refuse %s with the reason, and audit it', async (_case, cameraId, status, code) => {
      const answer = await request('POST', `${url}/api/v1/video/sessions`, daliToken, { cameraId });
      expect(answer.status).toBe(status);
      expect(answer.body.error.code).toBe(code);
      const trail = await harness.hub.store.auditEntries(20);
      expect(trail).toContainEqual(
        expect.objectContaining({ action: 'video.session-opened', target: cameraId, outcome: 'refused' }),
      );
    });

    it('refuse a malformed request, a forged token and another operator’s session', async () => {
      expect(
        (await request('POST', `${url}/api/v1/video/sessions`, daliToken, { camera: 'cam-a' })).status,
      ).toBe(400);
      expect(
        (await request('POST', `${url}/api/v1/video/sessions`, 'forged.token.here', { cameraId: 'cam-a' }))
          .status,
      ).toBe(401);
      const mine = await request('POST', `${url}/api/v1/video/sessions`, daliToken, { cameraId: 'cam-b' });
      const theirs = await request(
        'POST',
        `${url}/api/v1/video/sessions/${mine.body.sessionId}/keep-alive`,
        yangbiToken,
        {},
      );
      expect(theirs.status).toBe(404);
      await request('DELETE', `${url}/api/v1/video/sessions/${mine.body.sessionId}`, daliToken);
    }, 30_000);

    it('cap the streams one operator watches, saying the cap', async () => {
      const first = await request('POST', `${url}/api/v1/video/sessions`, daliToken, { cameraId: 'cam-a' });
      const second = await request('POST', `${url}/api/v1/video/sessions`, daliToken, { cameraId: 'cam-b' });
      const third = await request('POST', `${url}/api/v1/video/sessions`, daliToken, { cameraId: 'cam-c' });
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(third.status).toBe(429);
      expect(third.body.error).toMatchObject({
        code: 'operator-stream-cap',
        words: [{ code: 'operator-stream-cap', params: { limit: 2 } }],
      });
      for (const opened of [first, second])
        await request('DELETE', `${url}/api/v1/video/sessions/${opened.body.sessionId}`, daliToken);
    }, 30_000);

    it('end a session nobody keeps alive, release its stream and audit it from when to when', async () => {
      const opened = await request('POST', `${url}/api/v1/video/sessions`, daliToken, { cameraId: 'cam-c' });
      expect(opened.status).toBe(201);
      const kept = await request(
        'POST',
        `${url}/api/v1/video/sessions/${opened.body.sessionId}/keep-alive`,
        daliToken,
        {},
      );
      expect(kept.status).toBe(200);
      expect(Date.parse(kept.body.expiresAt)).toBeGreaterThanOrEqual(Date.parse(opened.body.expiresAt));
      // Nothing keeps it alive from here: the hub's sweep ends it once its time is up.
      const closedRecord = async () =>
        (await harness.hub.store.auditEntries(50)).find(
          (entry) =>
            entry.action === 'video.session-closed' &&
            (entry.detail as { session?: string }).session === opened.body.sessionId,
        );
      await until('the session to expire', async () => (await closedRecord()) !== undefined, {
        timeoutMs: SESSION_TTL_MS * 5,
        intervalMs: 100,
      });
      const closed = await closedRecord();
      expect(closed).toMatchObject({ target: 'cam-c', outcome: 'accepted', detail: { reason: 'expired' } });
      const keepAlive = await request(
        'POST',
        `${url}/api/v1/video/sessions/${opened.body.sessionId}/keep-alive`,
        daliToken,
        {},
      );
      expect(keepAlive.body.error.code).toBe('unknown-session');
      const { from, to } = closed!.detail as { from: string; to: string };
      expect(Date.parse(to) - Date.parse(from)).toBeGreaterThanOrEqual(SESSION_TTL_MS);
      await untilNoStreams(gateway);
    }, 30_000);
  });
});
