import { expect, test, type JSHandle, type Page } from '@playwright/test';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { addChinaDays, chinaDayOf } from '../../src/domain';
import { simulateDays } from '../support/simulated-days';
import { drillIntoACounty, waitForCountyLines } from './support/map-drill';
import { WorkspaceRig } from './support/workspace-rig';

/**
 * The duty commander's whole wall, with three simulated days of 大理市 in the log: what the operator did on
 * one tab is still there after a visit to another, the wall's map is not built again, and a drill-down on
 * the wall leaves the other tabs' scopes alone.
 */
test.describe.configure({ mode: 'serial' });

const yesterday = addChinaDays(chinaDayOf(Date.now()), -1);
let rig: WorkspaceRig;
let page: Page;
let url: string;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  rig = await WorkspaceRig.start({ seedRegion: false, simulate: false });
  await rig.recordHistory(simulateDays('screens-e2e', yesterday, 3).events);
  url = await rig.desktop(rig.commander);
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.addInitScript(() => {
    localStorage.setItem('pinganDebug', '1');
    localStorage.setItem('pingan.screen', 'situation');
  });
  await page.goto(url);
  await expect(page.getByTestId('status-connection')).toContainText('已连接', { timeout: 60_000 });
  await waitForCountyLines(page);
});

test.afterAll(async () => {
  await page?.close();
  await rig?.stop();
});

const wallCanvas = () => page.locator('[data-testid="tab-situation"] canvas.maplibregl-canvas');

test('a tab switch keeps the wall’s drill-down and map, and the queue’s filter and selection', async () => {
  test.setTimeout(120_000);
  const county = await drillIntoACounty(page);
  const canvas = (await wallCanvas().elementHandle())!;
  const wallMap: JSHandle<MapLibreMap> = await page.evaluateHandle(() => window.__pinganMap!);

  await page.getByTestId('screen-workspace').click();
  await page.getByTestId('queue-risk').selectOption('high');
  const item = page.getByTestId('queue-item').first();
  await item.click({ timeout: 30_000 });
  const id = await item.getAttribute('data-incident-id');
  await expect(page.getByTestId('incident-detail')).toHaveAttribute('data-incident-id', id!);

  await page.getByTestId('screen-briefing').click();
  await page.getByTestId('screen-workspace').click();
  await expect(page.getByTestId('queue-risk')).toHaveValue('high');
  await expect(page.getByTestId('incident-detail')).toHaveAttribute('data-incident-id', id!);

  await page.getByTestId('screen-situation').click();
  await expect(
    page.getByTestId('tab-situation').getByTestId('breadcrumb').locator('[aria-current]'),
  ).toHaveText(county);
  expect(await canvas.evaluate((element) => element.isConnected), 'the same map canvas').toBe(true);
  await expect(wallCanvas()).toHaveCount(1);
  // Drawn already: the county's divisions are on screen at once, with no load to wait for.
  const drawn = await wallMap.evaluate((map) => map.queryRenderedFeatures().length);
  expect(drawn).toBeGreaterThan(0);
});

test('the reports’ lists keep their own scope, named, whatever the wall is drilled to', async () => {
  // The wall is drilled to a county (the test before); the reports still cover the whole prefecture.
  await page.getByTestId('screen-reports').click();
  const scope = page.getByTestId('risk-list-scope');
  await expect(scope).toHaveText('大理白族自治州', { timeout: 30_000 });
  await expect(page.getByTestId('key-persons-scope')).toHaveText('大理白族自治州');
  await expect(page.getByTestId('targets-scope')).toHaveText('大理白族自治州');

  await page.getByTestId('risk-list-scope-picker').selectOption({ label: '大理市' });
  await expect(scope).toHaveText('大理市');
  // Changed on the risk list only: the key-person list, the registers and the briefing keep theirs.
  await expect(page.getByTestId('key-persons-scope')).toHaveText('大理白族自治州');
  await expect(page.getByTestId('targets-scope')).toHaveText('大理白族自治州');
  await page.getByTestId('targets-scope-picker').selectOption({ label: '大理市' });
  await expect(page.getByTestId('targets-scope')).toHaveText('大理市');
  await expect(page.getByTestId('key-persons-scope')).toHaveText('大理白族自治州');
  await page.getByTestId('screen-briefing').click();
  await expect(page.getByTestId('briefing-scope')).toHaveValue('5329');
  await page.getByTestId('screen-situation').click();
  await page.getByTestId('screen-reports').click();
  await expect(scope).toHaveText('大理市');
});

test('the briefing’s slide keys act only while the briefing is shown', async () => {
  await page.getByTestId('screen-briefing').click();
  const position = page.getByTestId('briefing-position');
  await expect(position).toContainText('第 1 /', { timeout: 30_000 });
  await page.getByTestId('screen-workspace').click();
  await page.getByTestId('queue-total').click();
  for (const key of ['End', 'PageDown', 'ArrowRight']) await page.keyboard.press(key);
  await page.getByTestId('screen-briefing').click();
  await expect(position).toContainText('第 1 /');
});

test('the day and month pickers are worded in the interface’s language', async () => {
  const testInfo = test.info();
  await page.getByTestId('screen-briefing').click();
  const month = page.getByTestId('briefing-day-month');
  const year = page.getByTestId('briefing-day-year');
  await expect(month.locator('option').first()).toHaveText('1月');
  await expect(year.locator('option:checked')).toHaveText(`${yesterday.slice(0, 4)}年`);
  await page.screenshot({ path: testInfo.outputPath('briefing-day-zh.png') });

  await page.getByTestId('language-switch').click();
  await expect(month.locator('option').first()).toHaveText('Jan');
  await expect(year.locator('option:checked')).toHaveText(yesterday.slice(0, 4));
  await page.getByTestId('screen-reports').click();
  await expect(page.getByTestId('subsidy-month-month').locator('option').nth(2)).toHaveText('Mar');
  await page.screenshot({ path: testInfo.outputPath('reports-month-en.png') });
  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('subsidy-month-month').locator('option').nth(2)).toHaveText('3月');
});

test('at 3840×2160 the text and the map’s symbols are twice their 1920×1080 size; a chosen size wins', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const measure = async (wall: Page) => ({
    rootPx: await wall.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize)),
    statusPx: (await wall.getByTestId('status-connection').boundingBox())!.height,
  });
  const sizes = [];
  for (const [width, height] of [
    [1920, 1080],
    [3840, 2160],
  ] as const) {
    const wall = await browser.newPage({ viewport: { width, height } });
    await wall.addInitScript(() => localStorage.setItem('pinganDebug', '1'));
    // The map window alone: its symbols are under test, not the panels'.
    await wall.goto(`${url}&view=map`);
    await expect(wall.getByTestId('status-connection')).toContainText('已连接', { timeout: 60_000 });
    await wall.waitForFunction(() => window.__pinganMap?.getGlobalState().fontScale !== undefined, null, {
      timeout: 60_000,
    });
    const symbolScale = await wall.evaluate(() => window.__pinganMap!.getGlobalState().fontScale as number);
    sizes.push({ ...(await measure(wall)), symbolScale });
    if (width === 3840) {
      // The operator's choice is kept and wins over the screen's size.
      await wall.evaluate(() => localStorage.setItem('pingan.fontScale', '1.5'));
      await wall.reload();
      await expect(wall.getByTestId('status-connection')).toBeVisible();
      expect((await measure(wall)).rootPx).toBe(24);
    }
    await wall.close();
  }
  const [hd, uhd] = sizes as [(typeof sizes)[0], (typeof sizes)[0]];
  expect(hd.rootPx).toBe(16);
  expect(uhd.rootPx).toBeGreaterThanOrEqual(2 * hd.rootPx);
  expect(uhd.statusPx).toBeGreaterThanOrEqual(2 * hd.statusPx * 0.95);
  expect(hd.symbolScale).toBe(1);
  expect(uhd.symbolScale).toBe(2);
});
