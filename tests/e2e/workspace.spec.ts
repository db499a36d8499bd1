import { expect, test, type Page } from '@playwright/test';
import { io, type Socket } from 'socket.io-client';
import { finishFirstSignIn } from './support/sign-in';
import { WorkspaceRig, type Account } from './support/workspace-rig';
import { PROTOCOL_VERSION } from '../../src/protocol';

/**
 * Two operators at two screens on one hub, with the simulator running: a commander (the demo's duty
 * commander, whole prefecture) and an operator of 大理市. Both screens are the panels window of the wall,
 * so the queue, the record and the war-room panels are tested without two software-rendered maps.
 */
test.describe.configure({ mode: 'serial' });

const COUNTY = '532901';
let rig: WorkspaceRig;
let operator: Account;
let commanderPage: Page;
let operatorPage: Page;
let incidentId: string;

async function openShell(page: Page, url: string, screen: 'workspace' | 'situation') {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.addInitScript((saved) => localStorage.setItem('pingan.screen', saved), screen);
  await page.goto(`${url}&view=panels`);
  await expect(page.getByTestId('status-connection')).toContainText('已连接', { timeout: 60_000 });
}

async function showScreen(page: Page, screen: 'workspace' | 'situation') {
  await page.getByTestId(`screen-${screen}`).click();
}

async function openInQueue(page: Page, id: string) {
  await showScreen(page, 'workspace');
  await page.getByTestId('queue-search').fill(id);
  await page.getByTestId('stage-tab-open').click();
  await page.locator(`[data-testid="queue-item"][data-incident-id="${id}"]`).click({ timeout: 30_000 });
  await expect(page.getByTestId('incident-detail')).toHaveAttribute('data-incident-id', id);
}

async function hubSocket(account: Account): Promise<Socket> {
  const response = await fetch(`${rig.hubUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  const { accessToken } = (await response.json()) as { accessToken: string };
  const socket = io(rig.hubUrl, {
    transports: ['websocket'],
    auth: { token: accessToken, protocol: PROTOCOL_VERSION },
  });
  await new Promise<void>((connected, failed) => {
    socket.once('connect', connected);
    socket.once('connect_error', failed);
  });
  return socket;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  rig = await WorkspaceRig.start({ seedRegion: true, simulate: true });
  operator = await rig.addAccount('dali-city-operator', 'operator', COUNTY);
  const [commanderUrl, operatorUrl] = await Promise.all([rig.desktop(rig.commander), rig.desktop(operator)]);
  commanderPage = await (await browser.newContext()).newPage();
  operatorPage = await (await browser.newContext()).newPage();
  await openShell(commanderPage, commanderUrl, 'workspace');
  await openShell(operatorPage, operatorUrl, 'workspace');
});

test.afterAll(async () => {
  await commanderPage?.context().close();
  await operatorPage?.context().close();
  await rig?.stop();
});

test('an operator assesses and assigns a new incident, and the unit’s acknowledgement reaches both screens', async () => {
  test.setTimeout(180_000);
  const place = await rig.placeIn(COUNTY);
  const response = await fetch(`${rig.hubUrl}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${rig.ingestKey}` },
    body: JSON.stringify({
      reports: [
        {
          id: `workspace-${Date.now()}`,
          source: 'citizen-qr',
          kind: 'dispute',
          category: 'land-and-forest',
          title: '两户村民因宅基地边界发生争执',
          ...place,
          address: '大理市下关镇',
        },
      ],
    }),
  });
  expect(response.status).toBe(201);
  incidentId = ((await response.json()) as { created: string[] }).created[0]!;

  await openInQueue(commanderPage, incidentId);
  await openInQueue(operatorPage, incidentId);
  // Each screen shows who else has the incident open.
  await expect(commanderPage.getByTestId('presence')).toContainText(operator.name, { timeout: 10_000 });
  await expect(operatorPage.getByTestId('presence')).toContainText('值班长 李明', { timeout: 10_000 });

  await operatorPage.getByTestId('action-assess').click();
  await operatorPage.getByTestId('assess-risk-high').check();
  await operatorPage.getByTestId('action-submit').click();
  await expect(operatorPage.getByTestId('detail-stage')).toHaveText('研判分析', { timeout: 15_000 });

  // Graded high while both screens watch: an alert the commander must acknowledge.
  await commanderPage.getByTestId('alert-bell').click();
  await expect(commanderPage.getByTestId('alert-list')).toContainText('两户村民因宅基地边界发生争执', {
    timeout: 10_000,
  });
  await commanderPage.getByTestId('alert-bell').click();

  await operatorPage.getByTestId('action-assign').click();
  const unit = operatorPage.getByTestId('assign-unit').first();
  const unitId = (await unit.getAttribute('value'))!;
  await unit.check();
  await operatorPage.getByTestId('action-submit').click();
  for (const page of [operatorPage, commanderPage]) {
    await expect(page.getByTestId('detail-stage')).toHaveText('分流交办', { timeout: 15_000 });
    await expect(page.locator(`[data-testid="order"][data-unit-id="${unitId}"]`)).toHaveAttribute(
      'data-acknowledged',
      'no',
    );
  }

  // The unit reports in from its own system, through the hub's ingest API.
  const acknowledged = await fetch(`${rig.hubUrl}/api/v1/orders/acknowledgements`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await rig.unitKey(unitId)}`,
    },
    body: JSON.stringify({
      acknowledgements: [
        { id: `ack-${Date.now()}`, orderId: `${incidentId}/${unitId}`, note: '已签收，马上处理' },
      ],
    }),
  });
  expect(acknowledged.status).toBe(201);
  for (const page of [operatorPage, commanderPage]) {
    await expect(page.locator(`[data-testid="order"][data-unit-id="${unitId}"]`)).toHaveAttribute(
      'data-acknowledged',
      'yes',
      { timeout: 10_000 },
    );
    await expect(page.getByTestId('detail-stage')).toHaveText('调处化解');
  }
  await expect(
    operatorPage.locator('[data-testid="record-entry"][data-type="order.acknowledged"]'),
  ).toHaveCount(1);
});

test('an action the role or stage does not allow is not offered, and forced through the API is refused', async () => {
  // In resolution an operator may escalate or resolve. Only a commander issues a supervision notice, and only on a
  // case overdue or escalated: this one is on time, so not even the commander is offered one.
  await expect(operatorPage.getByTestId('action-escalate')).toBeVisible();
  await expect(operatorPage.getByTestId('action-issueSupervisionNotice')).toHaveCount(0);
  await expect(operatorPage.getByTestId('action-assess')).toHaveCount(0);
  await expect(operatorPage.getByTestId('mode-switch')).toHaveCount(0);
  await expect(commanderPage.getByTestId('action-escalate')).toBeVisible();
  await expect(commanderPage.getByTestId('action-issueSupervisionNotice')).toHaveCount(0);
  await expect(commanderPage.getByTestId('mode-switch')).toBeVisible();

  const version = Number(await operatorPage.getByTestId('incident-detail').getAttribute('data-version'));
  const socket = await hubSocket(operator);
  try {
    const forced = [
      { type: 'issueSupervisionNotice', requirement: '限期三日内化解到位' },
      { type: 'assess', riskLevel: 'low' },
    ];
    const answers = [];
    for (const command of forced) {
      answers.push(
        await socket.emitWithAck('command', {
          ...command,
          commandId: crypto.randomUUID(),
          incidentId,
          baseVersion: version,
        }),
      );
    }
    expect(answers.map((answer: { ok: boolean; code: string }) => [answer.ok, answer.code])).toEqual([
      [false, 'role-not-permitted'],
      [false, 'illegal-in-stage'],
    ]);
    const switched = await socket.emitWithAck('command', {
      type: 'switchMode',
      commandId: crypto.randomUUID(),
      jurisdictionCode: COUNTY,
      mode: 'wartime',
      reason: '越权启动战时',
    });
    expect(switched).toMatchObject({ ok: false, code: 'role-not-permitted' });
  } finally {
    socket.disconnect();
  }
});

test('a commander’s wartime switch changes the second screen’s layout and SLA table within 2 s', async () => {
  test.setTimeout(120_000);
  await showScreen(operatorPage, 'situation');
  await expect(operatorPage.getByTestId('figures-panel')).toBeVisible({ timeout: 30_000 });

  await commanderPage.getByTestId('mode-switch').click();
  await commanderPage.getByTestId('mode-switch-reason').fill('地震应急响应，全州进入战时');
  const switchedAt = Date.now();
  await commanderPage.getByTestId('mode-switch-confirm').click();
  await expect(operatorPage.getByTestId('sla-table-wartime')).toBeVisible({ timeout: 2_000 });
  const tookMs = Date.now() - switchedAt;
  await expect(operatorPage.getByTestId('status-mode')).toHaveText('战时');
  await expect(operatorPage.getByTestId('wartime-banner')).toContainText('地震应急响应');
  await expect(operatorPage.getByTestId('figures-panel')).toHaveCount(0);
  await expect(operatorPage.getByTestId('sla-wartime-assign-high')).toHaveText('10');
  test
    .info()
    .annotations.push({ type: 'wartime switch reached the second screen', description: `${tookMs} ms` });

  await commanderPage.getByTestId('mode-switch').click();
  await commanderPage.getByTestId('mode-switch-reason').fill('响应结束，恢复平时');
  await commanderPage.getByTestId('mode-switch-confirm').click();
  await expect(operatorPage.getByTestId('figures-panel')).toBeVisible({ timeout: 5_000 });
  await expect(operatorPage.getByTestId('status-mode')).toHaveText('平时');

  // Both switches are in the incident's full-process record.
  await openInQueue(operatorPage, incidentId);
  await expect(operatorPage.locator('[data-testid="record-entry"][data-type="mode.switched"]')).toHaveCount(
    2,
    {
      timeout: 10_000,
    },
  );
});

test('an action taken while the hub is down is shown pending, then applied once when it returns', async () => {
  test.setTimeout(180_000);
  await rig.stopSimulator();
  await rig.stopHub();
  await expect(operatorPage.getByTestId('status-connection')).toContainText('离线', { timeout: 30_000 });

  const note = `离线时记录：已电话联系双方 ${Date.now()}`;
  await operatorPage.getByTestId('action-addNote').click();
  await operatorPage.getByTestId('action-text').fill(note);
  await operatorPage.getByTestId('action-submit').click();
  const entry = operatorPage.getByTestId('command-entry').first();
  await expect(entry).toHaveAttribute('data-status', 'pending');
  await expect(operatorPage.getByTestId('status-outbox')).toContainText('1');

  await rig.restartHub();
  await expect(entry).toHaveAttribute('data-status', 'accepted', { timeout: 60_000 });
  await expect(operatorPage.getByTestId('status-outbox')).toContainText('0');
  const notes = (await rig.store.eventsAbout(incidentId)).filter(
    (event) =>
      event.type === 'note.added' && (event.payload as { note: { text: string } }).note.text === note,
  );
  expect(notes).toHaveLength(1);
  await expect(commanderPage.locator('[data-testid="record-entry"][data-type="note.added"]')).toContainText(
    note,
    { timeout: 30_000 },
  );
});

test('an admin’s new SLA table is stored by the hub and reaches the other screens; an invalid one is not sent', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const adminPage = await (await browser.newContext()).newPage();
  try {
    // The bootstrap administrator's first sign-in: a new password and an authenticator app, on the dialog.
    await adminPage.setViewportSize({ width: 1920, height: 1080 });
    await adminPage.goto(`${await rig.desktop(rig.admin)}&view=panels`);
    await finishFirstSignIn(adminPage, rig, 'Erhai-Cangshan-2026!', (step) =>
      adminPage.screenshot({ path: testInfo.outputPath(`sign-in-${step}.png`) }),
    );
    await openShell(adminPage, adminPage.url().replace('&view=panels', ''), 'situation');
    await adminPage.getByTestId('sla-settings').click();
    const wartimeHigh = adminPage.getByTestId('sla-input-wartime.assign.high');
    await wartimeHigh.fill('9999');
    await expect(adminPage.getByTestId('sla-save')).toBeDisabled();
    await wartimeHigh.fill('10');
    await adminPage.getByTestId('sla-input-peacetime.assign.high').fill('45');
    await adminPage.getByTestId('sla-save').click();

    await expect
      .poll(async () => (await rig.store.getEntity('sla', '5329'))?.doc, { timeout: 15_000 })
      .toMatchObject({ peacetime: { assign: { high: 45 } } });
    await operatorPage.getByTestId('sla-settings').click();
    await expect(operatorPage.getByTestId('sla-input-peacetime.assign.high')).toHaveValue('45', {
      timeout: 10_000,
    });
    // Only an admin may change the tables: the operator reads them.
    await expect(operatorPage.getByTestId('sla-save')).toHaveCount(0);
    await operatorPage.getByTestId('sla-close').click();
    await expect(operatorPage.getByTestId('sla-dialog')).toHaveCount(0);
  } finally {
    await adminPage.context().close();
  }
});

test('the filtered queue exports as CSV that spreadsheets open in Chinese, and as GeoJSON and KML', async () => {
  await showScreen(operatorPage, 'workspace');
  await operatorPage.getByTestId('queue-search').fill(incidentId);
  const files: Record<string, string> = {};
  for (const format of ['csv', 'geojson', 'kml'] as const) {
    const [download] = await Promise.all([
      operatorPage.waitForEvent('download'),
      operatorPage.getByTestId(`export-${format}`).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    files[format] = Buffer.concat(chunks).toString('utf8');
    expect(download.suggestedFilename()).toMatch(new RegExp(`^incidents-\\d{12}\\.${format}$`));
  }
  expect(files.csv!.startsWith('\uFEFF编号 id,')).toBe(true);
  expect(files.csv!.trim().split('\r\n')).toHaveLength(2);
  expect(files.csv).toContain(incidentId);
  const geojson = JSON.parse(files.geojson!) as { features: { id: string }[] };
  expect(geojson.features.map((feature) => feature.id)).toEqual([incidentId]);
  expect(files.kml).toContain(`<Placemark id="${incidentId}">`);
});
