import { expect, test, type Page } from '@playwright/test';
import { WorkspaceRig } from './support/workspace-rig';

/**
 * One incident taken through all seven stages at the duty commander's screen, in Chinese, from the citizen's
 * report to its closing after the follow-up call, with the unit acknowledging from its own system, an
 * escalation and a supervision notice on the way. After every step the whole screen is read as a person
 * reads it: no English sentence, no ISO or UTC time, no id.
 */
test.describe.configure({ mode: 'serial' });

const COUNTY = '532901';
const TITLE = '两户村民因宅基地边界发生争执';
/** Three Latin-script words in a row: a sentence the developers wrote, not a name or a unit. */
const LATIN_SENTENCE = /[A-Za-z]+(?:[\s,.;:'’-]+[A-Za-z]+){2,}/;
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:/;
const UTC_TIME = /\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

let rig: WorkspaceRig;
let page: Page;
let incidentId: string;
let unitId: string;

/** What the operator reads now, checked for what they must never read. */
async function expectOnlyTheOperatorsLanguage(step: string) {
  const text = await page.evaluate(() => document.body.innerText);
  for (const [what, pattern] of [
    ['a Latin-script sentence', LATIN_SENTENCE],
    ['an ISO time', ISO_TIME],
    ['a UTC time', UTC_TIME],
    ['an id', UUID],
  ] as const) {
    const line = text.split('\n').find((candidate) => pattern.test(candidate));
    expect(line, `${step}: ${what}`).toBeUndefined();
  }
}

async function act(action: string, fill?: (page: Page) => Promise<void>) {
  await page.getByTestId(`action-${action}`).click();
  await fill?.(page);
  await page.getByTestId('action-submit').click();
}

async function expectStage(stage: string) {
  await expect(page.getByTestId('detail-stage')).toHaveText(stage, { timeout: 15_000 });
  // The command this screen sent has its answer: accepted, worded, never pending.
  await expect(page.getByTestId('command-entry').first()).toHaveAttribute('data-status', 'accepted', {
    timeout: 15_000,
  });
}

async function postToHub(path: string, body: unknown, key = rig.ingestKey) {
  const response = await fetch(`${rig.hubUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as { created?: string[] };
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  rig = await WorkspaceRig.start({ seedRegion: true, simulate: false });
  const url = await rig.desktop(rig.commander);
  page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.addInitScript(() => localStorage.setItem('pingan.screen', 'workspace'));
  await page.goto(`${url}&view=panels`);
  await expect(page.getByTestId('status-connection')).toContainText('已连接', { timeout: 60_000 });
  await expect(page.getByTestId('status-operator')).toContainText('值班长 李明');
});

test.afterAll(async () => {
  await page?.context().close();
  await rig?.stop();
});

test('发现上报: a citizen’s report reaches the queue, numbered with its China day', async () => {
  test.setTimeout(120_000);
  const place = await rig.placeIn(COUNTY);
  const posted = await postToHub('/api/v1/reports', {
    reports: [
      {
        id: `walkthrough-${Date.now()}`,
        source: 'citizen-qr',
        kind: 'dispute',
        category: 'land-and-forest',
        title: TITLE,
        ...place,
        address: '大理市下关镇',
        reporter: { name: '赵某', phone: '13800000000' },
      },
    ],
  });
  incidentId = posted.created![0]!;
  const chinaDay = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
  expect(incidentId.startsWith(`${chinaDay}-`)).toBe(true);

  await page.getByTestId('queue-search').fill(incidentId);
  await page.getByTestId('stage-tab-open').click();
  await page
    .locator(`[data-testid="queue-item"][data-incident-id="${incidentId}"]`)
    .click({ timeout: 30_000 });
  await expect(page.getByTestId('incident-detail')).toHaveAttribute('data-incident-id', incidentId);
  await expect(page.getByTestId('detail-stage')).toHaveText('发现上报');
  // The commander is not listed among those who also have it open.
  await expect(page.getByTestId('presence')).toHaveText('仅您在查看');
  await expectOnlyTheOperatorsLanguage('发现上报');
});

test('研判分析: graded high risk', async () => {
  await act('assess', (p) => p.getByTestId('assess-risk-high').check());
  await expectStage('研判分析');
  await expect(page.getByTestId('command-entry').first()).toContainText('研判定级');
  await expectOnlyTheOperatorsLanguage('研判分析');
});

test('分流交办: assigned to a member unit', async () => {
  await page.getByTestId('action-assign').click();
  const unit = page.getByTestId('assign-unit').first();
  unitId = (await unit.getAttribute('value'))!;
  await unit.check();
  await page.getByTestId('action-submit').click();
  await expectStage('分流交办');
  await expectOnlyTheOperatorsLanguage('分流交办');
});

test('调处化解: the unit signs for the order from its own system, by name and with a note', async () => {
  // The unit's own system signs with the unit's key: no other unit's key may sign for it.
  await postToHub(
    '/api/v1/orders/acknowledgements',
    {
      acknowledgements: [
        {
          id: `walkthrough-ack-${Date.now()}`,
          orderId: `${incidentId}/${unitId}`,
          note: '已签收，马上处理',
          signedBy: '张强',
        },
      ],
    },
    await rig.unitKey(unitId),
  );
  const order = page.locator(`[data-testid="order"][data-unit-id="${unitId}"]`);
  await expect(order).toHaveAttribute('data-acknowledged', 'yes', { timeout: 15_000 });
  await expect(order).toContainText('张强');
  await expect(order).toContainText('已签收，马上处理');
  await expect(page.getByTestId('detail-stage')).toHaveText('调处化解');
  // The record names the unit that signed from its own system and who signed, never the key or its source tag.
  const recorded = page.locator('[data-testid="record-entry"][data-type="order.acknowledged"]');
  await expect(recorded).toContainText('签收（张强 签字）');
  await expect(recorded).not.toContainText('key:');
  await expect(recorded).not.toContainText('unit-');
  await expectOnlyTheOperatorsLanguage('调处化解');
});

test('跟踪督办: escalated, then a supervision notice issued', async () => {
  await act('escalate', (p) => p.getByTestId('action-text').fill('当事双方情绪激动，需县级层面督办'));
  await expectStage('跟踪督办');
  await expectOnlyTheOperatorsLanguage('跟踪督办 (escalated)');

  await act('issueSupervisionNotice', (p) => p.getByTestId('action-text').fill('三日内书面报告调处进展'));
  await expect(page.locator('[data-testid="record-entry"][data-type="supervision.issued"]')).toHaveCount(1, {
    timeout: 15_000,
  });
  await expectStage('跟踪督办');
  await expectOnlyTheOperatorsLanguage('跟踪督办 (notice)');
});

test('结果回访: resolved, with its difficulty graded for the subsidy', async () => {
  await act('resolve', async (p) => {
    await p.getByTestId('resolve-difficulty').selectOption('ordinary');
    // The grid worker who mediated it, from the grid's roll: the subsidy by case is theirs.
    await p.getByTestId('resolve-resolver').selectOption({ index: 1 });
    await p.getByTestId('action-text').fill('经司法所调解，双方重新确认边界并签订协议');
  });
  await expectStage('结果回访');
  await expectOnlyTheOperatorsLanguage('结果回访');
});

test('办结: the reporter is called back, satisfied, and the incident closes', async () => {
  await act('recordFollowUp', async (p) => {
    await p.getByLabel('满意', { exact: true }).check();
    await p.getByTestId('action-text').fill('电话回访，报告人对处理结果满意');
  });
  await expectStage('办结');
  await expectOnlyTheOperatorsLanguage('办结');
  await page.screenshot({ path: test.info().outputPath('closed.png') });
});
