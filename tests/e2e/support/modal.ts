import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Checks that `dialog` is a real modal: a dialog to assistive technology, whole inside the window, on top of
 * everything at its centre (the map included), Tab cycling within it, and Esc closing it and giving focus
 * back to `opener`.
 */
export async function expectRealModal(page: Page, dialog: Locator, opener: Locator): Promise<void> {
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveRole('dialog');
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  const box = (await dialog.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.x, 'left edge in the window').toBeGreaterThanOrEqual(0);
  expect(box.y, 'top edge in the window').toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, 'right edge in the window').toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height, 'bottom edge in the window').toBeLessThanOrEqual(viewport.height);
  const onTop = await dialog.evaluate((element) => {
    const { left, top, width, height } = element.getBoundingClientRect();
    return element.contains(document.elementFromPoint(left + width / 2, top + height / 2));
  });
  expect(onTop, 'the dialog, not what is behind it, at its centre').toBe(true);
  // The page header stays where it was: nothing was pushed off screen.
  const header = (await page.locator('.app-header').boundingBox())!;
  expect(header.y).toBeGreaterThanOrEqual(0);

  const controls = await dialog.evaluate(
    (element) =>
      element.querySelectorAll('button:not([disabled]), input:not([disabled]), select, textarea, a[href]')
        .length,
  );
  for (let press = 0; press < controls + 2; press++) {
    await page.keyboard.press(press % 3 === 2 ? 'Shift+Tab' : 'Tab');
    const inside = await dialog.evaluate((element) => element.contains(document.activeElement));
    expect(inside, `focus inside the dialog after ${press + 1} presses`).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
}
