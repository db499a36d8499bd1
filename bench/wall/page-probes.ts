/**
 * What runs inside the page. These functions are serialised by Playwright into the page, so they use only
 * what the page itself has: no imports, no closures over this module.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface WallLoadTimes {
  /** performance.now() of each moment; null until it happens. */
  askedAt: number | null;
  /** The first frame with the region on it (the county lines): no frame with incidents can come before. */
  firstRegionFrameAt: number | null;
  firstIncidentFrameAt: number | null;
  loadedAt: number | null;
  allDrawnAt: number | null;
  /** The open incidents the load counted, from the progress bar's total (null if it never showed). */
  total: number | null;
}

type ProbedWindow = Window & { __wallProbes: WallLoadTimes; __pinganMap?: MapLibreMap };

/**
 * Installed before the page's own scripts: watches every animation frame for the first one with incidents
 * drawn on it (the cache's clusters or the map's own), and for the first with the map's own once every
 * incident is in; the map marks when it asks for its incidents and when the last page is in.
 */
export function installWallProbes({ asked, loaded }: { asked: string; loaded: string }): void {
  localStorage.setItem('pinganDebug', '1');
  const probes: WallLoadTimes = {
    askedAt: null,
    firstRegionFrameAt: null,
    firstIncidentFrameAt: null,
    loadedAt: null,
    allDrawnAt: null,
    total: null,
  };
  const page = window as unknown as ProbedWindow;
  page.__wallProbes = probes;
  const markAt = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? null;
  // Asked of whatever is on screen: a source still loading (the style not yet "loaded") does not hide a
  // frame that already shows the region or the incidents.
  const drawn = (map: MapLibreMap, layers: string[]) => {
    const present = layers.filter((id) => map.getLayer(id));
    return present.length > 0 && map.queryRenderedFeatures({ layers: present }).length > 0;
  };
  const frame = () => {
    const map = page.__pinganMap;
    probes.askedAt ??= markAt(asked);
    probes.loadedAt ??= markAt(loaded);
    const bar = document.querySelector('[data-testid="map-incident-load"]')?.textContent;
    const total = bar?.match(/\/\s*([\d,]+)/)?.[1];
    if (total) probes.total = Number(total.replace(/,/g, ''));
    if (map?.style && probes.askedAt !== null) {
      if (probes.firstRegionFrameAt === null && drawn(map, ['line-county']))
        probes.firstRegionFrameAt = performance.now();
      if (
        probes.firstIncidentFrameAt === null &&
        drawn(map, ['incident-cells', 'incident-clusters', 'incident-points'])
      )
        probes.firstIncidentFrameAt = performance.now();
      if (probes.loadedAt !== null && drawn(map, ['incident-clusters', 'incident-points']))
        probes.allDrawnAt = performance.now();
    }
    if (probes.allDrawnAt === null) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

export function wallLoadTimes(): WallLoadTimes {
  return (window as unknown as ProbedWindow).__wallProbes;
}
