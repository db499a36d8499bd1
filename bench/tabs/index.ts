import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';
import type { Benchmark } from '../lib/benchmark';
import { median } from '../lib/stats';
import { makeTempDir } from '../lib/temp-dir';
import { startMapEnvironment } from '../map/environment';
import { sampleIds } from '../map/page-probes';
import { streamChanges } from '../map/stream';
import { countWallPaints, showWall, wallPaints } from './page-probes';

const TABS_BENCH = {
  viewport: { width: 1920, height: 1080 },
  /** Returns to the kept wall map from the workspace, on the last of those pages. */
  keptRounds: 7,
  /** The stream that runs while the wall map's paints are counted, hidden and shown. */
  paintSeconds: 10,
} as const;
const TABS_TARGETS = {
  /** A return to the kept map ÷ building it anew. */
  keptRatio: 0.1,
} as const;

const ms = (value: number) => `${value.toFixed(0)} ms`;
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

async function workspaceLoaded(page: Page, monitoringCount: string): Promise<void> {
  await page
    .locator('[data-testid="tab-workspace"] [data-testid="layer-count-monitoring-points"]')
    .filter({ hasText: monitoringCount })
    .waitFor({ timeout: 180_000 });
}

export const tabsBenchmark: Benchmark = {
  name: 'tabs',
  summary: 'tab switch back to the wall: the kept map shown vs the map built anew (as every switch used to)',
  async run(_args, { progress, cleanup }) {
    progress.phase('Setting up: a hub seeded with Dali, a simulated stretch of day, the browser shell');
    const environment = await startMapEnvironment(makeTempDir('pingan-bench-tabs-', cleanup), progress);
    const monitoringCount = environment.monitoringPoints.toLocaleString('en');
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      // One page: closing or reloading a page that has drawn the whole map hung here, so the baseline is
      // the one first visit to the wall this page makes.
      progress.phase("Fresh: the wall's map built on the first visit to its tab");
      const page = await browser.newPage({ viewport: TABS_BENCH.viewport });
      // tsx keeps function names with a helper the page lacks; the probes are sent over as source text.
      await page.addInitScript('window.__name = (target) => target;');
      await page.addInitScript(() => {
        localStorage.setItem('pinganDebug', '1');
        localStorage.setItem('pingan.screen', 'reports');
      });
      await page.goto(environment.shellUrl);
      await page
        .getByTestId('status-operator')
        .filter({ hasText: environment.operatorName })
        .waitFor({ timeout: 120_000 });
      await page.getByTestId('reports').waitFor({ timeout: 120_000 });
      const freshMs = await page.evaluate(showWall, { monitoringCount, timeoutMs: 180_000 });

      progress.phase('Kept: the workspace (its own map built once), then back to the wall');
      await page.getByTestId('screen-workspace').click();
      await workspaceLoaded(page, monitoringCount);
      const kept: number[] = [];
      for (let round = 1; round <= TABS_BENCH.keptRounds; round++) {
        progress.update(`${round}/${TABS_BENCH.keptRounds}`);
        await page.getByTestId('screen-workspace').click();
        await sleep(1000);
        kept.push(await page.evaluate(showWall, { monitoringCount, timeoutMs: 180_000 }));
      }

      progress.phase(
        `Paints of the wall map while ${TABS_BENCH.paintSeconds} s of changes stream in: hidden, shown`,
      );
      // The camera ids are read from the wall map's source, which `sampleIds` finds as the page's map.
      await page.evaluate(() => {
        const probed = window as unknown as { __benchWallMap: unknown; __pinganMap: unknown };
        probed.__pinganMap = probed.__benchWallMap;
      });
      const ids = await page.evaluate(sampleIds, 5_000);
      // One stream for both windows: its change ids are numbered from its start.
      const stream = streamChanges({ url: environment.hubUrl, apiKey: environment.apiKey }, ids);
      const paintsWhile = async (tab: 'workspace' | 'situation') => {
        await page.getByTestId(`screen-${tab}`).click();
        await page.evaluate(countWallPaints);
        await sleep(TABS_BENCH.paintSeconds * 1000);
        return page.evaluate(wallPaints);
      };
      const hiddenPaints = await paintsWhile('workspace');
      const shownPaints = await paintsWhile('situation');
      await stream.stop();

      const keptMs = median(kept);
      return {
        settings: {
          ...TABS_BENCH,
          chromium: await browser.version(),
          monitoringPoints: environment.monitoringPoints,
        },
        measurements: {
          freshMs,
          kept,

          keptMedianMs: keptMs,
          hiddenPaints,
          shownPaints,
        },
        rows: [
          {
            measurement: `Wall map built anew on a switch to its tab, ${monitoringCount} cameras, until drawn in full (baseline)`,
            value: ms(freshMs),
          },
          {
            measurement: 'Switch back to the kept wall map, until drawn in full',
            value: `${ms(keptMs)} (median of ${kept.length})`,
          },
          {
            measurement: 'Kept ÷ built anew',
            value: `${(keptMs / freshMs).toFixed(3)}×`,
            target: {
              goal: `≤ ${TABS_TARGETS.keptRatio}×`,
              pass: keptMs / freshMs <= TABS_TARGETS.keptRatio,
            },
          },
          {
            measurement: `Wall map paints in ${TABS_BENCH.paintSeconds} s of 200 changes/s: tab hidden vs shown`,
            value: `${hiddenPaints} vs ${shownPaints}`,
            target: { goal: 'none while hidden', pass: hiddenPaints === 0 },
          },
        ],
      };
    } finally {
      await browser.close();
      await environment.stop();
    }
  },
};
