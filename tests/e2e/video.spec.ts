import {
  chromium,
  expect,
  test,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';
import type { MonitoringPoint } from '../../src/domain';
import { LocalMediaGateway } from '../../src/hub/video/gateways/local';
import { startDemoMediaServer, type DemoMediaServer } from '../../src/sim/media/demo-media-server';
import { generateInventory } from '../../src/sim/seed/inventory';
import { DEMO_GATEWAY_ID } from '../../src/sim/seed/monitoring-points';
import { freePort } from '../../src/sim/media/free-port';
import { WorkspaceRig } from './support/workspace-rig';

/**
 * Live video against a real hub, the demo's real media server and its ffmpeg cameras: a camera's panel, the
 * stream released on close, a refusal outside the operator's jurisdiction, nearby video and a 9-way wall.
 * Software decoding on two cores: the tests judge that pictures advance; how fast is `npm run bench -- video`.
 */
test.describe.configure({ mode: 'serial' });

const DALI_CITY = '532901';
const YANGBI = '532922';

let media: DemoMediaServer;
let gateway: LocalMediaGateway;
let rig: WorkspaceRig;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let videoCameras: MonitoringPoint[];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const secret = randomBytes(18).toString('base64url');
  media = await startDemoMediaServer({
    rtmpPort: await freePort(),
    httpPort: await freePort(),
    controlPort: 0,
    secret,
  });
  gateway = new LocalMediaGateway({
    id: DEMO_GATEWAY_ID,
    controlUrl: media.controlUrl,
    playBaseUrl: media.playBaseUrl,
    secret,
  });
  rig = await WorkspaceRig.start({
    seedRegion: true,
    simulate: false,
    video: { hub: { gateways: () => [gateway] }, mediaOrigins: [media.playBaseUrl] },
  });
  videoCameras = generateInventory('dali').points.filter(
    (point) => point.video && point.status === 'online' && point.jurisdictionCode.startsWith(DALI_CITY),
  );
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addInitScript(() => localStorage.setItem('pinganDebug', '1'));
  page = await context.newPage();
  await page.goto(await rig.desktop(rig.commander));
  await expect(page.getByTestId('layer-count-monitoring-points')).toHaveText('146,512', { timeout: 90_000 });
});

test.afterAll(async () => {
  await context?.close();
  await browser?.close();
  await rig?.stop();
  await media?.close();
});

/** Whether each player's picture advances: its time and its decoded frames grow. */
async function playing(scope: { locator(selector: string): Locator }, count: number) {
  const players = scope.locator('video');
  await expect(players).toHaveCount(count, { timeout: 30_000 });
  const progress = () =>
    players.evaluateAll((videos) =>
      (videos as HTMLVideoElement[]).map((video) => ({
        time: video.currentTime,
        frames: video.getVideoPlaybackQuality().totalVideoFrames,
      })),
    );
  await expect
    .poll(async () => (await progress()).every((p) => p.time > 0.5 && p.frames > 5), { timeout: 60_000 })
    .toBe(true);
  const before = await progress();
  await expect
    .poll(
      async () =>
        (await progress()).every((p, i) => p.time > before[i]!.time && p.frames > before[i]!.frames),
      { timeout: 20_000 },
    )
    .toBe(true);
}

/** Brings a camera's symbol into view and clicks it. */
async function clickCamera(camera: MonitoringPoint) {
  await page.evaluate(
    (at) => window.__pinganMap!.jumpTo({ center: at, zoom: 17 }),
    camera.location as [number, number],
  );
  let spot: { x: number; y: number } | null = null;
  await expect
    .poll(
      async () =>
        (spot = await page.evaluate((id) => {
          const map = window.__pinganMap!;
          const feature = map
            .queryRenderedFeatures({ layers: ['monitoring-symbols'] })
            .find((candidate) => candidate.properties.id === id);
          if (!feature) return null;
          const at = map.project((feature.geometry as GeoJSON.Point).coordinates as [number, number]);
          const canvas = map.getCanvas().getBoundingClientRect();
          return { x: canvas.left + at.x, y: canvas.top + at.y };
        }, camera.id)),
      { timeout: 30_000 },
    )
    .not.toBeNull();
  await page.mouse.click(spot!.x, spot!.y);
}

test('a camera clicked on the map plays live in its card, and closing it releases the stream', async () => {
  const camera = videoCameras[0]!;
  const clicked = Date.now();
  await clickCamera(camera);
  const panel = page.getByTestId('detail-panel');
  await expect(panel).toContainText(camera.name);
  await expect(panel.getByTestId('camera-video')).toContainText('国标 GB/T 28181');
  await playing(panel.getByTestId('camera-video'), 1);
  test
    .info()
    .annotations.push({ type: 'click to advancing picture', description: `${Date.now() - clicked} ms` });
  await expect(panel.getByTestId('camera-video')).toContainText('已打开');
  await page.screenshot({ path: test.info().outputPath('video-camera-panel.png') });

  expect((await gateway.list()).length).toBe(1);
  await panel.getByRole('button', { name: '关闭' }).first().click();
  await expect(panel).toBeHidden();
  await expect.poll(async () => (await gateway.list()).length, { timeout: 10_000 }).toBe(0);
});

test('a camera without video says so instead of opening a black box', async () => {
  const inventory = generateInventory('dali').points;
  const without = inventory.find(
    (point) => point.kind === 'camera' && !point.video && point.jurisdictionCode.startsWith(DALI_CITY),
  )!;
  await clickCamera(without);
  const panel = page.getByTestId('detail-panel');
  await expect(panel.getByTestId('camera-no-video')).toHaveText('该摄像机未接入视频');
  await expect(panel.locator('video')).toHaveCount(0);
  await panel.getByRole('button', { name: '关闭' }).first().click();
});

test('nearby video opens the nearest online cameras with video around a camera', async () => {
  const camera = videoCameras[5]!;
  await clickCamera(camera);
  await page.getByTestId('detail-panel').getByTestId('nearby-video-button').click();
  const nearby = page.getByTestId('nearby-video');
  await expect(nearby).toBeVisible();
  await playing(nearby, 4);
  await page.screenshot({ path: test.info().outputPath('video-nearby.png') });
  await nearby.getByRole('button', { name: '全部关闭' }).click();
  await page.getByTestId('detail-panel').getByRole('button', { name: '关闭' }).first().click();
  await expect.poll(async () => (await gateway.list()).length, { timeout: 10_000 }).toBe(0);
});

test('a 9-way video wall plays nine cameras dragged onto it, and the war room opens it at war', async () => {
  // Nine software decoders beside nine ffmpeg cameras on two cores: generous, as behaviour, not speed.
  test.setTimeout(300_000);
  await page.getByTestId('video-wall-button').click();
  const wall = page.getByTestId('video-wall');
  await wall.getByTestId('video-split-9').click();
  const list = wall.getByTestId('video-camera-list').locator('li');
  await expect(list).toHaveCount(16, { timeout: 15_000 });
  const cells = wall.locator('.video-cell');
  for (let cell = 0; cell < 9; cell += 1) await list.nth(cell).dragTo(cells.nth(cell));
  await playing(wall, 9);
  await wall.getByRole('button', { name: '保存布局' }).click();
  await expect(wall.getByRole('button', { name: '布局已保存' })).toBeVisible();
  await wall.getByRole('button', { name: '全部关闭' }).click();
  await expect.poll(async () => (await gateway.list()).length, { timeout: 10_000 }).toBe(0);

  // At war, the war room opens the centre's saved wall over its map by itself.
  await page.getByTestId('mode-switch').click();
  await page.getByTestId('mode-switch-reason').fill('地震应急响应，全州进入战时');
  await page.getByTestId('mode-switch-confirm').click();
  await expect(page.getByTestId('war-room')).toBeVisible({ timeout: 30_000 });
  const warWall = page.getByTestId('video-wall');
  await expect(warWall.getByTestId('video-split-9')).toHaveAttribute('aria-checked', 'true');
  await playing(warWall, 9);
  await page.screenshot({ path: test.info().outputPath('video-wall-9-wartime.png') });
  await warWall.getByRole('button', { name: '全部关闭' }).click();
  await page.getByTestId('mode-switch').click();
  await page.getByTestId('mode-switch-reason').fill('响应结束，恢复平时');
  await page.getByTestId('mode-switch-confirm').click();
  await expect(page.getByTestId('situation')).toBeVisible({ timeout: 30_000 });
});

test("a camera outside the operator's jurisdiction is refused with the reason shown", async () => {
  const county = await rig.addAccount('yangbi-duty', 'operator', YANGBI);
  const countyPage = await context.newPage();
  const outside = videoCameras[0]!;
  const layout = {
    split: 1,
    cells: [
      {
        id: outside.id,
        name: outside.name,
        class: outside.cameraClass,
        status: outside.status,
        position: outside.location,
        jurisdictionCode: outside.jurisdictionCode,
      },
    ],
  };
  // A wall layout brought from the prefecture's desk: the county's operator may not watch its camera.
  await countyPage.addInitScript(
    ([key, value]) => localStorage.setItem(key!, value!),
    [`pingan.videoWall.${YANGBI}`, JSON.stringify(layout)],
  );
  await countyPage.goto(await rig.desktop(county));
  await countyPage.getByTestId('video-wall-button').click();
  await expect(countyPage.getByTestId('video-wall').getByRole('alert')).toHaveText(
    '该摄像机不在本中心辖区内，无权查看',
    { timeout: 30_000 },
  );
  expect((await gateway.list()).length).toBe(0);
  await countyPage.close();
});
