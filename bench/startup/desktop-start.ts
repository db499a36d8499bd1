import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { pino } from 'pino';
import { INCIDENT_LOAD_MARKS } from '../../renderer/src/map/controller/marks';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';
import { ensureRendererBuilt } from '../../src/cli/renderer-build';
import { seedHub } from '../../src/cli/seed-demo';
import { bootstrapAccounts } from '../../src/hub/bootstrap';
import { startHub } from '../../src/hub/server';
import type { Cleanup } from '../lib/cleanup';
import type { Progress } from '../lib/progress';
import { installWallProbes, wallLoadTimes } from '../wall/page-probes';
import { fileReports, villagesOfRegion } from '../wall/reports';
import { WALL_BENCH } from '../wall/settings';
import { startDesktopProcess, type DesktopLaunch } from './desktop-process';

/** A cold start catches up every event first; at the larger sizes that is minutes on this machine. */
const DRAWN_TIMEOUT_MS = 10 * 60_000;

export type StartKind = 'cold' | 'warm' | 'warm-offline';

/** One start, every time in ms from spawning `pingan desktop`. */
export interface StartTimes {
  open: number;
  /** The first frame with the region drawn, and the first with incidents on it. */
  regionFrame: number;
  incidentFrame: number;
  /** The wall counts every open incident the hub holds. */
  complete: number;
}

export interface SizeStarts {
  open: number;
  starts: Record<StartKind, StartTimes[]>;
}

/** A closed port on this machine: a hub address nobody answers, as when the hub is down. */
async function unansweredHubUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Opens the wall as soon as the desktop says where, and times it up to every open incident counted. */
async function timeOneStart(
  browser: Browser,
  launch: DesktopLaunch,
  openIncidents: number,
  cleanup: Cleanup,
): Promise<StartTimes> {
  const desktop = await startDesktopProcess(launch, cleanup);
  const context = await browser.newContext({ viewport: WALL_BENCH.viewport });
  try {
    await context.addInitScript('window.__name = (target) => target;');
    await context.addInitScript(installWallProbes, INCIDENT_LOAD_MARKS);
    const page = await context.newPage();
    await page.goto(desktop.url);
    await page.waitForFunction(
      (size) =>
        Number(
          document.querySelector('[data-testid="layer-count-incidents"]')?.textContent?.replace(/\D/g, '') ??
            0,
        ) >= size,
      openIncidents,
      { timeout: DRAWN_TIMEOUT_MS, polling: 100 },
    );
    const complete = Date.now();
    await page.waitForFunction(
      () => {
        const probes = (window as unknown as { __wallProbes?: { firstIncidentFrameAt: number | null } })
          .__wallProbes;
        return probes?.firstIncidentFrameAt != null;
      },
      null,
      { timeout: DRAWN_TIMEOUT_MS, polling: 100 },
    );
    const [times, timeOrigin] = await Promise.all([
      page.evaluate(wallLoadTimes),
      page.evaluate(() => performance.timeOrigin),
    ]);
    const sinceSpawn = (at: number) => Math.round(at - desktop.spawnedAt);
    return {
      open: sinceSpawn(desktop.openAt),
      regionFrame: sinceSpawn(timeOrigin + times.firstRegionFrameAt!),
      incidentFrame: sinceSpawn(timeOrigin + times.firstIncidentFrameAt!),
      complete: sinceSpawn(complete),
    };
  } finally {
    await context.close();
    await desktop.stop();
  }
}

export interface DesktopStartPlan {
  sizes: readonly number[];
  rounds: number;
  dir: string;
}

/**
 * A hub with Dali and the reports of each size; at each size the desktop starts once with an empty cache
 * (the baseline), then `rounds` times from the cache it filled, with the hub up and with the hub down.
 */
export async function measureDesktopStarts(
  plan: DesktopStartPlan,
  progress: Progress,
  cleanup: Cleanup,
): Promise<{ sizes: SizeStarts[]; chromium: string }> {
  progress.phase('Setting up: the interface built, a hub seeded with Dali');
  // Built before any start is timed, so that no start pays for the build.
  await ensureRendererBuilt(() => undefined);
  const hub = await startHub({
    db: `sqlite:${join(plan.dir, 'hub.db')}`,
    region: 'dali',
    port: 0,
    logger: pino({ level: 'warn' }),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const accounts = await bootstrapAccounts(hub.store, hub.region);
    if (!accounts) throw new Error('a fresh hub should have created its accounts');
    await seedHub(hub.store, 'dali', {
      onProgress: (done, total) => progress.update(`seeding ${done}/${total}`),
    });
    const passwordFile = join(plan.dir, 'password');
    writeFileSync(passwordFile, `${accounts.demoOperator.password}\n`, { mode: 0o600 });
    const offlineHubUrl = await unansweredHubUrl();
    const villages = villagesOfRegion();
    const results: SizeStarts[] = [];
    let filed = 0;
    for (const size of plan.sizes) {
      progress.phase(`${size.toLocaleString('en')}: filing reports through the hub`);
      await fileReports({ url: hub.url, apiKey: accounts.simulator.apiKey }, villages, filed, size, progress);
      filed = size;
      const launch = (hubUrl: string): DesktopLaunch => ({
        hubUrl,
        user: accounts.demoOperator.name,
        passwordFile,
        cacheFile: join(plan.dir, `desktop-cache-${size}.db`),
      });
      const starts: Record<StartKind, StartTimes[]> = { cold: [], warm: [], 'warm-offline': [] };
      progress.phase(`${size.toLocaleString('en')}: a cold start, catching up every event`);
      starts.cold.push(await timeOneStart(browser, launch(hub.url), size, cleanup));
      for (let round = 1; round <= plan.rounds; round += 1) {
        progress.phase(
          `${size.toLocaleString('en')}: warm start ${round} of ${plan.rounds}, hub up, then down`,
        );
        starts.warm.push(await timeOneStart(browser, launch(hub.url), size, cleanup));
        starts['warm-offline'].push(await timeOneStart(browser, launch(offlineHubUrl), size, cleanup));
      }
      results.push({ open: size, starts });
    }
    return { sizes: results, chromium: browser.version() };
  } finally {
    await browser.close();
    await hub.close();
  }
}
