import { expect, test, type Browser, type Page } from '@playwright/test';
import { BROWSER_SHELL_CHROMIUM_FLAGS } from '../../src/cli/desktop';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';
import { chinaClocksBetween } from './support/china-clock';
import { WorkspaceRig, type Account } from './support/workspace-rig';

/**
 * What a screen tells an operator about its own links, with a hub (no region seeded, no simulator: nothing
 * here needs them) and browser-shell desktops: the hub dropping under a running desktop, a colleague's page
 * closing, and alert sound held back by the browser.
 */
test.describe.configure({ mode: 'serial' });

let rig: WorkspaceRig;
let operator: Account;
let commanderUrl: string;
let operatorUrl: string;

async function openShell(page: Page, url: string, screen: 'workspace' | 'situation') {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.addInitScript((saved) => localStorage.setItem('pingan.screen', saved), screen);
  await page.goto(`${url}&view=panels`);
  await expect(page.getByTestId('status-connection')).toContainText('已连接', { timeout: 60_000 });
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  rig = await WorkspaceRig.start({ seedRegion: false, simulate: false });
  operator = await rig.addAccount('dali-city-operator', 'operator', '532901');
  [commanderUrl, operatorUrl] = await Promise.all([rig.desktop(rig.commander), rig.desktop(operator)]);
});

test.afterAll(async () => {
  await rig?.stop();
});

test('the hub dropping under a running desktop turns the status bar red within 5 s, with since when', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await newPage(browser);
  try {
    await openShell(page, commanderUrl, 'situation');
    const connection = page.getByTestId('status-connection');
    await expect(page.getByTestId('figures-panel')).toBeVisible({ timeout: 30_000 });

    const stoppedAt = Date.now();
    await rig.stopHub();
    await expect(connection).toHaveAttribute('data-link', 'hub', { timeout: 5_000 });
    const sawAt = Date.now();
    await expect(page.getByTestId('status-bar')).toHaveCSS('background-color', 'rgb(122, 18, 18)');
    const text = (await connection.textContent()) ?? '';
    expect(text).toContain('离线：指挥中枢连接中断');
    const since = chinaClocksBetween(stoppedAt, sawAt).map((clock) => `自 ${clock}（北京时间）起`);
    expect(
      since.some((phrase) => text.includes(phrase)),
      `${text} says one of ${since.join(', ')}`,
    ).toBe(true);
    // No lag claimed while the hub cannot say how far ahead it is; the figures carry their age.
    await expect(page.getByTestId('status-lag')).toHaveCount(0);
    await expect(page.getByTestId('figures-panel').getByTestId('stale-note')).toContainText(
      /数据截至 \d\d:\d\d/,
    );
    // With the core up, an action still reaches its outbox: it is offered, and says it will wait for the hub.
    await expect(page.getByTestId('mode-switch')).toBeEnabled();
    await expect(page.getByTestId('mode-switch')).toHaveAttribute(
      'title',
      '指挥中枢连接中断：操作将先排队，恢复连接后自动发送',
    );

    await rig.restartHub();
    await expect(connection).toContainText('已连接', { timeout: 30_000 });
    await expect(page.getByTestId('status-bar')).toHaveAttribute('data-links', 'up');
    await expect(page.getByTestId('stale-note')).toHaveCount(0);
    await expect(page.getByTestId('status-lag')).toBeVisible();
  } finally {
    await page.context().close();
  }
});

test('a colleague’s closed page leaves the other screen’s presence list within 10 s', async ({ browser }) => {
  test.setTimeout(120_000);
  const response = await fetch(`${rig.hubUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${rig.ingestKey}` },
    body: JSON.stringify({
      reports: [
        {
          id: `presence-${Date.now()}`,
          source: 'citizen-qr',
          kind: 'dispute',
          category: 'neighbourhood',
          title: '楼上楼下漏水纠纷',
          jurisdictionCode: '532901003001',
          location: [100.2289, 25.5946],
          address: '大理市下关',
        },
      ],
    }),
  });
  expect(response.status).toBe(201);
  const incidentId = ((await response.json()) as { created: string[] }).created[0]!;

  const commanderPage = await newPage(browser);
  const operatorPage = await newPage(browser);
  try {
    for (const [page, url] of [
      [commanderPage, commanderUrl],
      [operatorPage, operatorUrl],
    ] as const) {
      await openShell(page, url, 'workspace');
      await page.getByTestId('queue-search').fill(incidentId);
      await page.locator(`[data-testid="queue-item"][data-incident-id="${incidentId}"]`).click({
        timeout: 30_000,
      });
      await expect(page.getByTestId('incident-detail')).toHaveAttribute('data-incident-id', incidentId);
    }
    const presence = commanderPage.getByTestId('presence');
    await expect(presence).toContainText(operator.name, { timeout: 10_000 });

    // The page closes; its desktop core, and the core's connection to the hub, live on.
    await operatorPage.close();
    const closedAt = Date.now();
    await expect(presence).not.toContainText(operator.name, { timeout: 10_000 });
    test.info().annotations.push({
      type: 'presence cleared after the page closed',
      description: `${Date.now() - closedAt} ms`,
    });
  } finally {
    await commanderPage.context().close();
    await operatorPage.context().close();
  }
});

test('alert sound held back by the browser is said so in Chinese, and one click lets it play', async ({
  browser,
}) => {
  // Playwright's Chromium keeps the default policy: audio waits for a gesture.
  const page = await newPage(browser);
  try {
    await openShell(page, commanderUrl, 'situation');
    const sound = page.getByTestId('sound-state');
    await expect(sound).toHaveAttribute('data-state', 'blocked');
    await expect(page.getByTestId('sound-blocked-bar')).toContainText('告警提示音被浏览器暂停');
    await page.screenshot({ path: test.info().outputPath('sound-blocked-1920x1080.png') });
    await page.getByTestId('sound-enable').click();
    await expect(sound).toHaveAttribute('data-state', 'running');
    await expect(page.getByTestId('sound-blocked-bar')).toHaveCount(0);
  } finally {
    await page.context().close();
  }
});

test('the Chromium that `pingan start` opens plays alert sound with nobody touching the page', async ({
  playwright,
}) => {
  const browser = await playwright.chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...BROWSER_SHELL_CHROMIUM_FLAGS],
  });
  try {
    const page = await newPage(browser);
    await openShell(page, commanderUrl, 'situation');
    await expect(page.getByTestId('sound-state')).toHaveAttribute('data-state', 'running');
    await expect(page.getByTestId('sound-blocked-bar')).toHaveCount(0);
  } finally {
    await browser.close();
  }
});
