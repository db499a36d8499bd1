/**
 * Takes the README's screenshots from a real demo: a fresh hub seeded with Dali, the simulator run through
 * part of a day, and the browser shell at each wall size. Usage: npm run screenshots [-- --warm-up <s>]
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
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

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
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
    await page.close();
  }
  await browser.close();
} finally {
  await demo.stop();
}
