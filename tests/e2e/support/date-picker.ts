import type { Page } from '@playwright/test';

/** Chooses `day` (YYYY-MM-DD) in the day picker `testId`: year, month, then day, as an operator would. */
export async function pickDay(page: Page, testId: string, day: string): Promise<void> {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  await page.getByTestId(`${testId}-year`).selectOption(String(year));
  await page.getByTestId(`${testId}-month`).selectOption(String(month));
  await page.getByTestId(`${testId}-day`).selectOption(String(date));
}
