import type { Browser, Page } from '@playwright/test';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MonitoringPoint } from '../../src/domain';
import { installVideoProbes } from './page-probes';
import { VIDEO_BENCH } from './settings';

/** A click that cannot happen in this long will not: the run fails with what stopped it. */
export const ACTION_TIMEOUT_MS = 60_000;

/** The desktop's page (from the browser shell), as an operator has it: the wall's map with the cameras on it. */
export async function openProductPage(browser: Browser, shellUrl: string, monitoringPoints: number) {
  const context = await browser.newContext({ viewport: VIDEO_BENCH.viewport });
  // tsx keeps function names with a helper the page lacks; the probes are sent over as source text.
  await context.addInitScript('window.__name = (target) => target;');
  await context.addInitScript(() => localStorage.setItem('pinganDebug', '1'));
  await context.addInitScript(installVideoProbes);
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  await page.goto(shellUrl);
  await page
    .getByTestId('layer-count-monitoring-points')
    .filter({ hasText: monitoringPoints.toLocaleString('en') })
    .first()
    .waitFor({ timeout: 180_000 });
  return page;
}

/** Centres the map on a camera, close in, and waits until the map has drawn everything it was loading. */
export async function showCamera(page: Page, camera: MonitoringPoint): Promise<{ x: number; y: number }> {
  await page.evaluate(
    (at) => {
      const map = (window as unknown as { __pinganMap: MapLibreMap }).__pinganMap;
      map.jumpTo({ center: at, zoom: 17 });
    },
    camera.location as [number, number],
  );
  const spot = await page.waitForFunction(
    (id) => {
      const map = (window as unknown as { __pinganMap: MapLibreMap }).__pinganMap;
      if (!map.loaded() || !map.areTilesLoaded()) return null;
      const feature = map
        .queryRenderedFeatures({ layers: ['monitoring-symbols'] })
        .find((candidate) => candidate.properties.id === id);
      if (!feature) return null;
      const at = map.project((feature.geometry as GeoJSON.Point).coordinates as [number, number]);
      const canvas = map.getCanvas().getBoundingClientRect();
      return { x: canvas.left + at.x, y: canvas.top + at.y };
    },
    camera.id,
    { timeout: 60_000, polling: 100 },
  );
  const at = (await spot.jsonValue())!;
  // The jump's last tiles and symbols are drawn; the click then competes with nothing the jump started.
  await page.waitForTimeout(500);
  return at;
}

export async function closeCameraPanel(page: Page): Promise<void> {
  const panel = page.getByTestId('detail-panel');
  await panel.getByRole('button', { name: '关闭' }).first().click();
  await panel.waitFor({ state: 'hidden' });
}

/**
 * Drags camera `item` of the wall's list onto cell `cell`: the drag events the list's and the cell's handlers
 * take, dispatched in the page, so the camera travels as the JSON the list puts in the drag's data, as in a
 * drag by hand. Playwright's `dragTo` (the e2e test's) goes through Chromium's native drag, which stalled for
 * good, no timeout firing, when the page was starved by a dozen software decoders on a machine loaded far
 * past its two cores.
 */
function dropCamera({ item, cell }: { item: number; cell: number }): void {
  const wall = document.querySelector('[data-testid="video-wall"]')!;
  const source = wall.querySelectorAll('[data-testid="video-camera-list"] li')[item]!;
  const target = wall.querySelectorAll('.video-cell')[cell]!;
  const dataTransfer = new DataTransfer();
  const fire = (element: Element, type: string) =>
    element.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer }));
  fire(source, 'dragstart');
  fire(target, 'dragenter');
  fire(target, 'dragover');
  fire(target, 'drop');
  fire(source, 'dragend');
}

/**
 * Opens the video wall at the smallest split that holds `count`, and drags the first `count` cameras of its
 * list into its cells, as an operator does. Returns the cameras' names, in the cells' order.
 */
export async function fillVideoWall(page: Page, count: number): Promise<string[]> {
  await page.getByTestId('video-wall-button').click();
  const wall = page.getByTestId('video-wall');
  const split = [1, 4, 9, 16].find((n) => n >= count)!;
  await wall.getByTestId(`video-split-${split}`).click();
  const list = wall.getByTestId('video-camera-list').locator('li');
  await list.nth(count - 1).waitFor({ timeout: 30_000 });
  const cells = wall.locator('.video-cell');
  const names: string[] = [];
  for (let cell = 0; cell < count; cell += 1) {
    names.push((await list.nth(cell).textContent()) ?? `camera ${cell + 1}`);
    await page.evaluate(dropCamera, { item: cell, cell });
    await cells.nth(cell).locator('video').waitFor();
  }
  return names;
}

export async function closeVideoWall(page: Page): Promise<void> {
  const wall = page.getByTestId('video-wall');
  await wall.getByRole('button', { name: '全部关闭' }).click();
  await wall.waitFor({ state: 'hidden' });
}
