import { chromium, type Page } from '@playwright/test';
import { INCIDENT_LOAD_MARKS } from '../../renderer/src/map/controller/marks';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';
import type { Benchmark, ResultRow } from '../lib/benchmark';
import { parseIncidentSizes } from '../lib/sizes';
import { median } from '../lib/stats';
import { makeTempDir } from '../lib/temp-dir';
import { startMapEnvironment } from '../map/environment';
import { slope } from '../queue/report';
import { installWallProbes, wallLoadTimes, type WallLoadTimes } from './page-probes';
import { fileReports, villagesOfRegion } from './reports';
import { WALL_BENCH, WALL_TARGETS } from './settings';

/** A load of a million incidents on software rendering is minutes long: a readiness wait, not a target. */
const LOAD_TIMEOUT_MS = 15 * 60_000;

interface SizeResult {
  filed: number;
  /** Open incidents on the wall, as the load counted them. */
  open: number;
  regionFrameMs: number[];
  firstFrameMs: number[];
  allDrawnMs: number[];
}

const count = (n: number) => n.toLocaleString('en');
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;

/** One reload of the wall, timed from the map asking for its incidents until every one of them is drawn. */
async function measureLoad(page: Page): Promise<WallLoadTimes> {
  await page.reload();
  await page.waitForFunction(
    () => (window as unknown as { __wallProbes?: WallLoadTimes }).__wallProbes?.allDrawnAt != null,
    null,
    { timeout: LOAD_TIMEOUT_MS, polling: 500 },
  );
  return page.evaluate(wallLoadTimes);
}

function sizeRows({ filed, open, regionFrameMs, firstFrameMs, allDrawnMs }: SizeResult): ResultRow[] {
  const at = `${count(open)} open (${count(filed)} filed):`;
  const first = median(firstFrameMs);
  const all = median(allDrawnMs);
  return [
    { measurement: `${at} every incident loaded and drawn, after the map asks (baseline)`, value: ms(all) },
    {
      measurement: `${at} first frame with the region on it, after the map asks (the floor: no incident comes sooner)`,
      value: ms(median(regionFrameMs)),
    },
    {
      measurement: `${at} first frame with incidents on it (the cache's clusters), after the map asks`,
      value: `${ms(first)}; ${(first / all).toFixed(3)}× every incident`,
    },
  ];
}

function acrossRows(results: readonly SizeResult[]): ResultRow[] {
  const first = results[0]!;
  const last = results.at(-1)!;
  const rows: ResultRow[] = [];
  if (results.length > 1) {
    const span = `${count(first.open)} → ${count(last.open)} open`;
    const firstFrameSlope = slope(
      median(first.firstFrameMs),
      median(last.firstFrameMs),
      first.open,
      last.open,
    );
    rows.push(
      {
        measurement: `Slope (log-log, ${span}): first frame with incidents`,
        value: firstFrameSlope.toFixed(3),
        target: { goal: `≤ ${WALL_TARGETS.slope}`, pass: firstFrameSlope <= WALL_TARGETS.slope },
      },
      {
        measurement: `Slope (log-log, ${span}): every incident drawn (baseline, for reference)`,
        value: slope(median(first.allDrawnMs), median(last.allDrawnMs), first.open, last.open).toFixed(3),
      },
    );
  }
  const largest = median(last.firstFrameMs);
  rows.push({
    measurement: `At ${count(last.open)} open: first frame with incidents, after the map asks`,
    value: ms(largest),
    target: { goal: `≤ ${count(WALL_TARGETS.firstFrameMs)} ms`, pass: largest <= WALL_TARGETS.firstFrameMs },
  });
  return rows;
}

export const wallBenchmark: Benchmark = {
  name: 'wall',
  summary: "the wall's incidents in Chromium at 10k–1M open: first frame vs every incident drawn",
  async run(args, { progress, cleanup }) {
    const sizes = parseIncidentSizes('wall', args, {
      defaults: WALL_BENCH.sizes,
      min: 1_000,
      max: WALL_BENCH.maxSize,
    });
    progress.phase('Setting up: a hub seeded with Dali, a simulated stretch of day, the browser shell');
    const environment = await startMapEnvironment(makeTempDir('pingan-bench-wall-', cleanup), progress);
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const villages = villagesOfRegion();
    const results: SizeResult[] = [];
    try {
      const context = await browser.newContext({ viewport: WALL_BENCH.viewport });
      // tsx keeps function names with a helper the page lacks; the probes are sent over as source text.
      await context.addInitScript('window.__name = (target) => target;');
      await context.addInitScript(installWallProbes, INCIDENT_LOAD_MARKS);
      const page = await context.newPage();
      let filed = 0;
      for (const size of sizes) {
        progress.phase(`${count(size)}: filing reports through the hub`);
        await fileReports(
          { url: environment.hubUrl, apiKey: environment.apiKey },
          villages,
          filed,
          size,
          progress,
        );
        filed = size;
        // The desktop has them once the wall counts them (the cache's clusters count every open incident).
        progress.phase(`${count(size)}: the desktop catching up`);
        await page.goto(environment.shellUrl);
        await page.waitForFunction(
          (size) =>
            Number(
              document
                .querySelector('[data-testid="layer-count-incidents"]')
                ?.textContent?.replace(/\D/g, '') ?? 0,
            ) >= size,
          size,
          { timeout: LOAD_TIMEOUT_MS, polling: 1000 },
        );
        const result: SizeResult = {
          filed: size,
          open: 0,
          regionFrameMs: [],
          firstFrameMs: [],
          allDrawnMs: [],
        };
        for (let round = 1; round <= WALL_BENCH.rounds; round += 1) {
          progress.phase(`${count(size)}: reload ${round} of ${WALL_BENCH.rounds}`);
          const times = await measureLoad(page);
          result.regionFrameMs.push(times.firstRegionFrameAt! - times.askedAt!);
          result.firstFrameMs.push(times.firstIncidentFrameAt! - times.askedAt!);
          result.allDrawnMs.push(times.allDrawnAt! - times.askedAt!);
          result.open = times.total ?? size;
        }
        results.push(result);
      }
      return {
        settings: { ...WALL_BENCH, sizes, chromium: await browser.version() },
        measurements: { sizes: results },
        rows: [...results.flatMap(sizeRows), ...acrossRows(results)],
      };
    } finally {
      await browser.close();
      await environment.stop();
    }
  },
};
