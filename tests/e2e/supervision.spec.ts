import { expect, test, type Page } from '@playwright/test';
import { enterTotpCode } from './support/sign-in';
import { WorkspaceRig, type Account, type Administrator } from './support/workspace-rig';

/**
 * Two desktops on one incident: an operator of 大理市 half-way through a form, and the duty commander moving the
 * case on meanwhile. The operator's text stays, the screen says in words what changed, and the operator goes on
 * against the new state where the action is still open, or drops it.
 */
test.describe.configure({ mode: 'serial' });

const COUNTY = '532901';
let rig: WorkspaceRig;
let operator: Account;
let operatorPage: Page;
let commanderPage: Page;
let incidentId: string;

async function openShell(page: Page, url: string, administrator?: Administrator) {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.addInitScript(() => localStorage.setItem('pingan.screen', 'workspace'));
  await page.goto(`${url}&view=panels`);
  if (administrator) await enterTotpCode(page, rig, administrator);
  await expect(page.getByTestId('status-connection')).toContainText('已连接', { timeout: 60_000 });
}

async function openInQueue(page: Page, id: string) {
  await page.getByTestId('queue-search').fill(id);
  await page.getByTestId('stage-tab-open').click();
  await page.locator(`[data-testid="queue-item"][data-incident-id="${id}"]`).click({ timeout: 30_000 });
  await expect(page.getByTestId('incident-detail')).toHaveAttribute('data-incident-id', id);
}

/** Nothing a person reads names an event type, a risk code or the incident's id. */
async function expectWordsOnly(page: Page) {
  const text = await page.getByTestId('draft-changed').innerText();
  expect(text).not.toMatch(/incident\.|order\.|\b(high|medium|low|assess|assign)\b/);
  expect(text).not.toContain(incidentId);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  rig = await WorkspaceRig.start({ seedRegion: true, simulate: false });
  operator = await rig.addAccount('dali-city-operator', 'operator', COUNTY);
  const [operatorUrl, commanderUrl] = await Promise.all([rig.desktop(operator), rig.desktop(rig.commander)]);
  operatorPage = await (await browser.newContext()).newPage();
  commanderPage = await (await browser.newContext()).newPage();
  await openShell(operatorPage, operatorUrl);
  await openShell(commanderPage, commanderUrl);

  const place = await rig.placeIn(COUNTY);
  const response = await fetch(`${rig.hubUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${rig.ingestKey}` },
    body: JSON.stringify({
      reports: [
        {
          id: `supervision-${Date.now()}`,
          source: 'grid-worker',
          kind: 'dispute',
          category: 'neighbourhood',
          title: '楼上漏水引发邻里争执',
          ...place,
          address: '大理市下关镇建设路',
        },
      ],
    }),
  });
  expect(response.status).toBe(201);
  incidentId = ((await response.json()) as { created: string[] }).created[0]!;
  await openInQueue(operatorPage, incidentId);
  await openInQueue(commanderPage, incidentId);
});

test.afterAll(async () => {
  await operatorPage?.context().close();
  await commanderPage?.context().close();
  await rig?.stop();
});

test('a half-typed note survives a colleague’s assessment, says what changed, and is sent once re-applied', async () => {
  const note = '已联系物业，约定明早上门查看漏水点';
  await operatorPage.getByTestId('action-addNote').click();
  await operatorPage.getByTestId('action-text').fill(note);

  await commanderPage.getByTestId('action-assess').click();
  await commanderPage.getByTestId('assess-risk-high').check();
  await commanderPage.getByTestId('action-submit').click();

  const changed = operatorPage.getByTestId('draft-changed');
  await expect(changed).toBeVisible({ timeout: 15_000 });
  await expect(changed).toContainText('您填写期间，此事件已有变化');
  await expect(changed).toContainText('研判定级：高');
  await expectWordsOnly(operatorPage);
  await expect(operatorPage.getByTestId('action-text')).toHaveValue(note);
  await expect(operatorPage.getByTestId('action-submit')).toBeDisabled();
  await operatorPage.screenshot({ path: 'test-results/supervision-draft-changed.png' });

  await operatorPage.getByTestId('draft-reapply').click();
  await expect(changed).toHaveCount(0);
  await expect(operatorPage.getByTestId('action-text')).toHaveValue(note);
  await operatorPage.getByTestId('action-submit').click();
  await expect(operatorPage.getByTestId('command-entry').first()).toHaveAttribute('data-status', 'accepted', {
    timeout: 15_000,
  });
  await expect(operatorPage.locator('[data-testid="record-entry"][data-type="note.added"]')).toContainText(
    note,
  );
});

test('a half-typed closing reason the new stage no longer allows is kept to read, and can be discarded', async () => {
  const reason = '经核实系重复上报，拟予结案';
  await operatorPage.getByTestId('action-close').click();
  await operatorPage.getByTestId('action-text').fill(reason);

  await commanderPage.getByTestId('action-assign').click();
  await commanderPage.getByTestId('assign-unit').first().check();
  await commanderPage.getByTestId('action-submit').click();

  const changed = operatorPage.getByTestId('draft-changed');
  await expect(changed).toBeVisible({ timeout: 15_000 });
  await expect(changed).toContainText('交办');
  await expect(operatorPage.getByTestId('draft-not-allowed')).toBeVisible();
  await expect(operatorPage.getByTestId('draft-reapply')).toHaveCount(0);
  await expect(operatorPage.getByTestId('action-text')).toHaveValue(reason);
  await expectWordsOnly(operatorPage);

  await operatorPage.getByTestId('draft-discard').click();
  await expect(changed).toHaveCount(0);
  await expect(operatorPage.getByTestId('action-form-close')).toHaveCount(0);
  await expect(operatorPage.getByTestId('action-close')).toHaveCount(0);
  // Nothing was sent on the operator's behalf.
  const closed = (await rig.store.eventsAbout(incidentId)).filter(
    (event) => event.type === 'incident.closed',
  );
  expect(closed).toHaveLength(0);
});

test('a commander issues a notice on the escalated case: the hub numbers it, and the draft quotes the escalation', async () => {
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const number = `大理白族自治州综治督〔${year}〕第1号`;
  // Assigned and on time: no notice yet, only escalation.
  await expect(commanderPage.getByTestId('action-issueSupervisionNotice')).toHaveCount(0);
  await commanderPage.getByTestId('action-escalate').click();
  await commanderPage.getByTestId('action-text').fill('涉及物业与住建两个部门，需协调');
  await commanderPage.getByTestId('action-submit').click();
  await expect(commanderPage.getByTestId('detail-stage')).toHaveText('跟踪督办', { timeout: 15_000 });

  await commanderPage.getByTestId('action-issueSupervisionNotice').click();
  await commanderPage.getByTestId('action-text').fill('请于三日内化解到位并书面报告');
  await commanderPage.getByTestId('action-submit').click();
  await expect(
    commanderPage.locator('[data-testid="record-entry"][data-type="supervision.issued"]'),
  ).toContainText(number, { timeout: 15_000 });

  await commanderPage.getByTestId('draft-notice').click();
  const sheet = commanderPage.getByTestId('print-sheet');
  await expect(sheet).toContainText(number, { timeout: 30_000 });
  await expect(sheet).toContainText('已升级督办，原因：涉及物业与住建两个部门，需协调。');
  await expect(sheet).not.toContainText('请于三日内化解到位并书面报告');
  await commanderPage.screenshot({ path: 'test-results/supervision-notice-numbered.png' });
  await commanderPage.getByTestId('print-close').click();
});

test('a case overdue twice goes up to the county: it is on the county’s supervision list, and its record says why', async () => {
  const place = await rig.placeIn(COUNTY);
  const response = await fetch(`${rig.hubUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${rig.ingestKey}` },
    body: JSON.stringify({
      reports: [
        {
          id: `overdue-${Date.now()}`,
          source: 'grid-worker',
          kind: 'dispute',
          category: 'labour-wages',
          title: '工地拖欠农民工工资',
          ...place,
          address: '大理市下关镇工地',
        },
      ],
    }),
  });
  const overdueId = ((await response.json()) as { created: string[] }).created[0]!;
  // Nobody graded it: two hours each for the village, then the township, and it reaches the county.
  expect(await rig.escalateOverdueAfter(4 * 3_600_000 + 60_000)).toBeGreaterThanOrEqual(2);

  await operatorPage.getByTestId('queue-search').fill('');
  await operatorPage.getByTestId('queue-supervised-here').check();
  const row = operatorPage.locator(`[data-testid="queue-item"][data-incident-id="${overdueId}"]`);
  await expect(row).toContainText('逐级督办·第2级', { timeout: 15_000 });
  await expect(operatorPage.locator('[data-testid="queue-item"]')).toHaveCount(1);
  await row.click();
  const escalations = operatorPage.locator(
    '[data-testid="record-entry"][data-type="incident.overdue-escalated"]',
  );
  await expect(escalations).toHaveCount(2);
  await expect(escalations.nth(1)).toContainText('在“发现上报”环节超时，自动升级至大理市督办（第2级）');
  await expect(escalations.nth(1)).not.toContainText(COUNTY);
  await operatorPage.screenshot({ path: 'test-results/supervision-list.png' });
  await operatorPage.getByTestId('queue-supervised-here').uncheck();
});

test('an admin turns automatic escalation off for wartime, and the hub keeps it with the tables', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const adminPage = await (await browser.newContext()).newPage();
  try {
    // The bootstrap administrator has been through the first sign-in on the hub: the desktop asks the code.
    const admin = await rig.prepareAdministrator(rig.admin);
    await openShell(adminPage, await rig.desktop(admin), admin);
    await adminPage.getByTestId('sla-settings').click();
    const automatic = adminPage.getByTestId('sla-escalation-wartime-automatic');
    await expect(automatic).toBeChecked();
    await expect(adminPage.getByTestId('sla-escalation-peacetime-max-levels')).toHaveValue('2');
    await adminPage.screenshot({ path: 'test-results/supervision-sla-escalation.png' });
    await automatic.uncheck();
    await adminPage.getByTestId('sla-save').click();
    await expect
      .poll(async () => {
        const tables = await rig.store.entitiesInScope('', 'sla');
        return tables.map(
          (entity) => (entity.doc as { wartime: { escalation?: unknown } }).wartime.escalation,
        );
      })
      .toEqual([{ automatic: false, maxLevels: 2 }]);
    // The operator's screen shows the setting it now works under, and may not change it.
    await operatorPage.getByTestId('sla-settings').click();
    await expect(operatorPage.getByTestId('sla-escalation-wartime-automatic')).not.toBeChecked({
      timeout: 10_000,
    });
    await expect(operatorPage.getByTestId('sla-escalation-wartime-automatic')).toBeDisabled();
    await operatorPage.keyboard.press('Escape');
    await expect(operatorPage.getByTestId('sla-dialog')).toBeHidden();
  } finally {
    await adminPage.context().close();
  }
});
