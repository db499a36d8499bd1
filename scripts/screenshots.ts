/**
 * Takes the README's screenshots from a real demo: a fresh hub seeded with Dali, the simulator run through
 * part of a day, and the browser shell at each wall size. Usage: npm run screenshots [-- --warm-up <s>]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';

const { values } = parseArgs({ options: { 'warm-up': { type: 'string', default: '90' } } });
const warmUpSeconds = Number(values['warm-up']);
const OUT_DIR = resolve('docs/screenshots');
const WALLS = [
  { name: 'wall-1920x1080.png', width: 1920, height: 1080 },
  { name: 'wall-3840x2160.png', width: 3840, height: 2160 },
];

const dataDir = mkdtempSync(join(tmpdir(), 'pingan-screenshots-'));
const demo = spawn(
  process.execPath,
  ['bin/pingan.js', 'start', '--no-open', '--data', dataDir, '--hub-port', '0', '--speed', '720'],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
try {
  const shellUrl = await new Promise<string>((resolveUrl, reject) => {
    let output = '';
    demo.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const open = /^Open: (\S+)$/m.exec(output);
      if (open) resolveUrl(open[1]!);
    });
    demo.once('exit', (code) => reject(new Error(`pingan start exited with ${code}: ${output}`)));
  });
  console.log(`Demo up; letting the simulated day run for ${warmUpSeconds} s`);
  await new Promise((wait) => setTimeout(wait, warmUpSeconds * 1000));

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--enable-unsafe-swiftshader',
    ],
  });
  mkdirSync(OUT_DIR, { recursive: true });
  for (const wall of WALLS) {
    const page = await browser.newPage({ viewport: { width: wall.width, height: wall.height } });
    await page.goto(shellUrl);
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
  demo.kill('SIGINT');
  await new Promise((done) => demo.once('exit', done));
  rmSync(dataDir, { recursive: true, force: true });
}
