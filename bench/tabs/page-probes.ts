/**
 * What runs inside the page: serialised by Playwright, so only what the page itself has is used here.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

type TabsWindow = Window & {
  __pinganMap?: MapLibreMap;
  /** The situation tab's map, once it has been made: the workspace's map takes `__pinganMap` after it. */
  __benchWallMap?: MapLibreMap;
  __benchWallPaints?: number;
};

/**
 * Clicks the situation tab and resolves with the milliseconds until its map is drawn in full: the tab shown,
 * every camera counted, a frame painted since the click and every source loaded. A map made by this click
 * (the baseline) counts its whole build; a kept one only its return.
 */
export function showWall({
  monitoringCount,
  timeoutMs,
}: {
  monitoringCount: string;
  timeoutMs: number;
}): Promise<number> {
  const page = window as unknown as TabsWindow;
  const started = performance.now();
  let painted = false;
  let watched: MapLibreMap | undefined;
  const watch = (map: MapLibreMap) => {
    if (watched === map) return;
    watched = map;
    map.once('render', () => {
      painted = true;
    });
  };
  if (page.__benchWallMap) watch(page.__benchWallMap);
  document.querySelector<HTMLButtonElement>('[data-testid="screen-situation"]')!.click();
  return new Promise((resolve, reject) => {
    const check = () => {
      const screen = document.querySelector('[data-testid="tab-situation"]');
      const latest = page.__pinganMap;
      if (latest && screen?.contains(latest.getContainer())) {
        page.__benchWallMap = latest;
        watch(latest);
      }
      const count = screen?.querySelector('[data-testid="layer-count-monitoring-points"]')?.textContent;
      const map = page.__benchWallMap;
      const shown = screen !== null && !screen.classList.contains('tab-hidden');
      if (shown && count === monitoringCount && map && painted && map.loaded())
        resolve(performance.now() - started);
      else if (performance.now() - started > timeoutMs)
        reject(
          new Error(
            `wall not drawn: ${JSON.stringify({ shown, count, map: !!map, painted, loaded: map?.loaded() })}`,
          ),
        );
      else requestAnimationFrame(check);
    };
    check();
  });
}

/** Counts the wall map's paints from now on; `wallPaints` reads the count. */
export function countWallPaints(): void {
  const page = window as unknown as TabsWindow;
  // The listener is added once; each call starts the count again.
  if (page.__benchWallPaints === undefined)
    page.__benchWallMap!.on('render', () => {
      page.__benchWallPaints! += 1;
    });
  page.__benchWallPaints = 0;
}

export function wallPaints(): number {
  return (window as unknown as TabsWindow).__benchWallPaints ?? 0;
}
