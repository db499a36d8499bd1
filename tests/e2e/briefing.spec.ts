import { expect, test } from '@playwright/test';
import { addChinaDays, buildBriefing, chinaDayOf } from '../../src/domain';
import { COUNTY, simulateDays } from '../support/simulated-days';
import { WorkspaceRig } from './support/workspace-rig';
import { pickDay } from './support/date-picker';

/**
 * Nine simulated days of 大理市 ending yesterday, written into a real hub's log; a browser-shell desktop syncs
 * them and presents yesterday's briefing. 太和街道 went to wartime at 10:00 yesterday, so the deck has the
 * wartime orders slide.
 */
const yesterday = addChinaDays(chinaDayOf(Date.now()), -1);
const log = simulateDays('briefing-e2e', yesterday, 9);
let rig: WorkspaceRig;

test.beforeAll(async () => {
  rig = await WorkspaceRig.start({ seedRegion: false, simulate: false });
  await rig.recordHistory(log.events);
});

test.afterAll(async () => {
  await rig?.stop();
});

test('the briefing presents yesterday’s figures as slides, turned by keyboard and clicker keys', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const expected = buildBriefing({ events: log.events, scope: COUNTY, day: yesterday, now: Date.now() });
  const url = await rig.desktop(rig.commander);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.addInitScript(() => localStorage.setItem('pingan.screen', 'briefing'));
  await page.goto(`${url}&view=panels`);
  await pickDay(page, 'briefing-day', yesterday);

  const slide = page.getByTestId('briefing-slide');
  await expect(slide).toHaveAttribute('data-slide', 'headline');
  for (const { figure, current } of expected.headline)
    await expect(page.getByTestId(`headline-${figure}`).locator('.headline-value')).toHaveText(
      current.toLocaleString('zh-CN'),
      { timeout: 30_000 },
    );
  await page.screenshot({ path: testInfo.outputPath('briefing-headline.png') });

  // The day picker had the keys; the operator clicks onto the slide to present.
  await slide.locator('.slide-body').click();
  const order = ['kpis', 'arrivals', 'open', 'topRisks', 'overdue', 'targets', 'hotspots', 'orders'];
  const percent = (rate: number | null) =>
    rate === null
      ? '—'
      : new Intl.NumberFormat('zh-CN', {
          style: 'percent',
          minimumFractionDigits: 1,
          maximumFractionDigits: 1,
        }).format(rate);
  for (const [i, key] of order.entries()) {
    await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'PageDown');
    await expect(slide).toHaveAttribute('data-slide', key);
    if (key === 'kpis')
      for (const figure of ['capture', 'satisfaction', 'resolution'] as const)
        await expect(page.getByTestId(`kpi-${figure}`).locator('.headline-value')).toHaveText(
          percent(expected.kpis.current[figure].rate),
        );
    await page.screenshot({ path: testInfo.outputPath(`briefing-${key}.png`) });
  }
  await expect(page.getByTestId('briefing-position')).toHaveText('第 9 / 9 页');
  await page.keyboard.press('PageUp');
  await expect(slide).toHaveAttribute('data-slide', 'hotspots');
  await page.keyboard.press('Home');
  await expect(slide).toHaveAttribute('data-slide', 'headline');
});
