import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError, type StreamRequest } from '../../src/hub/video/gateways/gateway';
import { LocalMediaGateway } from '../../src/hub/video/gateways/local';
import { DEFAULT_PICTURE, startDemoMediaServer, type DemoMediaServer } from '../../src/sim/media';
import { freePort } from '../../src/sim/media/free-port';

const run = promisify(execFile);

const SECRET = 'demo-media-test-secret-0123456789';
const MAX_CAMERAS = 3;
const IDLE_CLOSE_MS = 2_500;
const VIDEO_WITHIN_MS = 10_000;
const { width: WIDTH, height: HEIGHT } = DEFAULT_PICTURE;

function request(stream: string, title = '东门 一号摄像机'): StreamRequest {
  return {
    stream,
    source: { kind: 'gb28181', deviceId: '53290100001180000001', channelId: '53290100001310000001' },
    title,
    expiresAt: Date.now() + 60_000,
  };
}

/** Polls `check` until it holds; fails saying what it waited for. */
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The ffmpeg processes pushing `stream`, found in the process table rather than in the server's books. */
async function ffmpegPids(stream: string): Promise<number[]> {
  const { stdout } = await run('ps', ['-eo', 'pid=,args=']);
  return stdout
    .split('\n')
    .filter((line) => line.includes('ffmpeg') && line.includes(`/live/${stream}?sign=`))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

/** The same stream over HTTP-FLV: the gateway hands players FLV over a WebSocket. */
function overHttp(url: string): string {
  return url.replace(/^ws/, 'http');
}

/**
 * Plays `url` until the FLV header and a first video tag have arrived; the caller stops it with `stop()`.
 * A refused play answers with its status and no bytes.
 */
async function play(
  url: string,
): Promise<{ status: number; head: string; videoAfterMs?: number; stop(): void }> {
  const controller = new AbortController();
  const startedAt = Date.now();
  const response = await fetch(overHttp(url), { signal: controller.signal });
  const stop = () => controller.abort();
  if (response.status !== 200) {
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, head: body.subarray(0, 3).toString('latin1'), stop };
  }
  const reader = response.body!.getReader();
  const deadline = setTimeout(() => controller.abort(), VIDEO_WITHIN_MS);
  let bytes = Buffer.alloc(0);
  for (;;) {
    const { value, done } = await reader.read().catch(() => {
      throw new Error(`no FLV video tag within ${VIDEO_WITHIN_MS} ms of asking`);
    });
    if (done) {
      clearTimeout(deadline);
      return { status: response.status, head: bytes.subarray(0, 3).toString('latin1'), stop };
    }
    bytes = Buffer.concat([bytes, value]);
    // FLV: a 9-byte header and a 4-byte size, then tags of type (8 audio, 9 video, 18 script), 24-bit size,
    // 7 bytes more of header, the data and a 4-byte trailer.
    for (let at = 13; at + 11 <= bytes.length; at += 11 + bytes.readUIntBE(at + 1, 3) + 4) {
      if (bytes[at] === 9) {
        clearTimeout(deadline);
        // Keep reading in the background so the server sees a live player until stop().
        void (async () => {
          while (!(await reader.read().catch(() => ({ done: true }))).done);
        })();
        return {
          status: response.status,
          head: bytes.subarray(0, 3).toString('latin1'),
          videoAfterMs: Date.now() - startedAt,
          stop,
        };
      }
    }
  }
}

function flipLastCharacter(url: string): string {
  return `${url.slice(0, -1)}${url.endsWith('0') ? '1' : '0'}`;
}

describe('the demo media server', () => {
  let media: DemoMediaServer;
  let gateway: LocalMediaGateway;

  const control = (method: string, path: string, init: { token?: string; body?: string } = {}) =>
    fetch(`${media.controlUrl}${path}`, {
      method,
      headers: {
        ...(init.token === undefined ? {} : { authorization: `Bearer ${init.token}` }),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: init.body }),
    });

  const live = async (stream: string) => (await gateway.list()).some((entry) => entry.stream === stream);

  beforeAll(async () => {
    media = await startDemoMediaServer({
      rtmpPort: await freePort(),
      httpPort: await freePort(),
      controlPort: 0,
      secret: SECRET,
      maxCameras: MAX_CAMERAS,
      idleCloseMs: IDLE_CLOSE_MS,
    });
    gateway = new LocalMediaGateway({
      id: 'demo',
      controlUrl: media.controlUrl,
      playBaseUrl: media.playBaseUrl,
      secret: SECRET,
    });
  });

  afterAll(async () => {
    await media?.close();
  });

  it('opens a stream whose signed URL plays FLV video within seconds, and lists its player', async () => {
    const urls = await gateway.open(request('playStream01'));
    expect(urls.flv).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/live\/playStream01\.flv\?sign=\d+-[0-9a-f]{32}$/);
    const player = await play(urls.flv!);
    try {
      expect(player.status).toBe(200);
      expect(player.head).toBe('FLV');
      expect(player.videoAfterMs).toBeLessThan(VIDEO_WITHIN_MS);
      await waitFor('the player to be counted', async () =>
        (await gateway.list()).some((entry) => entry.stream === 'playStream01' && entry.readers === 1),
      );
    } finally {
      player.stop();
    }
    // Opening a live stream again only signs new URLs.
    expect((await gateway.open(request('playStream01'))).flv).toContain('/live/playStream01.flv?sign=');
  });

  it('plays FLV over a WebSocket, as the players on a many-way wall read it', async () => {
    const { flv } = await gateway.open(request('playStream01'));
    const socket = new WebSocket(flv!);
    const head = await new Promise<string>((resolve, reject) => {
      socket.once('message', (data: Buffer) => resolve(data.subarray(0, 3).toString('latin1')));
      socket.once('error', reject);
    });
    socket.close();
    expect(head).toBe('FLV');
  });

  it("refuses a publish over HTTP or a WebSocket, even with a player's valid signature", async () => {
    const { flv } = await gateway.open(request('pushTarget01'));
    await gateway.close('pushTarget01');
    await waitFor('the camera to stop', async () =>
      (await gateway.list()).every((entry) => entry.stream !== 'pushTarget01'),
    );
    const socket = new WebSocket(flv!, 'publisher');
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(Buffer.from('FLV\x01\x01\x00\x00\x00\x09\x00\x00\x00\x00', 'latin1'));
    await closed;
    expect((await gateway.list()).some((entry) => entry.stream === 'pushTarget01')).toBe(false);
  });

  it('refuses a tampered, an expired and an unsigned play URL', async () => {
    const { flv } = await gateway.open(request('playStream01'));
    const expired = (await gateway.renew('playStream01', Date.now() - 2_000)).flv!;
    for (const url of [flipLastCharacter(flv!), expired, flv!.split('?')[0]!]) {
      const refused = await play(url);
      expect(refused).toMatchObject({ status: 403, head: '' });
    }
  });

  it('serves a picture ffmpeg decodes, with the title band drawn over the test pattern', async () => {
    const { flv } = await gateway.open(request('decodeStream1'));
    // The server passes RTMP's "@setDataFrame" metadata tag on, which ffmpeg takes for a data stream it
    // cannot probe: a short analysis keeps it from waiting for it.
    const { stdout } = await run(
      'ffmpeg',
      [
        '-v',
        'error',
        '-analyzeduration',
        '1000000',
        '-i',
        overHttp(flv!),
        '-map',
        '0:v',
        '-frames:v',
        '3',
      ].concat(['-f', 'rawvideo', '-pix_fmt', 'gray', '-']),
      { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024, timeout: 20_000 },
    );
    expect(stdout.length).toBe(3 * WIDTH * HEIGHT);
    const frame = stdout.subarray(0, WIDTH * HEIGHT);
    const mean = (rows: [number, number]) => {
      let sum = 0;
      for (let y = rows[0]; y < rows[1]; y++) for (let x = 0; x < WIDTH; x++) sum += frame[y * WIDTH + x]!;
      return sum / ((rows[1] - rows[0]) * WIDTH);
    };
    const band = Math.round(HEIGHT / 8);
    expect(mean([0, band])).toBeLessThan(40); // black, but for the title's strokes
    expect(mean([band, HEIGHT - band])).toBeGreaterThan(60); // testsrc2's colours
  }, 30_000);

  it('guards its control API: the secret, the stream name, the body', async () => {
    expect((await control('GET', '/streams')).status).toBe(401);
    expect((await control('GET', '/healthz')).status).toBe(401);
    expect((await control('GET', '/streams', { token: `${SECRET}x` })).status).toBe(401);
    expect(
      (await control('PUT', '/streams/goodName01', { token: 'forged', body: '{"title":"x"}' })).status,
    ).toBe(401);
    expect((await control('GET', '/healthz', { token: SECRET })).status).toBe(200);

    const refusals: [string, string | undefined, number, RegExp][] = [
      ['/streams/short', '{"title":"x"}', 400, /stream name/],
      ['/streams/bad.name.here', '{"title":"x"}', 400, /stream name/],
      ['/streams/goodName01', 'not json', 400, /JSON/],
      ['/streams/goodName01', '{"name":"x"}', 400, /title/],
      ['/streams/goodName01', '{"title":"  "}', 400, /title must not be empty/],
      ['/streams/goodName01', JSON.stringify({ title: 'x'.repeat(17_000) }), 413, /at most 16384 bytes/],
    ];
    for (const [path, body, status, message] of refusals) {
      const answer = await control('PUT', path, { token: SECRET, body });
      expect(answer.status, `${path} ${body?.slice(0, 20)}`).toBe(status);
      expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(message);
    }
    expect((await control('GET', '/nowhere', { token: SECRET })).status).toBe(404);
    expect(await live('goodName01')).toBe(false);
  });

  it('closes a stream: it leaves the list and its ffmpeg is gone; closing it again is no error', async () => {
    await gateway.open(request('closeStream1'));
    const [pid] = await ffmpegPids('closeStream1');
    expect(pid).toBeGreaterThan(0);
    await gateway.close('closeStream1');
    await waitFor('the stream to leave the list', async () => !(await live('closeStream1')), 5_000);
    await waitFor('its ffmpeg to exit', async () => (await ffmpegPids('closeStream1')).length === 0, 5_000);
    await gateway.close('closeStream1');
  });

  it('restarts a camera whose ffmpeg died', async () => {
    await gateway.open(request('crashStream1'));
    const [first] = await ffmpegPids('crashStream1');
    process.kill(first!, 'SIGKILL');
    await waitFor('a new ffmpeg', async () =>
      (await ffmpegPids('crashStream1')).some((pid) => pid !== first),
    );
    await waitFor('the stream to be live again', () => live('crashStream1'));
    await gateway.close('crashStream1');
  });

  it('runs at most maxCameras synthetic cameras, saying so', async () => {
    await Promise.all((await gateway.list()).map((entry) => gateway.close(entry.stream)));
    const streams = ['capStream001', 'capStream002', 'capStream003'];
    await Promise.all(streams.map((stream) => gateway.open(request(stream))));
    const refused = await gateway.open(request('capStream004')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GatewayError);
    expect(refused).toMatchObject({
      reason: 'refused',
      message: expect.stringContaining(`at most ${MAX_CAMERAS}`),
    });
    const answer = await control('PUT', '/streams/capStream004', { token: SECRET, body: '{"title":"x"}' });
    expect(answer.status).toBe(429);
    expect(await answer.json()).toMatchObject({ error: { code: 'too-many-cameras' } });
    await Promise.all(streams.map((stream) => gateway.close(stream)));
  });

  it('stops a stream nobody watches after idleCloseMs, and keeps one that is watched', async () => {
    await gateway.open(request('idleStream01'));
    const { flv } = await gateway.open(request('idleStream02'));
    const player = await play(flv!);
    const idleSince = Date.now();
    await waitFor(
      'the unwatched stream to stop',
      async () => !(await live('idleStream01')),
      IDLE_CLOSE_MS + 5_000,
    );
    expect(Date.now() - idleSince).toBeGreaterThan(IDLE_CLOSE_MS - 1_000);
    await waitFor('its ffmpeg to exit', async () => (await ffmpegPids('idleStream01')).length === 0, 5_000);
    expect(await live('idleStream02')).toBe(true);
    player.stop();
    await waitFor(
      'the stream its player left to stop',
      async () => !(await live('idleStream02')),
      IDLE_CLOSE_MS + 5_000,
    );
  }, 30_000);

  it('reports an unreachable server, a refusal in its own words and an answer it cannot read', async () => {
    const nobody = new LocalMediaGateway({
      id: 'demo',
      controlUrl: `http://127.0.0.1:${await freePort()}`,
      playBaseUrl: media.playBaseUrl,
      secret: SECRET,
    });
    await expect(nobody.list()).rejects.toMatchObject({ reason: 'unreachable' });
    const forged = new LocalMediaGateway({ ...gatewayConfig(), secret: 'not-the-secret-at-all' });
    await expect(forged.list()).rejects.toMatchObject({ reason: 'refused', message: /bearer token/ });
    const garbled = new LocalMediaGateway({
      ...gatewayConfig(),
      fetch: async () => new Response('<html>', { status: 200 }),
    });
    await expect(garbled.list()).rejects.toMatchObject({ reason: 'bad-answer' });
    await expect(gateway.open(request('no'))).rejects.toMatchObject({ reason: 'refused' });
  });

  function gatewayConfig() {
    return { id: 'demo', controlUrl: media.controlUrl, playBaseUrl: media.playBaseUrl, secret: SECRET };
  }
});
