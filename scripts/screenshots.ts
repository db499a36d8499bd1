/**
 * Takes the README's screenshots from a real demo: a fresh hub seeded with Dali, the simulator run through
 * part of a day, and the browser shell at each wall size, then with the deadline tables open over it; then the
 * workspace in peacetime and, after the duty commander declares wartime, the war room; last, the wall whose
 * desktop core has died. Usage: npm run screenshots [-- --warm-up <s>]
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { BROWSER_SHELL_CHROMIUM_FLAGS } from '../src/cli/desktop';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { startDemo } from './demo-process';

const { values } = parseArgs({ options: { 'warm-up': { type: 'string', default: '90' } } });
const warmUpSeconds = Number(values['warm-up']);
const OUT_DIR = resolve('docs/screenshots');
const WALLS = [
  { name: 'wall-1920x1080.png', width: 1920, height: 1080 },
  { name: 'wall-3840x2160.png', width: 3840, height: 2160 },
];

const demo = await startDemo({ speed: 720 });
try {
  console.log(`Demo up; letting the simulated day run for ${warmUpSeconds} s`);
  await new Promise((wait) => setTimeout(wait, warmUpSeconds * 1000));

  // As `pingan start` opens its window: sound allowed without a gesture, so no "enable sound" bar.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...BROWSER_SHELL_CHROMIUM_FLAGS],
  });
  mkdirSync(OUT_DIR, { recursive: true });
  for (const wall of WALLS) {
    const page = await browser.newPage({ viewport: { width: wall.width, height: wall.height } });
    await page.goto(demo.shellUrl);
    await page
      .getByTestId('layer-count-monitoring-points')
      .filter({ hasText: /\d{3},\d{3}/ })
      .waitFor({ timeout: 120_000 });
    // The map settles, and the charts have had a refresh with everything loaded.
    await page.waitForTimeout(8_000);
    await page.screenshot({ path: join(OUT_DIR, wall.name) });
    console.log(`Wrote docs/screenshots/${wall.name}`);
    // The deadline tables, a modal above the map.
    await page.getByTestId('sla-settings').click();
    await page.getByTestId('sla-dialog').waitFor();
    const dialogShot = `sla-dialog-${wall.width}x${wall.height}.png`;
    await page.screenshot({ path: join(OUT_DIR, dialogShot) });
    console.log(`Wrote docs/screenshots/${dialogShot}`);
    await page.close();
  }

  // The workspace with an incident open, then the war room after the duty commander declares wartime.
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(demo.shellUrl);
  await page.getByTestId('screen-workspace').click();
  await page.getByTestId('queue-item').first().click({ timeout: 120_000 });
  await page.getByTestId('incident-detail').waitFor();
  await page.waitForTimeout(15_000);
  await page.screenshot({ path: join(OUT_DIR, 'workspace-peacetime-1920x1080.png') });
  console.log('Wrote docs/screenshots/workspace-peacetime-1920x1080.png');
  await page.getByTestId('mode-switch').click();
  await page.getByTestId('mode-switch-reason').fill('地震应急响应，全州进入战时');
  await page.getByTestId('mode-switch-confirm').click();
  await page.getByTestId('wartime-banner').waitFor();
  await page.getByTestId('screen-situation').click();
  // The workspace's map is kept on its hidden tab: the war room's is the one to wait for.
  await page
    .getByTestId('war-room')
    .getByTestId('layer-count-monitoring-points')
    .filter({ hasText: /\d{3},\d{3}/ })
    .waitFor({ timeout: 120_000 });
  await page.waitForTimeout(8_000);
  await page.screenshot({ path: join(OUT_DIR, 'workspace-wartime-1920x1080.png') });
  console.log('Wrote docs/screenshots/workspace-wartime-1920x1080.png');

  // The wall when its own desktop core dies under it: the status bar red, the figures marked with their age.
  await page.getByTestId('mode-switch').click();
  await page.getByTestId('mode-switch-reason').fill('响应结束，恢复平时');
  await page.getByTestId('mode-switch-confirm').click();
  await page.getByTestId('figures-panel').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(5_000);
  await demo.kill();
  await page.locator('[data-testid="status-connection"][data-link="core"]').waitFor({ timeout: 5_000 });
  await page.screenshot({ path: join(OUT_DIR, 'status-core-down-1920x1080.png') });
  console.log('Wrote docs/screenshots/status-core-down-1920x1080.png');
  await browser.close();
} finally {
  await demo.stop();
}
