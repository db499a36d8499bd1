import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';
import type { Benchmark } from '../lib/benchmark';
import type { Progress } from '../lib/progress';
import { median } from '../lib/stats';
import { makeTempDir } from '../lib/temp-dir';
import { startLatencyEnvironment, type LatencyEnvironment } from './environment';
import { distribution, flick, recordQueue } from './scroll';
import { LATENCY_BENCH, LATENCY_TARGETS } from './settings';

const DAY_MS = 86_400_000;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const WAIT_AT_MOST_MS = 600_000;

/** Polls until `done` holds; a wait that never ends fails the run and says what it waited for. */
async function waitUntil(what: string, done: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + WAIT_AT_MOST_MS;
  while (!(await done())) {
    if (Date.now() > deadline)
      throw new Error(`gave up after ${WAIT_AT_MOST_MS / 1000} s waiting for ${what}`);
    await sleep(20);
  }
}

interface Delivery {
  /** Filed (HTTP ingest answered 201 … sent) → drawn on the map, in ms. */
  reportToPixelMs: number;
  /** Whether the history was still being applied beneath it when it was drawn. */
  drawnDuringCatchUp: boolean;
  /** From the line coming back to the cache holding all of the history; null without history. */
  catchUpMs: number | null;
}

/** Waits for the wall map, then looks at the reports' village closely enough that incidents are single points. */
async function openMap(page: Page, environment: LatencyEnvironment): Promise<void> {
  await page.goto(environment.shellUrl);
  await page
    .getByTestId('layer-count-monitoring-points')
    .filter({ hasText: environment.monitoringPoints.toLocaleString('en') })
    .waitFor({ timeout: 600_000 });
  await page.waitForFunction(() => window.__pinganMap !== undefined, null, { timeout: 60_000 });
  await page.evaluate(({ center, zoom }) => window.__pinganMap!.jumpTo({ center, zoom }), {
    center: environment.reportPlace.location,
    zoom: LATENCY_BENCH.zoom,
  });
  await page.waitForFunction(() => window.__pinganMap!.areTilesLoaded(), null, { timeout: 60_000 });
}

/** Files a report through the ingest API; resolves with the instant it was sent, once it was accepted. */
async function fileReport(environment: LatencyEnvironment, title: string): Promise<number> {
  const sentAt = Date.now();
  const response = await fetch(`${environment.hub.url}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${environment.apiKey}` },
    body: JSON.stringify({
      reports: [
        {
          id: `latency-${sentAt}-${Math.round(performance.now())}`,
          source: 'citizen-qr',
          kind: 'dispute',
          category: 'neighbourhood',
          title,
          address: '测试地址',
          ...environment.reportPlace,
        },
      ],
    }),
  });
  if (response.status !== 201) throw new Error(`the report was refused: ${response.status}`);
  return sentAt;
}

/** The instant (page clock = this machine's clock) the report titled `title` is drawn on the map. */
async function drawnAt(page: Page, title: string): Promise<number> {
  const handle = await page.waitForFunction(
    (wanted) => {
      const drawn = window
        .__pinganMap!.queryRenderedFeatures({ layers: ['incident-points'] })
        .some((feature) => feature.properties.title === wanted);
      return drawn ? Date.now() : false;
    },
    title,
    { polling: 'raf', timeout: LATENCY_BENCH.giveUpAfterMs },
  );
  return (await handle.jsonValue()) as number;
}

/** A report on a line that is up to date. */
async function baselineDelivery(page: Page, environment: LatencyEnvironment, round: number) {
  const title = `时延基准 ${round} ${Date.now()}`;
  const drawing = drawnAt(page, title);
  const sentAt = await fileReport(environment, title);
  return { reportToPixelMs: (await drawing) - sentAt, drawnDuringCatchUp: false, catchUpMs: null };
}

/**
 * A report filed while `days` of history catch up: the line is held, the history recorded into the hub's
 * log, the line released, and the report filed just after the core reconnected.
 */
async function deliveryDuringCatchUp(
  page: Page,
  environment: LatencyEnvironment,
  days: number,
  until: number,
): Promise<Delivery & { historyEvents: number }> {
  environment.proxy.hold();
  const history = await environment.recordHistory(days, until);
  const connections = environment.proxy.connections;
  environment.proxy.release();
  const releasedAt = Date.now();
  await waitUntil('the core to reconnect', () => environment.proxy.connections > connections);
  await sleep(LATENCY_BENCH.reportAfterReconnectMs);
  const title = `时延追赶 ${days} 天 ${Date.now()}`;
  const drawing = drawnAt(page, title);
  const sentAt = await fileReport(environment, title);
  const drawn = await drawing;
  const drawnDuringCatchUp = environment.cacheCursor() < history.head;
  await waitUntil('the core to catch up', () => environment.cacheCursor() >= history.head);
  return {
    reportToPixelMs: drawn - sentAt,
    drawnDuringCatchUp,
    catchUpMs: Date.now() - releasedAt,
    historyEvents: history.events,
  };
}

async function measureLatency(page: Page, environment: LatencyEnvironment, progress: Progress) {
  const baseline: Delivery[] = [];
  for (let round = 1; round <= LATENCY_BENCH.baselineReports; round += 1) {
    progress.update(`baseline report ${round}/${LATENCY_BENCH.baselineReports}`);
    baseline.push(await baselineDelivery(page, environment, round));
    progress.update(`baseline report ${round}: drawn after ${seconds(baseline.at(-1)!.reportToPixelMs)}`);
    await sleep(1000);
  }
  // Each history lies in its own stretch of days, so no incident of one is recorded again by the next.
  const withHistory: (Delivery & { days: number; historyEvents: number })[] = [];
  let until = Date.now() - (LATENCY_BENCH.historyDays.reduce((sum, days) => sum + days + 1, 0) + 1) * DAY_MS;
  for (const days of LATENCY_BENCH.historyDays) {
    until += (days + 1) * DAY_MS;
    progress.update(`a report while ${days} day(s) of history catch up`);
    const delivery = await deliveryDuringCatchUp(page, environment, days, Math.min(until, Date.now()));
    progress.update(`${days} day(s): drawn after ${seconds(delivery.reportToPixelMs)}`);
    withHistory.push({ days, ...delivery });
    await sleep(2000);
  }
  return { baseline, withHistory };
}

const queueTotal = async (page: Page) =>
  Number(((await page.getByTestId('queue-total').textContent()) ?? '').replace(/\D/g, ''));

/** Long tasks while scrolling the queue at each size, and with the list left alone at each, in one page. */
async function measureScroll(page: Page, environment: LatencyEnvironment, progress: Progress) {
  await page.addInitScript(() => localStorage.setItem('pingan.screen', 'workspace'));
  await page.goto(`${environment.shellUrl}&view=panels`);
  await page.getByTestId('queue-item').first().waitFor({ timeout: 600_000 });
  const before = await queueTotal(page);
  const sizes = [];
  let recorded = 0;
  for (const size of LATENCY_BENCH.queueSizes) {
    progress.update(`queue of ${size.toLocaleString('en')} more incidents: recording`);
    await recordQueue(environment, recorded, size - recorded);
    recorded = size;
    const head = await environment.hub.store.headSeq();
    await waitUntil(
      `the queue to hold ${size} more incidents`,
      async () => environment.cacheCursor() >= head && (await queueTotal(page)) >= before + size,
    );
    // The catch-up's last refreshes settle before the list is measured.
    await sleep(3_000);
    progress.update(`queue of ${(await queueTotal(page)).toLocaleString('en')}: flicking`);
    const idle = [await flick(page, false)];
    const scrolled = [];
    for (let i = 0; i < LATENCY_BENCH.flicksPerSize; i += 1) scrolled.push(await flick(page, true));
    sizes.push({
      queue: await queueTotal(page),
      baseline: distribution(idle),
      scrolling: distribution(scrolled),
    });
  }
  return sizes;
}

type Measured = Awaited<ReturnType<typeof measureLatency>>;
type Scrolled = Awaited<ReturnType<typeof measureScroll>>;

function latencyRows({ baseline, withHistory }: Measured) {
  const baselineMs = median(baseline.map((delivery) => delivery.reportToPixelMs));
  return [
    {
      measurement: `Report → drawn on the map, line up to date (median of ${baseline.length}; baseline)`,
      value: `${seconds(baselineMs)} (${baseline.map((delivery) => seconds(delivery.reportToPixelMs)).join(', ')})`,
      target: {
        goal: `≤ ${seconds(LATENCY_TARGETS.reportToPixelMs)}`,
        pass: baselineMs <= LATENCY_TARGETS.reportToPixelMs,
      },
    },
    ...withHistory.map((delivery) => ({
      measurement: `Report → drawn, filed while ${delivery.days} day(s) of history (${delivery.historyEvents.toLocaleString('en')} events) catch up; ÷ baseline`,
      value: `${seconds(delivery.reportToPixelMs)}, ${(delivery.reportToPixelMs / baselineMs).toFixed(2)}× (drawn ${delivery.drawnDuringCatchUp ? 'before' : 'after'} the catch-up ended, ${seconds(delivery.catchUpMs!)} after the line came back)`,
      target: {
        goal: `≤ ${seconds(LATENCY_TARGETS.reportToPixelMs)}`,
        pass: delivery.reportToPixelMs <= LATENCY_TARGETS.reportToPixelMs,
      },
    })),
  ];
}

function scrollRows(sizes: Scrolled) {
  const describe = (d: Scrolled[number]['scrolling']) =>
    `${d.longTasks} in ${d.flicks} (${d.perFlick.join(', ')}); p50 ${d.p50Ms} / p95 ${d.p95Ms} / max ${d.maxMs} ms`;
  return sizes.flatMap((size) => [
    {
      measurement: `Queue of ${size.queue.toLocaleString('en')}: long tasks with the list left alone (baseline)`,
      value: describe(size.baseline),
    },
    {
      measurement: `Queue of ${size.queue.toLocaleString('en')}: long tasks while flicking through it`,
      value: describe(size.scrolling),
    },
  ]);
}

export const latencyBenchmark: Benchmark = {
  name: 'latency',
  summary: 'report → map pixel with and while history catches up; queue-scroll long tasks as a distribution',
  async run(_args, { progress, cleanup }) {
    progress.phase(
      'Setting up: a hub seeded with the region, the browser shell behind a line that can be held',
    );
    const environment = await startLatencyEnvironment(
      makeTempDir('pingan-bench-latency-', cleanup),
      progress,
    );
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ viewport: LATENCY_BENCH.viewport });
      await context.addInitScript(() => localStorage.setItem('pinganDebug', '1'));
      // tsx keeps function names with a helper the page lacks.
      await context.addInitScript('window.__name = (target) => target;');
      const mapPage = await context.newPage();
      progress.phase('The wall map: first full read, then zoomed in on the reports’ village');
      await openMap(mapPage, environment);
      progress.phase('Report → pixel: on a line up to date, then while history catches up');
      const latency = await measureLatency(mapPage, environment, progress);
      await mapPage.close();
      progress.phase('Queue scroll: long tasks at each queue size, with a baseline left alone');
      const scroll = await measureScroll(await context.newPage(), environment, progress);
      return {
        settings: { ...LATENCY_BENCH, chromium: browser.version() },
        measurements: { latency, scroll },
        rows: [...latencyRows(latency), ...scrollRows(scroll)],
      };
    } finally {
      await browser.close();
      await environment.stop();
    }
  },
};
