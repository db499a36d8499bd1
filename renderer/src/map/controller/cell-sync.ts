import type { FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { DesktopApi, IncidentCellsView } from '../../../../src/core/contract/api';
import { RISK_RANK } from '../style/palette';

/** A change of incidents redraws the clusters at most this often: each is a fresh read of the cache's cells. */
const REFRESH_AFTER_CHANGE_MS = 1_000;
const EMPTY: FeatureCollection<Point> = { type: 'FeatureCollection', features: [] };

/** The short count a cluster shows, the way the map abbreviates its own clusters' counts. */
export function abbreviatedCount(count: number): string {
  if (count >= 10_000) return `${Math.round(count / 1_000)}k`;
  if (count >= 1_000) return `${Math.round(count / 100) / 10}k`;
  return String(count);
}

export function cellFeatures({ cells }: IncidentCellsView): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: cells.map((cell) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [cell.lng, cell.lat] },
      properties: {
        count: cell.count,
        countLabel: abbreviatedCount(cell.count),
        highCount: cell.high,
        maxRiskRank:
          cell.high > 0
            ? RISK_RANK.high
            : cell.medium > 0
              ? RISK_RANK.medium
              : cell.low > 0
                ? RISK_RANK.low
                : RISK_RANK.ungraded,
      },
    })),
  };
}

/**
 * Draws the open incidents of the scope as the cache's clusters for the view on screen, while the map has not
 * yet got every incident to cluster itself: the first frame of a province's wall costs a few thousand rows,
 * not every open case. Follows the view as it moves and the incidents as they change, until stopped.
 */
export class IncidentCellSync {
  private latest: FeatureCollection<Point> = EMPTY;
  /** Every open incident of the scope with a place, as of the last answer; null before the first. */
  total: number | null = null;
  private active = false;
  private asking = false;
  private askAgain = false;
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly map: MapLibreMap,
    private readonly api: DesktopApi,
    private readonly source: () => GeoJSONSource | undefined,
    private readonly scope: () => string,
    private readonly onAnswer: () => void,
  ) {}

  start(): void {
    if (this.active) return;
    this.active = true;
    this.map.on('moveend', this.refresh);
    const stopListening = this.api.on('changed', ({ ids }) => {
      if (ids !== null && !ids.incident?.length) return;
      this.changeTimer ??= setTimeout(() => {
        this.changeTimer = undefined;
        this.refresh();
      }, REFRESH_AFTER_CHANGE_MS);
    });
    this.unsubscribe = () => {
      this.map.off('moveend', this.refresh);
      stopListening();
    };
    this.refresh();
  }

  /** Takes the clusters off the map: the map has every incident now and clusters them itself. */
  stop(): void {
    this.active = false;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.changeTimer);
    this.changeTimer = undefined;
    this.latest = EMPTY;
    this.total = null;
    this.push();
  }

  /** Puts the latest clusters on a style that has just loaded. */
  push(): void {
    this.source()?.setData(this.latest);
  }

  /** Asks for the view's clusters; a view that moves again while it is asked is asked for once more after. */
  readonly refresh = (): void => {
    if (!this.active) return;
    if (this.asking) {
      this.askAgain = true;
      return;
    }
    this.asking = true;
    void this.ask().finally(() => {
      this.asking = false;
      if (this.askAgain) {
        this.askAgain = false;
        this.refresh();
      }
    });
  };

  private async ask(): Promise<void> {
    const bounds = this.map.getBounds();
    const clamp = (lat: number) => Math.max(-85, Math.min(85, lat));
    const answer = await this.api.call('map.incidentCells', {
      zoom: this.map.getZoom(),
      bbox: [bounds.getWest(), clamp(bounds.getSouth()), bounds.getEast(), clamp(bounds.getNorth())],
      scope: this.scope(),
    });
    // A failed ask leaves the last clusters up; the next move or change asks again.
    if (!answer.ok || !this.active) return;
    this.latest = cellFeatures(answer.value);
    this.total = answer.value.total;
    this.push();
    this.onAnswer();
  }
}
