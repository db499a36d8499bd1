import { expect, test } from '@playwright/test';
import { startDemo, type RunningDemo } from '../../scripts/demo-process';
import { chinaClocksBetween } from './support/china-clock';

/**
 * A wall whose own desktop core dies: `pingan start` killed outright under an open page. The page must stop
 * looking live within 5 s, say which link is down and since when, show the age of what it still shows and
 * refuse actions with the reason; and when the core is started again it must resume by itself.
 */
let demo: RunningDemo;

test.beforeAll(async () => {
  demo = await startDemo({ speed: 60, pastDays: 0 });
});

test.afterAll(async () => {
  await demo?.stop();
});

const cursorOf = async (text: Promise<string | null>) => Number((await text)?.replace(/\D/g, ''));

test('the status bar turns red within 5 s of the core dying, actions are refused, and the screen resumes', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  // The panels window: the status bar and the figures, without a software-rendered map competing for the cores.
  await page.addInitScript(() => localStorage.setItem('pingan.screen', 'situation'));
  await page.goto(`${demo.shellUrl}&view=panels`);
  const connection = page.getByTestId('status-connection');
  const modeSwitch = page.getByTestId('mode-switch');
  await expect(connection).toContainText('已连接', { timeout: 60_000 });
  await expect(page.getByTestId('figures-panel')).toBeVisible({ timeout: 30_000 });
  await expect(modeSwitch).toBeEnabled();
  await expect(page.getByTestId('stale-note')).toHaveCount(0);

  const shellUrl = demo.shellUrl;
  const killedAt = Date.now();
  await demo.kill();
  await expect(connection).toHaveAttribute('data-link', 'core', { timeout: 5_000 });
  const sawAt = Date.now();
  await expect(page.getByTestId('status-bar')).toHaveCSS('background-color', 'rgb(122, 18, 18)');
  await expect(connection).toContainText('本机桌面核心连接中断');
  const since = chinaClocksBetween(killedAt, sawAt).map((clock) => `自 ${clock}（北京时间）起`);
  const text = (await connection.textContent()) ?? '';
  expect(
    since.some((phrase) => text.includes(phrase)),
    `${text} says one of ${since.join(', ')}`,
  ).toBe(true);
  // What the core can no longer report is not shown as known: no lag of 0, no queue.
  await expect(page.getByTestId('status-lag')).toHaveCount(0);
  await expect(page.getByTestId('status-outbox')).toHaveCount(0);
  await expect(page.getByTestId('catch-up')).toHaveCount(0);
  await expect(page.getByTestId('status-data-as-of')).toContainText('数据截至');
  await expect(page.getByTestId('figures-panel').getByTestId('stale-note')).toContainText(
    /数据截至 \d\d:\d\d/,
  );
  await expect(modeSwitch).toBeDisabled();
  await expect(modeSwitch).toHaveAttribute('title', '本机桌面核心连接中断，操作无法送出；恢复后自动可用');
  await page.screenshot({ path: test.info().outputPath('status-core-down-1920x1080.png') });

  await demo.restart();
  // The same address and token: the page finds its core again without anyone opening a new one.
  expect(demo.shellUrl).toBe(shellUrl);
  await expect(connection).toContainText('已连接', { timeout: 60_000 });
  await expect(page.getByTestId('status-bar')).toHaveAttribute('data-links', 'up');
  await expect(modeSwitch).toBeEnabled();
  await expect(page.getByTestId('stale-note')).toHaveCount(0);
  // And live again: the simulator's events move the cursor the status bar shows.
  const cursor = page.locator('.status-cursor');
  const resumedAt = await cursorOf(cursor.textContent());
  await expect.poll(() => cursorOf(cursor.textContent()), { timeout: 30_000 }).toBeGreaterThan(resumedAt);
});
