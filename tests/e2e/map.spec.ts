import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';
import { MAP_FEATURE_PAGE_SIZE } from '../../src/core/contract/api';
import { startDemo, type RunningDemo } from '../../scripts/demo-process';
import { collectForeignRequests } from './support/foreign-requests';
import { postReport } from './support/post-report';

/**
 * The live wall map against a real hub and simulator, as the demo runs it. One page walks through the
 * map in order — render, drill down, a new report, English, the basemap — since loading ~150,000
 * monitoring points once is the slow part.
 */
test.describe.configure({ mode: 'serial' });

const LAYERS = [
  'grids',
  'incidents',
  'monitoring-points',
  'forces',
  'sensitive-places',
  'dangerous-objects',
] as const;
type Counts = Record<(typeof LAYERS)[number], number>;

let demo: RunningDemo;
/** The village the drill-down ends in, where the test files its report. */
let reportVillage: string;
let context: BrowserContext;
let page: Page;
let foreignRequests: string[];

let browser: Browser;

test.beforeAll(async () => {
  // The demo as an operator starts it, with its week of history: live reports are shown while the past
  // catches up beneath them (the figure, report to pixel while a week catches up, is `npm run bench -- latency`).
  demo = await startDemo({ speed: 60 });
  // A browser of its own: the shared one has printed PDFs and drawn other maps by now, and in a full run the
  // incident layer here was then not drawn in time; alone, on a fresh browser, it is.
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  foreignRequests = collectForeignRequests(context);
  // Exposes the MapLibre instance as window.__pinganMap.
  await context.addInitScript(() => localStorage.setItem('pinganDebug', '1'));
  page = await context.newPage();
});

test.afterAll(async () => {
  await context?.close();
  await browser?.close();
  await demo?.stop();
});

async function counts(): Promise<Counts> {
  const entries = await Promise.all(
    LAYERS.map(async (layer) => {
      const text = await page.getByTestId(`layer-count-${layer}`).textContent();
      return [layer, Number((text ?? '').replace(/\D/g, ''))] as const;
    }),
  );
  return Object.fromEntries(entries) as Counts;
}

async function openMap(): Promise<void> {
  // The counts fill in once the map's first full read of the local cache has arrived.
  await expect(page.getByTestId('layer-count-monitoring-points')).toHaveText('146,512', { timeout: 60_000 });
  await page.getByTestId('live-map').evaluate((map) => map.scrollIntoView({ block: 'nearest' }));
  // Sources never settle while the stream runs, so "drawn" is judged by what is on screen.
  await page.waitForFunction(
    () => (window.__pinganMap?.queryRenderedFeatures({ layers: ['line-county'] }).length ?? 0) > 0,
    null,
    { timeout: 30_000 },
  );
}

/**
 * Clicks the map inside the largest division one level below `scope`, at a spot where no symbol would take
 * the click instead, waits for the breadcrumb to arrive there, and returns the division's code.
 */
async function drillBelow(scope: string, level: 'county' | 'township' | 'village'): Promise<string> {
  const spot = await page.evaluate(
    async ({ scope, level }) => {
      const map = window.__pinganMap!;
      const source = map.getSource(`boundary-${level}`) as unknown as {
        getData(): Promise<GeoJSON.FeatureCollection<GeoJSON.Polygon | GeoJSON.MultiPolygon>>;
      };
      const canvas = map.getCanvas().getBoundingClientRect();
      const symbols = [
        'incident-clusters',
        'incident-points',
        'force-symbols',
        'monitoring-symbols',
        'sensitive-place-symbols',
        'dangerous-object-symbols',
      ];
      // Only where a click reaches the canvas: not under the panels, not scrolled or clipped away.
      const onCanvas = (x: number, y: number) =>
        document.elementFromPoint(canvas.left + x, canvas.top + y) === map.getCanvas();
      const codeAt = (x: number, y: number) =>
        map.queryRenderedFeatures([x, y], { layers: [`region-hit-${level}`] })[0]?.properties.code;
      const divisions = (await source.getData()).features
        .filter((feature) => String(feature.properties?.code).startsWith(scope))
        .map((feature) => {
          const corners = JSON.stringify(feature.geometry.coordinates)
            .match(/-?[\d.]+,-?[\d.]+/g)!
            .map((pair) => map.project(pair.split(',').map(Number) as [number, number]));
          const xs = corners.map((p) => p.x);
          const ys = corners.map((p) => p.y);
          const box = {
            x0: Math.max(8, Math.min(...xs)),
            x1: Math.min(canvas.width - 8, Math.max(...xs)),
            y0: Math.max(8, Math.min(...ys)),
            y1: Math.min(canvas.height - 8, Math.max(...ys)),
          };
          return { code: String(feature.properties?.code), name: String(feature.properties?.name), box };
        })
        .sort(
          (a, b) =>
            (b.box.x1 - b.box.x0) * (b.box.y1 - b.box.y0) - (a.box.x1 - a.box.x0) * (a.box.y1 - a.box.y0),
        );
      for (const { code, name, box } of divisions) {
        const step = Math.max(3, Math.min(box.x1 - box.x0, box.y1 - box.y0) / 40);
        for (let y = box.y0; y <= box.y1; y += step)
          for (let x = box.x0; x <= box.x1; x += step) {
            // Well inside the division, not on a border two of them share, and clear of any symbol:
            // clicks count within 5 px of a symbol, so 6 px of clearance is enough.
            const around = [
              [x, y],
              [x - 6, y],
              [x + 6, y],
              [x, y - 6],
              [x, y + 6],
            ] as const;
            if (!onCanvas(x, y) || !around.every(([px, py]) => codeAt(px, py) === code)) continue;
            const clearance: [[number, number], [number, number]] = [
              [x - 6, y - 6],
              [x + 6, y + 6],
            ];
            if (map.queryRenderedFeatures(clearance, { layers: symbols }).length > 0) continue;
            return { x: canvas.left + x, y: canvas.top + y, code, name };
          }
      }
      return null;
    },
    { scope, level },
  );
  expect(spot, `a clear spot inside a ${level} of ${scope}`).not.toBeNull();
  await page.mouse.click(spot!.x, spot!.y);
  await expect(page.getByTestId('breadcrumb').locator('[aria-current]')).toHaveText(spot!.name);
  const next = { county: 'township', township: 'village', village: 'grid' }[level];
  // Drawn once the flight has ended and the finer level's tiles are in.
  await expect
    .poll(
      () =>
        page.evaluate((next) => {
          const map = window.__pinganMap!;
          const drawn = map.queryRenderedFeatures({ layers: [`region-hit-${next}`] }).length;
          return { moving: map.isMoving(), drawn: drawn > 0 };
        }, next),
      // A readiness wait, not a measure of speed: software rendering on a busy machine can take this long.
      { timeout: 60_000 },
    )
    .toEqual({ moving: false, drawn: true });
  return spot!.code;
}

test('the map draws the region offline, with every layer and its count', async () => {
  // The page's first read and tiling of every layer, software-rendered: readiness waits, not a speed claim.
  test.setTimeout(120_000);
  await page.goto(demo.shellUrl);
  await openMap();

  const structure = await page.evaluate(async () => {
    const map = window.__pinganMap!;
    const data = async (id: string) => {
      const source = map.getSource(id) as unknown as { getData(): Promise<{ features: unknown[] }> };
      return (await source.getData()).features.length;
    };
    return {
      layers: map.getLayersOrder(),
      glyphs: map.getStyle().glyphs,
      counties: await data('boundary-county'),
      grids: await data('boundary-grid'),
    };
  });
  expect(structure.glyphs).toMatch(/^localglyphs:\/\//);
  expect(structure.layers).toEqual(
    expect.arrayContaining([
      'line-county',
      'grid-load',
      'incident-clusters',
      'monitoring-density',
      'force-dots',
    ]),
  );
  expect(structure.counties).toBe(12);
  expect(structure.grids).toBeGreaterThan(4000);
  // The layer's count is of what the map shows at once; its source is sent changes in batches, so the last
  // batch of the catch-up may still be on its way to MapLibre's worker.
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          const source = window.__pinganMap!.getSource('monitoring-points') as unknown as {
            getData(): Promise<{ features: unknown[] }>;
          };
          return (await source.getData()).features.length;
        }),
      { timeout: 30_000 },
    )
    .toBe(146_512);

  // What is drawn, once the worker has tiled it all.
  const rendered = (...layers: string[]) =>
    page.evaluate((layers) => window.__pinganMap!.queryRenderedFeatures({ layers }).length, layers);
  await expect.poll(() => rendered('line-county'), { timeout: 30_000 }).toBeGreaterThan(0);
  // The density surface is drawn from clusters of cameras: what counts is how many cameras they hold.
  const camerasInDensity = () =>
    page.evaluate(() =>
      window
        .__pinganMap!.queryRenderedFeatures({ layers: ['monitoring-density'] })
        .reduce((sum, feature) => sum + Number(feature.properties.point_count ?? 1), 0),
    );
  await expect.poll(camerasInDensity, { timeout: 30_000 }).toBeGreaterThan(100_000);
  await expect
    .poll(() => rendered('incident-clusters', 'incident-points'), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await expect.poll(() => rendered('force-dots'), { timeout: 30_000 }).toBeGreaterThan(6000);
  await expect.poll(() => rendered('sensitive-place-symbols'), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect.poll(() => rendered('dangerous-object-symbols'), { timeout: 30_000 }).toBeGreaterThan(0);

  const all = await counts();
  expect(all.grids).toBe(structure.grids);
  expect(all['monitoring-points']).toBe(146_512);
  // The demonstration registers four sensitive places and three dangerous objects in each of the 12 counties.
  expect(all['sensitive-places']).toBe(48);
  expect(all['dangerous-objects']).toBe(36);
  expect(all.forces).toBeGreaterThan(6000);

  // The canvas itself: read back one frame and look for the region's colours on the background.
  const pixels = await page.evaluate(
    () =>
      new Promise<{ painted: number; colours: number }>((resolve) => {
        const map = window.__pinganMap!;
        map.once('render', () => {
          const gl = (map.getCanvas().getContext('webgl2') ?? map.getCanvas().getContext('webgl'))!;
          const { drawingBufferWidth: width, drawingBufferHeight: height } = gl;
          const rgba = new Uint8Array(width * height * 4);
          gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, rgba);
          const colours = new Set<number>();
          let painted = 0;
          for (let i = 0; i < rgba.length; i += 4 * 7) {
            const [r, g, b] = [rgba[i]!, rgba[i + 1]!, rgba[i + 2]!];
            colours.add((r << 16) | (g << 8) | b);
            if (Math.abs(r - 0x0b) + Math.abs(g - 0x12) + Math.abs(b - 0x20) > 12) painted += 1;
          }
          resolve({ painted: (painted * 7 * 4) / rgba.length, colours: colours.size });
        });
        map.triggerRepaint();
      }),
  );
  expect(pixels.painted).toBeGreaterThan(0.02);
  expect(pixels.colours).toBeGreaterThan(50);
});

/** The figures beside the map count the cameras of the same scope as the map does. */
async function expectFiguresToMatchMap(): Promise<void> {
  const onMap = (await counts())['monitoring-points'];
  await expect(page.getByTestId('figure-camera-online')).toContainText(
    `/ 共 ${onMap.toLocaleString('en')} 路`,
  );
}

test('drilling down county → township → village narrows every layer count and the figures', async () => {
  test.setTimeout(240_000);
  await expectFiguresToMatchMap();
  const levels: Counts[] = [await counts()];
  let scope = '5329';
  for (const level of ['county', 'township', 'village'] as const) {
    scope = await drillBelow(scope, level);
    levels.push(await counts());
    await expectFiguresToMatchMap();
  }
  reportVillage = scope;
  for (let i = 1; i < levels.length; i++)
    for (const layer of LAYERS)
      expect(levels[i]![layer], `${layer} at depth ${i}`).toBeLessThanOrEqual(levels[i - 1]![layer]);
  for (const layer of ['grids', 'monitoring-points', 'forces', 'sensitive-places'] as const)
    expect(levels[1]![layer], `${layer} in one county`).toBeLessThan(levels[0]![layer]);
  expect(levels[3]!['monitoring-points']).toBeLessThan(levels[2]!['monitoring-points']);
  await expect(page.getByTestId('breadcrumb').locator('li')).toHaveCount(4);
});

test('a report posted to the hub reaches the map and its count, is drawn, and opens in detail', async () => {
  test.setTimeout(180_000);
  const before = (await counts()).incidents;
  const title = `地图端到端测试 ${Date.now()}`;
  // Inside the village as the map draws it (its label point), so that it lands in view.
  const location = await page.evaluate(async (village) => {
    const labels = window.__pinganMap!.getSource('region-labels') as unknown as {
      getData(): Promise<GeoJSON.FeatureCollection<GeoJSON.Point>>;
    };
    const label = (await labels.getData()).features.find((feature) => feature.properties?.code === village);
    return label!.geometry.coordinates;
  }, reportVillage);
  // Close enough that clusters have broken up into single incidents.
  await page.evaluate((location) => {
    const map = window.__pinganMap!;
    map.jumpTo({ center: location as [number, number], zoom: 13 });
  }, location);
  await page.waitForFunction(() => window.__pinganMap!.areTilesLoaded(), null, { timeout: 20_000 });
  const status = await postReport(demo, {
    title,
    jurisdictionCode: reportVillage,
    location,
    address: '大理市下关',
  });
  expect(status).toBe(201);

  const shownOnMap = () =>
    page.evaluate((title) => {
      const map = window.__pinganMap!;
      const drawn = map
        .queryRenderedFeatures({ layers: ['incident-points'] })
        .some((feature) => feature.properties.title === title);
      if (drawn) return 'drawn';
      // Says how far it got when it is not yet drawn.
      const tiled = map
        .querySourceFeatures('incidents')
        .some((feature) => feature.properties.title === title);
      return tiled ? 'tiled, not yet drawn' : 'not on the map';
    }, title);
  // Generous timeouts: behaviour, not speed — the report reaches the map and its count. How fast (the 2 s
  // claim, with and without a week of history catching up) is measured by `npm run bench -- latency`.
  const arrived = Date.now();
  await expect.poll(shownOnMap, { timeout: 60_000, intervals: [200] }).toBe('drawn');
  test.info().annotations.push({ type: 'report drawn after', description: `${Date.now() - arrived} ms` });
  await expect
    .poll(async () => (await counts()).incidents, { timeout: 60_000, intervals: [200] })
    .toBeGreaterThan(before);

  // Inspecting it: the detail panel with its stage and the nearest cameras and forces.
  const spot = await page.evaluate((title) => {
    const map = window.__pinganMap!;
    const feature = map
      .queryRenderedFeatures({ layers: ['incident-points'] })
      .find((candidate) => candidate.properties.title === title)!;
    const at = map.project((feature.geometry as GeoJSON.Point).coordinates as [number, number]);
    const canvas = map.getCanvas().getBoundingClientRect();
    return { x: canvas.left + at.x, y: canvas.top + at.y };
  }, title);
  await page.mouse.click(spot.x, spot.y);
  await expect(page.getByTestId('detail-panel')).toContainText(title);
  await expect(page.getByTestId('detail-panel')).toContainText('最近的监控点');
  await expect(
    page
      .getByTestId('detail-panel')
      .getByText(/\d+ 米|公里/)
      .first(),
  ).toBeVisible();

  // The breadcrumb leads back up to the operator's whole jurisdiction.
  await page.getByTestId('breadcrumb').locator('button').first().click();
  await expect(page.getByTestId('breadcrumb').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('layer-count-monitoring-points')).toHaveText('146,512');
});

test('the English switch translates every visible string of the map', async () => {
  await page.locator('.map-settings summary').click();
  const untranslated = () =>
    page.locator('body').evaluate((root) => {
      const han = /\p{Script=Han}/u;
      const found: string[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement!;
        // Place names, titles and addresses are data, marked translate="no"; everything else is interface.
        if (!han.test(node.textContent ?? '') || element.closest('[translate="no"]')) continue;
        if (element.checkVisibility({ visibilityProperty: true })) found.push(node.textContent!.trim());
      }
      return found;
    });
  expect((await untranslated()).length).toBeGreaterThan(30);

  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('layer-count-incidents').locator('..')).toContainText('Open incidents');
  expect(await untranslated()).toEqual([]);
  // The words drawn on the canvas change too: stage names and the marks on forces.
  const drawn = await page.evaluate(() => {
    const map = window.__pinganMap!;
    return JSON.stringify([
      map.getLayoutProperty('incident-points', 'text-field'),
      map.getLayoutProperty('force-symbols', 'text-field'),
    ]);
  });
  expect(drawn).toContain('Reported');
  expect(drawn).not.toMatch(/\p{Script=Han}/u);
});

test('the basemap setting persists across a reload, under the region overlay', async () => {
  const styleUrl = new URL('/e2e-basemap/style.json', demo.shellUrl).href;
  await page.route(styleUrl, (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        version: 8,
        sources: {},
        layers: [{ id: 'paper', type: 'background', paint: { 'background-color': '#1d2b3f' } }],
      }),
    }),
  );
  const setting = page.getByTestId('basemap-setting');
  await setting.getByTestId('basemap-kind-style-url').check();
  await setting.getByTestId('basemap-url').fill(styleUrl);
  await setting.getByTestId('basemap-apply').click();
  const basemapUnderOverlay = () =>
    page.evaluate(() => {
      // Between two styles there are no layers yet: that counts as "not yet".
      const ids = window.__pinganMap?.getLayersOrder() ?? [];
      return ids.includes('basemap:paper') && ids.indexOf('basemap:paper') < ids.indexOf('land-prefecture');
    });
  await expect.poll(basemapUnderOverlay, { timeout: 10_000 }).toBe(true);

  await page.reload();
  await openMap();
  await expect(page.getByTestId('basemap-current')).toContainText(styleUrl);
  await expect.poll(basemapUnderOverlay, { timeout: 15_000 }).toBe(true);
  await expect(page.getByTestId('layer-count-grids')).not.toHaveText('0');
});

test('with more open incidents than one page, the wall first draws the clusters the cache keeps, then every incident', async () => {
  test.setTimeout(300_000);
  const bulk = MAP_FEATURE_PAGE_SIZE + 500;
  // Each report at a village's label point, spread over every village of the prefecture.
  const villages = await page.evaluate(async () => {
    const labels = window.__pinganMap!.getSource('region-labels') as unknown as {
      getData(): Promise<GeoJSON.FeatureCollection<GeoJSON.Point>>;
    };
    return (await labels.getData()).features
      .filter((feature) => feature.properties?.level === 'village')
      .map((feature) => ({ code: String(feature.properties!.code), location: feature.geometry.coordinates }));
  });
  expect(villages.length).toBeGreaterThan(100);
  for (let from = 0; from < bulk; from += 500) {
    const reports = Array.from({ length: Math.min(500, bulk - from) }, (_, i) => {
      const village = villages[(from + i) % villages.length]!;
      return {
        id: `e2e-bulk-${from + i}`,
        source: 'citizen-qr',
        kind: 'dispute',
        category: 'neighbourhood',
        title: `批量上报 ${from + i}`,
        jurisdictionCode: village.code,
        location: village.location,
        address: '批量测试地址',
      };
    });
    const response = await fetch(`${demo.hubUrl}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${demo.ingestKey}` },
      body: JSON.stringify({ reports }),
    });
    expect(response.status, await response.text()).toBe(201);
  }
  await expect
    .poll(async () => (await counts()).incidents, { timeout: 120_000, intervals: [500] })
    .toBeGreaterThan(bulk);

  // What the page draws, frame by frame from the first: the clusters from the cache's cells, the map's own
  // clusters and symbols, and the progress bar of the incidents' load.
  await page.addInitScript(() => {
    const seen = {
      cellFrames: [] as { cells: number; incidents: number; count: number }[],
      barTotals: [] as number[],
    };
    (window as unknown as { __loadSeen: typeof seen }).__loadSeen = seen;
    const frame = () => {
      const map = window.__pinganMap;
      if (map?.isStyleLoaded() && map.getLayer('incident-cells')) {
        const cells = map.queryRenderedFeatures({ layers: ['incident-cells'] });
        const places = new Map(
          cells.map((cell) => [JSON.stringify(cell.geometry), Number(cell.properties.count)]),
        );
        const incidents = map.queryRenderedFeatures({
          layers: ['incident-clusters', 'incident-points'],
        }).length;
        if (cells.length > 0)
          seen.cellFrames.push({
            cells: places.size,
            incidents,
            count: [...places.values()].reduce((a, b) => a + b, 0),
          });
      }
      const bar = document.querySelector('[data-testid="map-incident-load"]');
      const total = bar?.textContent?.match(/\/\s*([\d,]+)/)?.[1];
      if (total) seen.barTotals.push(Number(total.replace(/,/g, '')));
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await page.reload();
  await openMap();
  // Every incident in: the bar gone, the cells taken off, the map's own clusters drawn.
  await expect(page.getByTestId('map-incident-load')).toHaveCount(0, { timeout: 120_000 });
  await expect
    .poll(
      () =>
        page.evaluate(() => ({
          cells: window.__pinganMap!.queryRenderedFeatures({ layers: ['incident-cells'] }).length,
          clusters: window.__pinganMap!.queryRenderedFeatures({ layers: ['incident-clusters'] }).length > 0,
        })),
      { timeout: 60_000 },
    )
    .toEqual({ cells: 0, clusters: true });
  const seen = await page.evaluate(
    () =>
      (
        window as unknown as {
          __loadSeen: {
            cellFrames: { cells: number; incidents: number; count: number }[];
            barTotals: number[];
          };
        }
      ).__loadSeen,
  );
  const total = Math.max(...seen.barTotals);
  expect(total).toBeGreaterThan(bulk);
  // The first frames with incidents on them were the cache's clusters, before any incident itself.
  expect(seen.cellFrames.length).toBeGreaterThan(0);
  expect(seen.cellFrames[0]!.incidents).toBe(0);
  // They count every open incident (the simulator reports and closes a few meanwhile).
  expect(Math.abs(seen.cellFrames[0]!.count - total)).toBeLessThan(total * 0.01);
  expect((await counts()).incidents).toBeGreaterThan(bulk);
});

test('nothing the map did left 127.0.0.1', () => {
  expect(foreignRequests).toEqual([]);
});
