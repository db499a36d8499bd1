import { expect, test, type Browser, type Page } from '@playwright/test';
import type { AuditRecord } from '../../src/protocol';
import { waitForCountyLines } from './support/map-drill';
import { startPolicyFront } from './support/policy-front';
import { enterTotpCode } from './support/sign-in';
import { WorkspaceRig, type Account, type Administrator } from './support/workspace-rig';

/**
 * The operator's screen locks after the idle timeout of the security policy (one minute here, as the hub's
 * sign-in answer gives it): a bar over the top of the screen while the map and figures go on showing, which
 * the account's password opens again. And the audit administrator's desktop, which shows the audit trail and
 * nothing of the situation. A front stands for the hub's security policy and audit API, passing everything else
 * to a real hub.
 */
test.describe.configure({ mode: 'serial' });

const PREFECTURE = '5329';
const DALI_CITY = '532901';

function record(id: number, fields: Partial<AuditRecord>): AuditRecord {
  return {
    id,
    at: new Date(Date.UTC(2026, 11, 7, 1, id * 3)).toISOString(),
    actor: 'duty',
    actorName: '值班员 李明',
    action: 'command.assign',
    target: '20261207-0003',
    outcome: 'accepted',
    scope: DALI_CITY,
    detail: { type: 'assign' },
    ...fields,
  };
}

const AUDIT_PAGES = {
  '': {
    records: [
      record(4, {
        action: 'auth.login',
        actor: 'auditor',
        actorName: '审计员 王芳',
        target: null,
        scope: null,
      }),
      record(3, {}),
      record(2, { action: 'auth.login', outcome: 'refused', target: null, scope: PREFECTURE }),
    ],
    next: 2,
  },
  '2': {
    records: [
      record(1, { actor: 'key:grid-app', actorName: undefined, action: 'api-key.created', detail: null }),
    ],
    next: null,
  },
};
const AUDIT_CSV = '\uFEFF序号,时间,人员,操作,结果\r\n4,2026-12-07 09:12:00,审计员 王芳,登录,成功\r\n';

let rig: WorkspaceRig;
let front: Awaited<ReturnType<typeof startPolicyFront>>;
let page: Page;
let wallPage: Page | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  rig = await WorkspaceRig.start({ seedRegion: false, simulate: false });
  front = await startPolicyFront(rig.hubUrl, {
    idleTimeoutMinutes: 1,
    auditPages: AUDIT_PAGES,
    auditCsv: AUDIT_CSV,
  });
});

test.afterAll(async () => {
  await page?.close();
  await wallPage?.close();
  await front?.close();
  await rig?.stop();
});

async function open(browser: Browser, account: Account | Administrator, screenshot?: string): Promise<Page> {
  const url = await rig.desktop(account, front.url);
  const opened = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await opened.addInitScript(() => {
    localStorage.setItem('pinganDebug', '1');
    localStorage.setItem('pingan.screen', 'situation');
  });
  await opened.goto(url);
  // An administrator's desktop asks for the authenticator app's code before it signs in; the audit
  // administrator's then reads the audit trail, and the hub streams it nothing of the situation.
  if ('secret' in account) return (await enterTotpCode(opened, rig, account, screenshot), opened);
  await expect(opened.getByTestId('status-connection')).toContainText('已连接', { timeout: 60_000 });
  return opened;
}

test('an idle operator screen locks with the map still showing, and opens with the password', async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  page = await open(browser, rig.commander);
  await waitForCountyLines(page);
  // A wall display beside it, left alone as long.
  wallPage = await open(browser, await rig.addAccount('wall-e2e', 'wall', PREFECTURE));
  await expect(wallPage.getByTestId('status-operator')).toContainText('（大屏显示）');
  await expect(page.getByTestId('status-operator')).toContainText('（指挥长）');

  // Nobody touches the screen: after the policy's minute the core locks it and says so.
  const bar = page.getByTestId('lock-bar');
  await expect(bar).toBeVisible({ timeout: 90_000 });
  await expect(bar).toContainText('屏幕已锁定，请输入密码继续操作');
  await expect(page.getByTestId('status-locked')).toHaveText('屏幕已锁定');
  // A compact bar: the map and the figures beside it stay in view.
  const box = (await bar.boundingBox())!;
  expect(box.height).toBeLessThan(1080 * 0.15);
  expect(box.width).toBeLessThan(1920 * 0.6);
  await expect(page.locator('[data-testid="tab-situation"] canvas.maplibregl-canvas')).toBeVisible();
  await expect(page.getByTestId('situation').locator('.wall-panels')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('lock-bar-1920x1080.png') });

  // The wall display never locks, and offers no tab, tool, setting or export: it only shows.
  await expect(wallPage.getByTestId('situation')).toBeVisible();
  await expect(wallPage.getByTestId('lock-bar')).toHaveCount(0);
  await expect(wallPage.getByTestId('status-locked')).toHaveCount(0);
  for (const control of ['screen-workspace', 'sla-settings', 'alert-bell', 'mode-switch', 'chime-toggle'])
    await expect(wallPage.getByTestId(control), control).toHaveCount(0);
  await expect(wallPage.locator('.map-settings')).toHaveCount(0);
  await wallPage.screenshot({ path: testInfo.outputPath('wall-1920x1080.png') });
  await wallPage.close();
  wallPage = undefined;

  // A wrong password is refused and the field emptied; the screen stays locked.
  await page.getByTestId('lock-password').fill('not-the-password');
  await page.getByTestId('lock-unlock').click();
  await expect(page.getByTestId('lock-refusal')).toContainText('密码不正确');
  await expect(page.getByTestId('lock-password')).toHaveValue('');
  await expect(bar).toBeVisible();

  await page.getByTestId('lock-password').fill(rig.commander.password);
  await page.getByTestId('lock-password').press('Enter');
  await expect(bar).toBeHidden({ timeout: 15_000 });
  await expect(page.getByTestId('status-locked')).toBeHidden();
  await page.close();
});

test("the audit administrator's desktop shows the audit trail and nothing of the situation", async ({
  browser,
}, testInfo) => {
  const auditor = await rig.addAdministrator('auditor-e2e', 'auditadmin', PREFECTURE);
  page = await open(browser, auditor, testInfo.outputPath('sign-in-totp-code.png'));
  const screen = page.getByTestId('audit-screen');
  await expect(screen).toBeVisible();
  await expect(page.getByTestId('status-operator')).toContainText('（审计管理员）');
  await expect(page.getByTestId('tab-situation')).toHaveCount(0);
  await expect(page.locator('canvas.maplibregl-canvas')).toHaveCount(0);
  await expect(page.getByTestId('sla-settings')).toHaveCount(0);
  await expect(page.getByTestId('status-overdue')).toHaveCount(0);

  const rows = page.getByTestId('audit-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('审计员 王芳');
  await expect(rows.nth(0).locator('td').nth(2)).toHaveText('登录');
  await expect(rows.nth(1)).toContainText('值班员 李明');
  await expect(rows.nth(1)).toContainText('业务操作：分流交办');
  await expect(rows.nth(1)).toContainText('大理市');
  await expect(rows.nth(2).locator('td').nth(2)).toHaveText('登录');
  await expect(rows.nth(2)).toContainText('拒绝');
  await expect(screen).not.toContainText('auditor');
  await page.screenshot({ path: testInfo.outputPath('audit-screen-1920x1080.png') });

  await page.getByTestId('audit-older').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('接入系统 grid-app');
  await page.getByTestId('audit-newer').click();
  await expect(rows).toHaveCount(3);

  const downloading = page.waitForEvent('download');
  await page.getByTestId('audit-export').click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.csv$/);
});
