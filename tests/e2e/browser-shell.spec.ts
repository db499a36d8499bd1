import { expect, test } from '@playwright/test';
import { startDemo, type RunningDemo } from '../../scripts/demo-process';
import { contentSecurityPolicy, contentSecurityPolicyMeta } from '../../src/core/contract/csp';
import { collectForeignRequests } from './support/foreign-requests';
import { postReport } from './support/post-report';

/**
 * `npm start` as an operator runs it: an embedded hub with the Dali region and the simulator, and the
 * browser shell signed in as the demo operator.
 */
let demo: RunningDemo;

test.beforeAll(async () => {
  // The demo as an operator starts it, with its week of history catching up while the screen opens.
  demo = await startDemo({ speed: 60 });
});

test.afterAll(async () => {
  await demo?.stop();
});

test('the demo opens signed in, with live data that a new report reaches', async ({ page }) => {
  // The catch-up and the map's first read of every point take most of a minute on a busy machine.
  test.setTimeout(180_000);
  const foreignRequests = collectForeignRequests(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(demo.shellUrl);

  // A fresh demo's screen first catches up with the region and its week of history while the simulator shares
  // the demo's one process. Generous: behaviour, not speed.
  await expect(page.getByTestId('status-connection')).toContainText('已连接', { timeout: 90_000 });
  await expect(page.getByTestId('status-operator')).toContainText('值班长 李明');
  await expect(page.getByTestId('status-operator')).toContainText('大理白族自治州');
  await expect(page.getByTestId('kpi-online')).toContainText('%', { timeout: 30_000 });
  await expect(page.getByTestId('kpi-online')).toContainText('146,512');
  // The wall map's first read of ~150,000 points is the one heavy moment of a start: let it finish.
  await expect(page.getByTestId('layer-count-monitoring-points')).toHaveText('146,512', { timeout: 60_000 });

  const title = `端到端测试纠纷 ${Date.now()}`;
  const status = await postReport(demo, {
    title,
    jurisdictionCode: '532901003001',
    location: [100.2289, 25.5946],
    address: '大理市下关',
  });
  expect(status).toBe(201);
  // Generous: behaviour, not speed — the report reaches the list. The figure (report to pixel, with and while
  // a week of history catches up) is `npm run bench -- latency`.
  await expect(page.getByTestId('incident-row').filter({ hasText: title })).toBeVisible({ timeout: 60_000 });

  await page.getByTestId('language-switch').click();
  await expect(page.getByTestId('status-connection')).toContainText('Connected');
  await expect(page.getByRole('heading', { name: 'Dali Bai Autonomous Prefecture' })).toBeVisible();
  expect(foreignRequests).toEqual([]);
});

test('the browser shell refuses a page that lacks its token', async ({ page }) => {
  await page.goto(new URL('/', demo.shellUrl).href);
  await expect(page.getByText(/访问令牌/).first()).toBeVisible();
});

test('the built page and the shell carry the one Content Security Policy', async ({ page }) => {
  const response = await page.goto(demo.shellUrl);
  // The one policy, with the demo's media server allowed to the video players and nothing else.
  expect(demo.mediaOrigins).toHaveLength(1);
  expect(response?.headers()['content-security-policy']).toBe(contentSecurityPolicy(demo.mediaOrigins));
  const meta = page.locator('meta[http-equiv="Content-Security-Policy"]');
  await expect(meta).toHaveAttribute('content', contentSecurityPolicyMeta(demo.mediaOrigins));
});
