import Database from 'better-sqlite3';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { pino } from 'pino';
import { runDesktop } from '../../src/cli/desktop';
import { bootstrapAccounts } from '../../src/hub/bootstrap';
import { recordEvents } from '../../src/hub/projector';
import { seedHub } from '../../src/cli/seed-demo';
import { startHub, type Hub } from '../../src/hub/server';
import { pointOnFeature } from '@turf/point-on-feature';
import { readBoundaries } from '../../src/regions/store';
import { pastDays } from '../../src/sim/history';
import type { Progress } from '../lib/progress';
import { LATENCY_BENCH } from './settings';

const HISTORY_BATCH = 2000;

/**
 * A TCP proxy between the desktop core and the hub that can hold the line: every connection through it is
 * dropped, and new ones refused, until it is released. The core meanwhile falls behind the hub's log, as a
 * desktop does overnight or across a network cut, and catches up when the line is back.
 */
async function startLineProxy(targetPort: number) {
  const open = new Set<Socket>();
  let held = false;
  let connections = 0;
  const server = createServer((client) => {
    if (held) return void client.destroy();
    connections += 1;
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** How many connections were let through so far: a new one means the core is back. */
    get connections() {
      return connections;
    },
    hold() {
      held = true;
      for (const socket of open) socket.destroy();
    },
    release() {
      held = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function firstVillage(): LatencyEnvironment['reportPlace'] {
  const village = readBoundaries(LATENCY_BENCH.region, 'village')!.features[0]!;
  const location = pointOnFeature(village).geometry.coordinates as [number, number];
  return { jurisdictionCode: String(village.properties.code), location };
}

export type LineProxy = Awaited<ReturnType<typeof startLineProxy>>;

export interface LatencyEnvironment {
  hub: Hub;
  proxy: LineProxy;
  shellUrl: string;
  apiKey: string;
  /** The monitoring points the map draws once it has read everything. */
  monitoringPoints: number;
  /** Where the reports are filed: the region's first village, at a point inside it. */
  reportPlace: { jurisdictionCode: string; location: [number, number] };
  /** The desktop cache's cursor, read from its file: how far the core has applied the log. */
  cacheCursor(): number;
  /** Records `days` of the demo's simulated history ending at `until` into the hub's log; returns its head. */
  recordHistory(days: number, until: number): Promise<{ events: number; head: number }>;
  stop(): Promise<void>;
}

/** A hub seeded with the region, the browser shell signed in through a proxy that can hold the line. */
export async function startLatencyEnvironment(dir: string, progress: Progress): Promise<LatencyEnvironment> {
  const hub = await startHub({
    db: `sqlite:${join(dir, 'hub.db')}`,
    region: LATENCY_BENCH.region,
    port: 0,
    logger: pino({ level: 'warn' }),
  });
  const accounts = await bootstrapAccounts(hub.store, hub.region);
  if (!accounts) throw new Error('a fresh hub should have created its accounts');
  const seeded = await seedHub(hub.store, LATENCY_BENCH.region, {
    onProgress: (done, total) => progress.update(`seeding: ${done}/${total}`),
  });
  const proxy = await startLineProxy(hub.port);
  const cacheFile = join(dir, 'desktop-cache.db');
  const desktop = await runDesktop(
    {
      region: LATENCY_BENCH.region,
      cache: cacheFile,
      hub: proxy.url,
      user: accounts.demoOperator.name,
      password: accounts.demoOperator.password,
      browser: true,
      open: false,
    },
    () => undefined,
  );
  if (!desktop.url) throw new Error('the browser shell did not say where it listens');
  const simulatorAccount = await hub.store.accountByName(accounts.simulator.operator.name);
  if (!simulatorAccount) throw new Error('the simulator account is missing');
  const cache = new Database(cacheFile, { readonly: true, fileMustExist: true });
  const cursorStatement = cache.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").pluck();
  return {
    hub,
    proxy,
    shellUrl: desktop.url,
    apiKey: accounts.simulator.apiKey,
    monitoringPoints: seeded.points,
    reportPlace: firstVillage(),
    cacheCursor: () => Number(cursorStatement.get() ?? 0),
    async recordHistory(days, until) {
      const drafts = pastDays({
        regionId: LATENCY_BENCH.region,
        seed: 1_001,
        days,
        until,
        actor: {
          id: simulatorAccount.id,
          name: simulatorAccount.name,
          role: 'commander',
          jurisdictionCode: hub.region.rootCode,
        },
      });
      for (let done = 0; done < drafts.length; done += HISTORY_BATCH) {
        const batch = drafts.slice(done, done + HISTORY_BATCH);
        await hub.store.transaction((tx) => recordEvents(tx, batch));
      }
      return { events: drafts.length, head: await hub.store.headSeq() };
    },
    async stop() {
      cache.close();
      await desktop.stop();
      await proxy.close();
      await hub.close();
    },
  };
}
