import { expect, test, type Page } from '@playwright/test';
import { expectRealModal } from './support/modal';
import { WorkspaceRig } from './support/workspace-rig';

/**
 * Every dialog of the wall, opened by the duty commander on the whole wall (the map drawn under the header):
 * each is a real modal above the map, inside the window, keeps Tab inside and closes on Esc.
 */
test.describe.configure({ mode: 'serial' });

let rig: WorkspaceRig;
let page: Page;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  rig = await WorkspaceRig.start({ seedRegion: false, simulate: false });
  const url = await rig.desktop(rig.commander);
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.addInitScript(() => localStorage.setItem('pingan.screen', 'situation'));
  await page.goto(url);
  await expect(page.getByTestId('status-connection')).toContainText('已连接', { timeout: 60_000 });
  await expect(page.locator('.live-map-canvas canvas')).toBeVisible({ timeout: 60_000 });
});

test.afterAll(async () => {
  await page?.close();
  await rig?.stop();
});

test('the deadline tables open above the map, on the situation and the workspace tab', async () => {
  for (const screen of ['situation', 'workspace'] as const) {
    await page.getByTestId(`screen-${screen}`).click();
    const opener = page.getByTestId('sla-settings');
    await opener.click();
    await expectRealModal(page, page.getByTestId('sla-dialog'), opener);
  }
});

test('the wartime reason opens inside the window, the header staying put', async () => {
  const opener = page.getByTestId('mode-switch');
  await opener.click();
  await expect(page.getByTestId('mode-switch-reason')).toBeFocused();
  await expectRealModal(page, page.getByTestId('mode-switch-dialog'), opener);
});

test('the bulletin editor and its print preview are modals, one above the other', async () => {
  await page.getByTestId('screen-briefing').click();
  const opener = page.getByTestId('briefing-bulletin');
  await opener.click();
  const editor = page.getByTestId('bulletin-editor');
  await expect(page.getByTestId('bulletin-title')).not.toHaveValue('', { timeout: 30_000 });
  const preview = page.getByTestId('bulletin-preview');
  await preview.click();
  await expectRealModal(page, page.getByTestId('print-preview'), preview);
  await expectRealModal(page, editor, opener);
});

test('the key-person form and the printed risk list are modals', async () => {
  await page.getByTestId('screen-reports').click();
  const register = page.getByTestId('key-persons-register');
  await register.click();
  await expectRealModal(page, page.getByTestId('key-person-dialog'), register);
  const print = page.getByTestId('risk-list-print');
  await print.click();
  await expectRealModal(page, page.getByTestId('print-preview'), print);
});
