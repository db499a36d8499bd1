import { expect, test } from '@playwright/test';
import { WorkspaceRig } from './support/workspace-rig';

/**
 * A queue of 50,000 incidents scrolled from top to bottom and back: the list renders only what is on screen and
 * asks the core for rows a block at a time, so every part of it can be reached. How smooth that is — long tasks
 * while scrolling, as a distribution at several queue sizes against the page left alone — is measured by
 * `npm run bench -- latency`, not asserted here on a machine shared with the hub and the core.
 */
const INCIDENTS = 50_000;
let rig: WorkspaceRig;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  rig = await WorkspaceRig.start({ seedRegion: false, simulate: false });
  // 大理市下关街道 area: the reports need a place, not a seeded inventory.
  await rig.recordReports(INCIDENTS, { jurisdictionCode: '532901001001', location: [100.2676, 25.6065] });
});

test.afterAll(async () => {
  await rig?.stop();
});

test('the queue scrolls through 50,000 incidents and back, and shows the rows wherever it stops', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const url = await rig.desktop(rig.commander);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.addInitScript(() => localStorage.setItem('pingan.screen', 'workspace'));
  await page.goto(`${url}&view=panels`);
  await expect(page.getByTestId('queue-total')).toContainText('50,000', { timeout: 180_000 });
  await expect(page.getByTestId('queue-item').first()).toBeVisible();

  const list = page.getByTestId('queue-list');
  // A fast flick down the whole list, a few dozen screens a frame as a wheel does, then back to the middle.
  await list.evaluate(async (element) => {
    const frame = () => new Promise((next) => requestAnimationFrame(next));
    element.scrollTop = 0;
    while (element.scrollTop + element.clientHeight < element.scrollHeight - 1) {
      element.scrollTop += element.clientHeight * 40;
      await frame();
    }
  });
  // Generous: behaviour, not speed — the rows at the bottom arrive and the last incident is there to select.
  await expect(page.getByTestId('queue-item').last()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('queue-item').last()).toContainText('邻里纠纷第');
  await list.evaluate((element) => (element.scrollTop = element.scrollHeight / 2));
  await expect(page.getByTestId('queue-item').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('queue-item').first()).toContainText('邻里纠纷第');
});
