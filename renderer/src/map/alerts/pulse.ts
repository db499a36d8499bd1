import type { Feature, Point } from 'geojson';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { INCIDENT_ALERT_LAYER, INCIDENT_ALERT_SOURCE } from '../layers/incidents';

/** How long a new high-risk incident keeps pulsing, and how long one beat takes. */
const PULSE_FOR_MS = 30_000;
const BEAT_MS = 1_400;

/** Expanding rings around new high-risk incidents, animated for a while and then gone. */
export class IncidentPulse {
  private readonly pulsing = new Map<string, { at: [number, number]; until: number }>();
  private frame: number | undefined;

  constructor(private readonly map: () => MapLibreMap | undefined) {}

  start(id: string, at: [number, number]): void {
    this.pulsing.set(id, { at, until: performance.now() + PULSE_FOR_MS });
    this.publish();
    this.frame ??= requestAnimationFrame(this.beat);
  }

  /** After a style reload, the (emptied) alert source needs the running pulses again. */
  republish(): void {
    this.publish();
  }

  stop(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.pulsing.clear();
  }

  private publish(): void {
    const features: Feature<Point>[] = Array.from(this.pulsing, ([id, { at }]) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: at },
      properties: { id },
    }));
    void this.map()
      ?.getSource<GeoJSONSource>(INCIDENT_ALERT_SOURCE)
      ?.setData({ type: 'FeatureCollection', features });
  }

  private readonly beat = (now: number) => {
    this.frame = undefined;
    let expired = false;
    for (const [id, { until }] of this.pulsing)
      if (until <= now) {
        this.pulsing.delete(id);
        expired = true;
      }
    if (expired) this.publish();
    const map = this.map();
    if (!map?.getLayer(INCIDENT_ALERT_LAYER)) return;
    const phase = (now % BEAT_MS) / BEAT_MS;
    map.setPaintProperty(INCIDENT_ALERT_LAYER, 'circle-radius', 12 + 28 * phase);
    map.setPaintProperty(INCIDENT_ALERT_LAYER, 'circle-stroke-opacity', this.pulsing.size ? 1 - phase : 0);
    if (this.pulsing.size) this.frame = requestAnimationFrame(this.beat);
  };
}
