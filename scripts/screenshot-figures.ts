/**
 * Takes the screenshot of the figures panels from a real demo (Dali, its past week recorded), in Chinese and tall
 * enough for the monitoring coverage by township and its least covered villages.
 * Usage: npx tsx scripts/screenshot-figures.ts
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';
import { startDemo } from './demo-process';

const OUT_DIR = resolve('docs/screenshots');
const FILE = 'figures-coverage-1920x1800.png';

const demo = await startDemo({ speed: 1 });
try {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  mkdirSync(OUT_DIR, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1920, height: 1800 }, locale: 'zh-CN' });
  // The panels on their own, as on a wall screen beside the map's.
  const url = new URL(demo.shellUrl);
  url.searchParams.set('view', 'panels');
  await page.goto(url.toString());
  await page.getByTestId('coverage-villages').waitFor({ state: 'attached', timeout: 300_000 });
  await page
    .getByTestId('figure-coverage')
    .filter({ hasText: /\d+\.\d%/ })
    .waitFor({ timeout: 300_000 });
  // Until the cache has caught up with the recorded week, the figures would show part of it.
  for (let quiet = 0; quiet < 10;) {
    await page.waitForTimeout(1_000);
    quiet = (await page.getByTestId('catch-up').count()) === 0 ? quiet + 1 : 0;
  }
  await page.waitForTimeout(5_000);
  await page.screenshot({ path: join(OUT_DIR, FILE) });
  console.log(`Wrote docs/screenshots/${FILE}`);
  await browser.close();
} finally {
  await demo.stop();
}
