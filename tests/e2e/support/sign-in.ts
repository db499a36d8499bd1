import { expect, type Page } from '@playwright/test';
import type { Administrator, WorkspaceRig } from './workspace-rig';

/**
 * Finishes an enrolled administrator's sign-in on the desktop's dialog with the authenticator code the hub's
 * clock reads now.
 */
export async function enterTotpCode(
  page: Page,
  rig: WorkspaceRig,
  administrator: Administrator,
  screenshot?: string,
) {
  const dialog = page.getByTestId('sign-in-dialog');
  await expect(dialog).toHaveAttribute('data-step', 'totp-code', { timeout: 30_000 });
  await expect(page.getByTestId('status-sign-in')).toBeVisible();
  if (screenshot) await page.screenshot({ path: screenshot });
  await page.getByTestId('totp-code').fill(rig.totpCode(administrator.secret));
  await page.getByTestId('send-code').click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
}

/**
 * Takes the bootstrap administrator through the first sign-in on the desktop's dialog: a password the policy
 * refuses (its problems are worded), then `newPassword` twice; the authenticator key read from the page, and
 * the code an app set up with it shows. `shoot` is given each step's name once it is on screen.
 */
export async function finishFirstSignIn(
  page: Page,
  rig: WorkspaceRig,
  newPassword: string,
  shoot: (step: string) => Promise<unknown> = async () => undefined,
) {
  const dialog = page.getByTestId('sign-in-dialog');
  await expect(dialog).toHaveAttribute('data-step', 'password-change', { timeout: 30_000 });
  await page.getByTestId('new-password').fill('short');
  await page.getByTestId('repeat-password').fill('short');
  await page.getByTestId('change-password').click();
  await expect(page.getByTestId('sign-in-problems')).toContainText('新密码太短');
  await expect(page.getByTestId('new-password')).toHaveValue('');
  await shoot('password-refused');
  await page.getByTestId('new-password').fill(newPassword);
  await page.getByTestId('repeat-password').fill(newPassword);
  await page.getByTestId('change-password').click();

  await expect(dialog).toHaveAttribute('data-step', 'totp-enrolment', { timeout: 15_000 });
  await page.getByTestId('show-key').click();
  const shown = page.getByTestId('totp-secret');
  await expect(shown).toHaveText(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
  // The same key as a QR code for the phone to scan, drawn in the page.
  await expect(page.getByTestId('totp-qr')).toBeVisible();
  await shoot('totp-enrolment');
  const secret = (await shown.textContent())!.replace(/\s/g, '');
  await page.getByTestId('totp-code').fill(rig.totpCode(secret));
  await page.getByTestId('send-code').click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
  return secret;
}
