import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pino } from 'pino';
import { runDesktop } from '../../src/cli/desktop';
import { seedHub } from '../../src/cli/seed-demo';
import type { MonitoringPoint } from '../../src/domain';
import { bootstrapAccounts } from '../../src/hub/bootstrap';
import { startHub } from '../../src/hub/server';
import type { LiveStream, MediaGateway, PlayUrls, StreamRequest } from '../../src/hub/video/gateways/gateway';
import { LocalMediaGateway } from '../../src/hub/video/gateways/local';
import { startDemoMediaServer } from '../../src/sim/media/demo-media-server';
import { freePort } from '../../src/sim/media/free-port';
import { checkFfmpeg } from '../../src/sim/media/synthetic-camera';
import { generateInventory } from '../../src/sim/seed/inventory';
import { DEMO_GATEWAY_ID } from '../../src/sim/seed/monitoring-points';
import type { Progress } from '../lib/progress';

/** Dali city: its cameras are close together, so the wall's list (cameras within 20 km) has sixteen. */
const DALI_CITY = '532901';

/**
 * The demo's gateway, timing each open: how long the media server took to start a camera and answer that it
 * publishes, whoever asked (the hub for the product, the benchmark for the bare page).
 */
export class TimedGateway implements MediaGateway {
  readonly id: string;
  readonly protocols: MediaGateway['protocols'];
  /** Milliseconds each open took, in the order they were asked for. */
  readonly openMs: number[] = [];

  constructor(private readonly inner: LocalMediaGateway) {
    this.id = inner.id;
    this.protocols = inner.protocols;
  }

  async open(request: StreamRequest): Promise<PlayUrls> {
    const started = performance.now();
    const urls = await this.inner.open(request);
    this.openMs.push(performance.now() - started);
    return urls;
  }

  renew(stream: string, expiresAt: number): Promise<PlayUrls> {
    return this.inner.renew(stream, expiresAt);
  }

  close(stream: string): Promise<void> {
    return this.inner.close(stream);
  }

  list(): Promise<LiveStream[]> {
    return this.inner.list();
  }
}

export interface VideoBenchEnvironment {
  /** The browser shell's page, signed in as the demo's operator. */
  shellUrl: string;
  /** The demo media server's gateway, as the hub has it: the bare page opens its streams through it too. */
  gateway: TimedGateway;
  /** Online cameras with video in Dali city, in the inventory's order. */
  cameras: MonitoringPoint[];
  monitoringPoints: number;
  ffmpeg: string;
  stop(): Promise<void>;
}

/**
 * The product as the video e2e test runs it: the demo media server (node-media-server with ffmpeg cameras)
 * in this process, a hub seeded with Dali whose gateway is that server, and a browser-shell desktop signed in.
 */
export async function startVideoEnvironment(dir: string, progress: Progress): Promise<VideoBenchEnvironment> {
  const ffmpeg = await checkFfmpeg();
  const secret = randomBytes(18).toString('base64url');
  const media = await startDemoMediaServer({
    rtmpPort: await freePort(),
    httpPort: await freePort(),
    controlPort: 0,
    secret,
  });
  const gateway = new TimedGateway(
    new LocalMediaGateway({
      id: DEMO_GATEWAY_ID,
      controlUrl: media.controlUrl,
      playBaseUrl: media.playBaseUrl,
      secret,
    }),
  );
  const hub = await startHub({
    db: `sqlite:${join(dir, 'hub.db')}`,
    region: 'dali',
    port: 0,
    logger: pino({ level: 'warn' }),
    video: { gateways: () => [gateway] },
  });
  const accounts = await bootstrapAccounts(hub.store, hub.region);
  if (!accounts) throw new Error('a fresh hub should have created its accounts');
  const seeded = await seedHub(hub.store, 'dali', {
    onProgress: (done, total) => progress.update(`seeding Dali: ${done}/${total}`),
  });
  const desktop = await runDesktop(
    {
      region: 'dali',
      cache: join(dir, 'desktop-cache.db'),
      hub: hub.url,
      user: accounts.demoOperator.name,
      password: accounts.demoOperator.password,
      browser: true,
      open: false,
      mediaOrigins: [media.playBaseUrl],
    },
    () => undefined,
  );
  if (!desktop.url) throw new Error('the browser shell did not say where it listens');
  const cameras = generateInventory('dali').points.filter(
    (point) => point.video && point.status === 'online' && point.jurisdictionCode.startsWith(DALI_CITY),
  );
  return {
    shellUrl: desktop.url,
    gateway,
    cameras,
    monitoringPoints: seeded.points,
    ffmpeg,
    async stop() {
      await desktop.stop();
      await hub.close();
      await media.close();
    },
  };
}

/** Resolves once the media server runs no stream: what a closed player left behind has been stopped. */
export async function noStreamsLeft(gateway: MediaGateway, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const streams = await gateway.list();
    if (streams.length === 0) return;
    if (Date.now() > deadline) {
      // A stream left open would be counted in the next measurement: close it rather than wait a minute.
      await Promise.all(streams.map((stream) => gateway.close(stream.stream)));
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
