import { expect, type Page } from '@playwright/test';

/** Waits until the page's map (window.__pinganMap, with localStorage.pinganDebug = '1') has drawn county lines. */
export async function waitForCountyLines(page: Page): Promise<void> {
  await page.waitForFunction(
    () => (window.__pinganMap?.queryRenderedFeatures({ layers: ['line-county'] }).length ?? 0) > 0,
    null,
    { timeout: 60_000 },
  );
}

/**
 * Clicks the map on the first spot, scanning from the top left, that lies inside a county and reaches the
 * canvas (not under a panel), and waits for the breadcrumb to arrive there. Returns the county's name.
 */
export async function drillIntoACounty(page: Page): Promise<string> {
  const spot = await page.evaluate(() => {
    const map = window.__pinganMap!;
    const canvas = map.getCanvas().getBoundingClientRect();
    const countyAt = (x: number, y: number) =>
      map.queryRenderedFeatures([x, y], { layers: ['region-hit-county'] })[0]?.properties.name as
        string | undefined;
    for (let y = canvas.height * 0.3; y < canvas.height - 8; y += 12)
      for (let x = canvas.width * 0.3; x < canvas.width - 8; x += 12) {
        if (document.elementFromPoint(canvas.left + x, canvas.top + y) !== map.getCanvas()) continue;
        const name = countyAt(x, y);
        // Well inside: the same county on every side, so the click cannot land on a border.
        if (
          name &&
          [countyAt(x - 8, y), countyAt(x + 8, y), countyAt(x, y - 8), countyAt(x, y + 8)].every(
            (n) => n === name,
          )
        )
          return { x: canvas.left + x, y: canvas.top + y, name };
      }
    return null;
  });
  expect(spot, 'a spot inside a county').not.toBeNull();
  await page.mouse.click(spot!.x, spot!.y);
  await expect(page.getByTestId('breadcrumb').locator('[aria-current]')).toHaveText(spot!.name);
  return spot!.name;
}
