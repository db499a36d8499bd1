import { expect, test, type Page } from '@playwright/test';
import { pointInVillage } from '../hub/support/village-point';
import { WorkspaceRig, type Account } from './support/workspace-rig';

/**
 * A county commander registers a sensitive place on the 文书报表 screen — first with an invisible character in
 * its name, which the form refuses in Chinese — and then sees it on the map with its protective radius.
 */
const DALI_CITY = '532901';
const NAME = '下关第一中学';
let rig: WorkspaceRig;
let commander: Account;
let url: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  rig = await WorkspaceRig.start({ seedRegion: false, simulate: false });
  commander = await rig.addAccount('commander-dali', 'commander', DALI_CITY);
  url = await rig.desktop(commander);
});

test.afterAll(async () => {
  await rig?.stop();
});

async function open(page: Page, screen: string, view: 'panels' | 'map'): Promise<void> {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.addInitScript((saved) => {
    localStorage.setItem('pingan.screen', saved);
    localStorage.setItem('pinganDebug', '1');
  }, screen);
  await page.goto(`${url}&view=${view}`);
  await expect(page.getByTestId('status-connection')).toContainText('已连接', { timeout: 60_000 });
}

test('a commander registers a sensitive place, refused first for a hidden character, and it is drawn on the map', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await open(page, 'reports', 'panels');
  const panel = page.getByTestId('target-panel');
  await expect(panel).toContainText('辖区内暂无登记的敏感地');
  await panel.getByTestId('target-register').click();
  const form = page.getByTestId('target-form');
  await form.getByTestId('target-kind').selectOption('sensitive-place');
  await form.getByTestId('target-name').fill(`下关\u200b第一中学`);
  await form.getByTestId('target-category').selectOption('school');
  const village = form.getByTestId('target-village');
  await expect(village.locator('option')).not.toHaveCount(1, { timeout: 30_000 });
  await village.selectOption({ index: 1 });
  await expect(form.getByTestId('target-lng')).not.toHaveValue('');
  // The hub takes a place only inside the village it is filed under: a point surely inside it.
  const inside = pointInVillage((await village.inputValue())!);
  await form.getByTestId('target-lng').fill(String(inside.lng));
  await form.getByTestId('target-lat').fill(String(inside.lat));
  await form.getByTestId('target-address').fill('文化路2号');
  await form.getByTestId('target-protectiveRadiusM').fill('20000');
  await form.getByTestId('target-submit').click();
  await expect(form.getByTestId('target-problem-name')).toHaveText(
    '名称须为2至60个字，不能含控制字符或不可见字符',
  );
  await expect(form.getByTestId('target-problem-protectiveRadiusM')).toHaveText(
    '防护半径须为50至5000米的整数',
  );

  await form.getByTestId('target-name').fill(NAME);
  await form.getByTestId('target-protectiveRadiusM').fill('600');
  await form.getByTestId('target-submit').click();
  await expect(form.getByTestId('target-problem-name')).toHaveCount(0);
  const row = panel.getByTestId('sensitive-place');
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await expect(row).toContainText(NAME);
  await expect(row).toContainText('600 米');

  const map = await page.context().newPage();
  await open(map, 'situation', 'map');
  await expect(map.getByTestId('layer-count-sensitive-places')).toHaveText('1', { timeout: 60_000 });
  await expect(map.getByTestId('layer-count-dangerous-objects')).toHaveText('0');
  const drawn = (layer: string) =>
    map.evaluate(
      (id) =>
        window.__pinganMap
          ?.queryRenderedFeatures({ layers: [id] })
          .map((f) => f.properties.name ?? f.properties.id) ?? [],
      layer,
    );
  // Zoomed to the place, its symbol and the circle of its radius are on screen.
  const location = await map.evaluate(async () => {
    const source = window.__pinganMap!.getSource('sensitive-places') as unknown as {
      getData(): Promise<GeoJSON.FeatureCollection<GeoJSON.Point>>;
    };
    return (await source.getData()).features[0]!.geometry.coordinates as [number, number];
  });
  await map.evaluate((centre) => window.__pinganMap!.jumpTo({ center: centre, zoom: 14 }), location);
  await expect.poll(() => drawn('sensitive-place-symbols'), { timeout: 30_000 }).toEqual([NAME]);
  await expect.poll(async () => (await drawn('sensitive-place-radius-line')).length).toBeGreaterThan(0);
  await map.screenshot({ path: testInfo.outputPath('targets-map.png') });

  // Edited on the panel, the radius changes in the list; removed with a reason, the place leaves the map.
  await row.getByTestId('target-edit').click();
  await form.getByTestId('target-protectiveRadiusM').fill('900');
  await form.getByTestId('target-submit').click();
  await expect(row).toContainText('900 米', { timeout: 30_000 });
  await row.getByTestId('target-remove').click();
  await row.getByTestId('target-remove-reason').fill('学校');
  await row.getByTestId('target-remove-confirm').click();
  await expect(row).toContainText('移除原因至少4个字');
  await row.getByTestId('target-remove-reason').fill('学校已整体搬迁');
  await row.getByTestId('target-remove-confirm').click();
  await expect(panel.getByTestId('sensitive-place')).toHaveCount(0, { timeout: 30_000 });
  await expect(map.getByTestId('layer-count-sensitive-places')).toHaveText('0', { timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath('targets-panel.png') });
  await map.close();
});
