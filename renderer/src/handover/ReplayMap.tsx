import { Map as MapLibreMap, type GeoJSONSource, type LngLatBoundsLike } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeatureCollection } from 'geojson';
import type { ReplayFrame } from '../../../src/core/contract/replay';
import { levelOfCode, toMillis, type JurisdictionLevel, type Shift } from '../../../src/domain';
import { desktopApi } from '../api-client';
import { useScreenActive } from '../components/TabScreen';
import { setUpMapEngine } from '../map/engine/setup';
import { FORCE_COLOURS, MONITORING_STATUS_COLOURS, RISK_COLOURS, WALL } from '../map/style/palette';
import { formatChinaClock } from '../workspace/time';

/** Shift minutes played per second of replay. */
const SPEEDS = [5, 15, 60] as const;
const TICK_MS = 250;
/** The divisions drawn under the replay: one level below the scope. */
const DIVISION_BELOW: Partial<Record<JurisdictionLevel, JurisdictionLevel>> = {
  prefecture: 'county',
  county: 'township',
  township: 'village',
  village: 'grid',
};
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function featuresOf<T extends { id: string; location: [number, number] }>(
  items: readonly T[],
  properties: (item: T) => Record<string, string | number>,
): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: items.map((item) => ({
      type: 'Feature',
      id: item.id,
      properties: properties(item),
      geometry: { type: 'Point', coordinates: item.location },
    })),
  };
}

function boundsOf(collection: FeatureCollection): LngLatBoundsLike | null {
  let [minLng, minLat, maxLng, maxLat] = [180, 90, -180, -90];
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number') {
      const [lng, lat] = value as [number, number];
      [minLng, minLat, maxLng, maxLat] = [
        Math.min(minLng, lng),
        Math.min(minLat, lat),
        Math.max(maxLng, lng),
        Math.max(maxLat, lat),
      ];
    } else value.forEach(visit);
  };
  for (const feature of collection.features)
    if (feature.geometry.type === 'Polygon' || feature.geometry.type === 'MultiPolygon')
      visit(feature.geometry.coordinates);
  return minLng > maxLng ? null : [minLng, minLat, maxLng, maxLat];
}

/** Draws the frames of a replay: divisions, open incidents by risk, forces by kind, cameras down. */
function useReplayMap(
  container: React.RefObject<HTMLDivElement | null>,
  scope: string,
  frame: ReplayFrame | null,
) {
  const map = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    if (!container.current) return;
    setUpMapEngine();
    const created = new MapLibreMap({
      container: container.current,
      style: {
        version: 8,
        sources: {
          divisions: { type: 'geojson', data: EMPTY },
          incidents: { type: 'geojson', data: EMPTY },
          forces: { type: 'geojson', data: EMPTY },
          cameras: { type: 'geojson', data: EMPTY },
        },
        layers: [
          { id: 'background', type: 'background', paint: { 'background-color': WALL.background } },
          { id: 'land', type: 'fill', source: 'divisions', paint: { 'fill-color': WALL.land } },
          {
            id: 'division-lines',
            type: 'line',
            source: 'divisions',
            paint: { 'line-color': WALL.townshipLine, 'line-width': 1 },
          },
          {
            id: 'cameras',
            type: 'circle',
            source: 'cameras',
            paint: {
              'circle-radius': 3,
              'circle-color': ['get', 'colour'],
              'circle-stroke-color': WALL.background,
              'circle-stroke-width': 1,
            },
          },
          {
            id: 'forces',
            type: 'circle',
            source: 'forces',
            paint: {
              'circle-radius': 4,
              'circle-color': ['get', 'colour'],
              'circle-stroke-color': '#ffffff',
              'circle-stroke-width': 1,
            },
          },
          {
            id: 'incidents',
            type: 'circle',
            source: 'incidents',
            paint: {
              'circle-radius': ['case', ['==', ['get', 'risk'], 'high'], 7, 5],
              'circle-color': ['get', 'colour'],
              'circle-stroke-color': WALL.background,
              'circle-stroke-width': 1.5,
            },
          },
        ],
      },
      attributionControl: false,
      dragRotate: false,
      renderWorldCopies: false,
    });
    created.on('load', () => setReady(true));
    map.current = created;
    return () => {
      created.remove();
      map.current = null;
      setReady(false);
    };
  }, [container]);

  useEffect(() => {
    if (!ready) return;
    const level = DIVISION_BELOW[levelOfCode(scope) ?? 'county'] ?? 'grid';
    let cancelled = false;
    void desktopApi.call('region.boundaries', { level, scope }).then((result) => {
      if (cancelled || !result.ok || !map.current) return;
      const divisions = result.value as unknown as FeatureCollection;
      (map.current.getSource('divisions') as GeoJSONSource).setData(divisions);
      const bounds = boundsOf(divisions);
      if (bounds) map.current.fitBounds(bounds, { padding: 24, animate: false });
    });
    return () => {
      cancelled = true;
    };
  }, [ready, scope]);

  useEffect(() => {
    if (!ready || !map.current || !frame) return;
    const source = (id: string) => map.current!.getSource(id) as GeoJSONSource;
    source('incidents').setData(
      featuresOf(frame.incidents, (incident) => ({
        risk: incident.riskLevel ?? 'ungraded',
        colour: RISK_COLOURS[incident.riskLevel ?? 'ungraded'],
      })),
    );
    source('forces').setData(featuresOf(frame.forces, (force) => ({ colour: FORCE_COLOURS[force.kind] })));
    source('cameras').setData(
      featuresOf(frame.offlineCameras, (point) => ({ colour: MONITORING_STATUS_COLOURS[point.status] })),
    );
  }, [ready, frame]);
}

/**
 * 班次回放: the map played back over the shift from the local cache, at a chosen speed, or scrubbed to
 * any moment. Only the latest asked-for moment is fetched, so a fast drag never queues up frames.
 */
export function ReplayMap({ shift, scope, until }: { shift: Shift; scope: string; until: number }) {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const start = toMillis(shift.start);
  const [at, setAt] = useState(start);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof SPEEDS)[number]>(SPEEDS[1]);
  const [frame, setFrame] = useState<ReplayFrame | null>(null);
  const inFlight = useRef(false);
  const wanted = useRef(at);
  useReplayMap(container, scope, frame);

  useEffect(() => {
    setAt(start);
    setPlaying(false);
  }, [start, scope]);

  useEffect(() => {
    wanted.current = at;
    if (inFlight.current) return;
    const fetchLatest = (instant: number) => {
      inFlight.current = true;
      void desktopApi
        .call('replay.frame', { shift, scope, at: new Date(instant).toISOString() })
        .then((result) => {
          inFlight.current = false;
          if (result.ok) setFrame(result.value);
          if (wanted.current !== instant) fetchLatest(wanted.current);
        });
    };
    fetchLatest(at);
  }, [at, shift, scope]);

  // A replay plays while it is watched: leaving the handover tab pauses it where it is.
  const shown = useScreenActive();
  if (!shown && playing) setPlaying(false);

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      setAt((current) => {
        const next = Math.min(until, current + (speed * 60_000 * TICK_MS) / 1000);
        if (next >= until) setPlaying(false);
        return next;
      });
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [playing, speed, until]);

  return (
    <section className="replay" data-testid="replay">
      <h3>{t('handover.replay.heading')}</h3>
      <div className="replay-map" ref={container} data-testid="replay-map" />
      <div className="replay-controls">
        <button
          data-testid="replay-play"
          onClick={() => {
            if (at >= until) setAt(start);
            setPlaying(!playing);
          }}
        >
          {playing ? t('handover.replay.pause') : t('handover.replay.play')}
        </button>
        <input
          type="range"
          aria-label={t('handover.replay.at')}
          data-testid="replay-scrubber"
          min={start}
          max={until}
          step={60_000}
          value={at}
          onChange={(event) => {
            setPlaying(false);
            setAt(Number(event.target.value));
          }}
        />
        <span className="replay-at" data-testid="replay-at">
          {formatChinaClock(new Date(at).toISOString(), i18n.language)}
        </span>
        <label>
          {t('handover.replay.speed')}
          <select
            value={speed}
            onChange={(event) => setSpeed(Number(event.target.value) as (typeof SPEEDS)[number])}
          >
            {SPEEDS.map((option) => (
              <option key={option} value={option}>
                {option * 60}×
              </option>
            ))}
          </select>
        </label>
      </div>
      {frame && (
        <ul className="replay-legend" data-testid="replay-counts" data-at={frame.at}>
          <li>
            <span className="legend-dot" style={{ background: RISK_COLOURS.high }} />
            {t('handover.replay.legend.incident')} {frame.incidents.length}
          </li>
          <li>
            <span className="legend-dot" style={{ background: FORCE_COLOURS['patrol-team'] }} />
            {t('handover.replay.legend.force')} {frame.forces.length}
          </li>
          <li>
            <span className="legend-dot" style={{ background: MONITORING_STATUS_COLOURS.offline }} />
            {t('handover.replay.legend.camera')} {frame.offlineCameras.length}
          </li>
        </ul>
      )}
    </section>
  );
}
