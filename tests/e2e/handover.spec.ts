import { expect, test } from '@playwright/test';
import {
  LogReplay,
  addChinaDays,
  buildHandoverReview,
  chinaDayOf,
  standardShift,
  toMillis,
  type Incident,
} from '../../src/domain';
import { simulateDays } from '../support/simulated-days';
import { WorkspaceRig, type Account } from './support/workspace-rig';
import { pickDay } from './support/date-picker';

/**
 * Three simulated days of 大理市 ending yesterday, in a real hub's log. The outgoing operator hands in
 * yesterday's day shift on one browser-shell desktop; the incoming operator, on a second desktop with its own
 * cache, sees the notes arrive through the hub and signs the shift off; the first desktop sees the signature.
 */
const yesterday = addChinaDays(chinaDayOf(Date.now()), -1);
const log = simulateDays('handover-e2e', yesterday, 3);
const shift = standardShift(yesterday, 'day');
const PREFECTURE = '5329';
let rig: WorkspaceRig;
let incoming: Account;

test.beforeAll(async () => {
  rig = await WorkspaceRig.start({ seedRegion: false, simulate: false });
  await rig.recordHistory(log.events);
  incoming = await rig.addAccount('night-duty', 'operator', PREFECTURE);
});

test.afterAll(async () => {
  await rig?.stop();
});

test('a handed-in shift is signed off on a second desktop, and both see both signatures', async ({
  browser,
}, testInfo) => {
  test.setTimeout(180_000);
  const expected = buildHandoverReview({ events: log.events, scope: PREFECTURE, shift, now: Date.now() });
  const outgoing = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const incomingPage = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  // Pages of our own are not closed for us, and two replay maps left drawing would slow every later test.
  try {
    for (const page of [outgoing, incomingPage])
      await page.addInitScript(() => localStorage.setItem('pingan.screen', 'handover'));

    await outgoing.goto(`${await rig.desktop(rig.commander)}&view=panels`);
    await pickDay(outgoing, 'handover-day', yesterday);
    await outgoing.getByTestId('handover-shift').selectOption('day');
    for (const group of ['new', 'escalated', 'resolved', 'goneOverdue', 'alarms'] as const)
      await expect(outgoing.getByTestId(`review-${group}`).locator('.review-count')).toHaveText(
        String(expected[group].length),
        { timeout: 30_000 },
      );
    await expect(outgoing.getByTestId('review-stillOpen').locator('tbody tr')).toHaveCount(
      expected.stillOpen.length,
    );

    const notes = '太和街道战时，两件超时待督办；下关派出所未签收一件';
    await outgoing.getByTestId('handover-notes').fill(notes);
    await outgoing.getByTestId('handover-submit').click();
    await expect(outgoing.getByTestId('handover-record')).toContainText(notes, { timeout: 30_000 });
    await expect(outgoing.getByTestId('handover-awaiting')).toBeVisible();

    await incomingPage.goto(`${await rig.desktop(incoming)}&view=panels`);
    await pickDay(incomingPage, 'handover-day', yesterday);
    await incomingPage.getByTestId('handover-shift').selectOption('day');
    await expect(incomingPage.getByTestId('handover-record')).toContainText(notes, { timeout: 60_000 });
    // The signer is named once this desktop's directory of names has come from the hub, which may follow the record.
    await expect(incomingPage.getByTestId('handover-submitted')).toContainText('值班长 李明', {
      timeout: 30_000,
    });
    await incomingPage.getByTestId('handover-remark').fill('已阅，接班');
    await incomingPage.getByTestId('handover-accept').click();
    await expect(incomingPage.getByTestId('handover-accepted')).toContainText('night-duty', {
      timeout: 30_000,
    });

    await expect(outgoing.getByTestId('handover-accepted')).toContainText('night-duty', { timeout: 30_000 });
    await expect(outgoing.getByTestId('handover-accepted')).toContainText('已阅，接班');

    // The replay at the shift's last minute (the scrubber moves by minutes) shows what the log says was open then.
    const end = toMillis(shift.end) - 60_000;
    const replay = new LogReplay(log.events).advanceTo(end);
    const openAtEnd = [...replay.all<Incident>('incident')].filter(({ doc }) => doc.stage !== 'closed');
    await outgoing.getByTestId('replay-scrubber').focus();
    await outgoing.keyboard.press('End');
    await expect(outgoing.getByTestId('replay-counts')).toHaveAttribute(
      'data-at',
      new Date(end).toISOString(),
    );
    await expect(outgoing.getByTestId('replay-counts').locator('li').first()).toContainText(
      String(openAtEnd.length),
    );
    await outgoing.screenshot({ path: testInfo.outputPath('handover-review.png') });
  } finally {
    await outgoing.close();
    await incomingPage.close();
  }
});
