import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import {
  DEFAULT_SLA,
  addChinaDays,
  buildBriefing,
  chinaDayOf,
  isOverdue,
  type Incident,
} from '../../src/domain';
import { COUNTY, UNITS, simulateDays } from '../support/simulated-days';
import { WorkspaceRig } from './support/workspace-rig';
import { pickDay } from './support/date-picker';

/**
 * Five simulated days of 大理市 ending yesterday in a real hub's log, synced by a commander's browser-shell
 * desktop. The commander edits and saves yesterday's bulletin and exports it as PDF; the PDF's text must hold
 * the headings and the briefing's figures. A supervision notice for an overdue incident is printed too.
 */
const yesterday = addChinaDays(chinaDayOf(Date.now()), -1);
const log = simulateDays('documents-e2e', yesterday, 5);
let rig: WorkspaceRig;

test.beforeAll(async () => {
  rig = await WorkspaceRig.start({ seedRegion: false, simulate: false });
  await rig.recordHistory(log.events);
});

test.afterAll(async () => {
  await rig?.stop();
});

async function openOn(page: Page, screen: string): Promise<void> {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.addInitScript((saved) => localStorage.setItem('pingan.screen', saved), screen);
  await page.goto(`${await rig.desktop(rig.commander)}&view=panels`);
  await expect(page.getByTestId('status-connection')).toContainText('已连接', { timeout: 60_000 });
}

const unspaced = (text: string) => text.replace(/\s+/g, '');

/**
 * The page printed as Chromium prints it, read back by pdftotext (poppler-utils), without white space: lines
 * wrap wherever the page is full, and Chinese has no spaces to lose.
 */
async function pdfText(page: Page, path: string): Promise<string> {
  writeFileSync(path, await page.pdf({ format: 'A4', printBackground: true }));
  return unspaced(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }));
}

test('the day’s bulletin is drafted from its figures, edited, saved through the hub and exported as PDF', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const briefing = buildBriefing({ events: log.events, scope: COUNTY, day: yesterday, now: Date.now() });
  const figure = (name: string) => briefing.headline.find((entry) => entry.figure === name)!.current;
  await openOn(page, 'briefing');
  await pickDay(page, 'briefing-day', yesterday);
  await page.getByTestId('briefing-bulletin').click();

  const title = page.getByTestId('bulletin-title');
  await expect(title).toHaveValue(/综治中心每日通报/, { timeout: 30_000 });
  const body = page.getByTestId('bulletin-body');
  await expect(body).toHaveValue(new RegExp(`新增矛盾纠纷和案事件${figure('arrivals')}件`));
  await title.fill(`${await title.inputValue()}（第12期）`);
  await body.fill(`${await body.inputValue()}\n\u3000\u3000请各单位认真抓好落实。`);
  await page.getByTestId('bulletin-save').click();
  await expect(page.getByTestId('bulletin-saved')).toContainText('值班长 李明', { timeout: 30_000 });

  await page.getByTestId('bulletin-preview').click();
  await expect(page.getByTestId('print-sheet')).toContainText('第12期');
  await page.screenshot({ path: testInfo.outputPath('bulletin-preview.png') });
  const text = await pdfText(page, testInfo.outputPath('bulletin.pdf'));
  expect(text).toContain('每日通报');
  expect(text).toContain('第12期');
  for (const heading of ['一、总体情况', '二、重大风险', '三、超时未办结']) expect(text).toContain(heading);
  expect(text).toContain(`新增矛盾纠纷和案事件${figure('arrivals')}件`);
  expect(text).toContain('请各单位认真抓好落实');
  expect(text).toContain(unspaced(briefing.topRisks[0]!.title));
  // Only the document is printed: none of the app around it.
  expect(text).not.toContain('事件工作台');
});

test('a supervision notice for an overdue incident names its units and prints on its own', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const now = new Date().toISOString();
  const overdue = log.histories
    .map((history) => history.at(-1)!.incident)
    .find(
      (incident: Incident) =>
        incident.stage === 'resolve' &&
        incident.assignedUnitIds.length > 0 &&
        isOverdue(incident, now, 'peacetime', DEFAULT_SLA) &&
        !incident.jurisdictionCode.startsWith('532901004'),
    )!;
  await openOn(page, 'workspace');
  await page.getByTestId('queue-search').fill(overdue.id);
  await page.getByTestId('stage-tab-open').click();
  await page
    .locator(`[data-testid="queue-item"][data-incident-id="${overdue.id}"]`)
    .click({ timeout: 30_000 });
  await page.getByTestId('draft-notice').click();

  const sheet = page.getByTestId('print-sheet');
  await expect(sheet).toContainText('督办通知书', { timeout: 30_000 });
  for (const unitId of overdue.assignedUnitIds)
    await expect(sheet).toContainText(UNITS.find((unit) => unit.id === unitId)!.name);
  await page.screenshot({ path: testInfo.outputPath('supervision-notice.png') });
  const text = await pdfText(page, testInfo.outputPath('supervision-notice.pdf'));
  expect(text).toContain('督办通知书');
  expect(text).toContain(unspaced(overdue.title));
  expect(text).toContain('已超过办理时限');
  // The commander's centre issues it: the prefecture's.
  expect(text).toContain('大理白族自治州综治中心');
});
