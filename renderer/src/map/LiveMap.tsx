import type { Map as MapLibreMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FORCE_KINDS, STAGES, type LngLat } from '../../../src/domain';
import { desktopApi } from '../api-client';
import { useDisplayOnly } from '../app/display-only';
import { ProgressBar } from '../components/ProgressBar';
import { useSessionStatus } from '../hooks/useDesktop';
import { unlockChime } from './alerts/chime';
import { useMapFocus, type MapFocus } from './controller/focus';
import { useOverdueFlags } from './controller/overdue';
import type { MapController } from './controller/map-controller';
import type { MapSnapshot } from './controller/snapshot';
import { useWallMap } from './controller/use-wall-map';
import './i18n';
import { DetailPanel } from './inspect/DetailPanel';
import type { Hover, Selection } from './inspect/targets';
import { Tooltip } from './inspect/Tooltip';
import type { StyleTexts } from './layers/context';
import './live-map.css';
import { useChimeEnabled, useFontScale, useGridColouring, useLayerVisibility } from './settings/preferences';
import { useBasemap } from './settings/use-basemap';
import { MAP_RISKS } from './style/palette';
import { Breadcrumb } from './ui/Breadcrumb';
import { useSay } from '../words/say';
import { useVideoDock, VideoDockProvider } from '../video/VideoDock';
import { LayerPanel } from './ui/LayerPanel';
import { Legend } from './ui/Legend';
import { MapSettings } from './ui/MapSettings';

declare global {
  interface Window {
    /** The wall map's MapLibre instance, for tests and benchmarks: set only with localStorage.pinganDebug = '1'. */
    __pinganMap?: MapLibreMap;
  }
}

export interface LiveMapProps {
  /** Called with the jurisdiction code the map is drilled to, so that figures beside it can follow. */
  onScopeChange?(code: string): void;
  /** An incident selected elsewhere (the queue): the map flies to it, and back when it is cleared. */
  focus?: MapFocus | null;
  /** A map sharing the screen with other work: its legend starts folded, leaving the map in view. */
  compact?: boolean;
  /** The war room's map: the centre's saved video wall opens over it. */
  warRoom?: boolean;
}

/** The live wall map of the operator's jurisdiction. Fills its parent, which must have a height. */
export function LiveMap({ onScopeChange, focus, compact, warRoom }: LiveMapProps) {
  const { t } = useTranslation();
  const status = useSessionStatus();
  const root = status?.operator?.jurisdiction;
  if (!root)
    return (
      <section className="live-map" data-testid="live-map">
        <p className="map-note map-centre">{status ? t('map.signedOut') : t('map.loading')}</p>
      </section>
    );
  return (
    <WallMap
      key={root}
      root={root}
      onScopeChange={onScopeChange}
      focus={focus}
      compact={compact}
      warRoom={warRoom}
    />
  );
}

function useStyleTexts(): StyleTexts {
  const { t, i18n } = useTranslation();
  return useMemo(
    () => ({
      stages: Object.fromEntries(
        STAGES.map((stage) => [stage, t(`map.stage.${stage}`)]),
      ) as StyleTexts['stages'],
      forceMarks: Object.fromEntries(
        FORCE_KINDS.map((kind) => [kind, t(`map.forceMark.${kind}`)]),
      ) as StyleTexts['forceMarks'],
      risks: Object.fromEntries(
        MAP_RISKS.map((risk) => [risk, t(`map.risk.${risk}`)]),
      ) as StyleTexts['risks'],
      openCount: { before: t('map.openCount.before'), after: t('map.openCount.after') },
    }),
    // `t` changes with the language; the language is named too so the intent reads plainly.
    [t, i18n.language],
  );
}

/** The operator's settings for the map, kept across restarts, with the map's words in the current language. */
function useMapPreferences() {
  const [visible, setVisible] = useLayerVisibility();
  const [gridColouring, setGridColouring] = useGridColouring();
  const [chime, setChime] = useChimeEnabled();
  const [fontScale, setFontScale] = useFontScale();
  const texts = useStyleTexts();
  return {
    visible,
    setVisible,
    gridColouring,
    setGridColouring,
    chime,
    setChime,
    fontScale,
    setFontScale,
    texts,
  };
}

function MapPhaseNote({ snapshot }: { snapshot: MapSnapshot }) {
  const { t } = useTranslation();
  const say = useSay();
  if (snapshot.phase !== 'failed' && snapshot.incidentLoad)
    return <IncidentLoadBar progress={snapshot.incidentLoad} />;
  if (snapshot.phase === 'ready') return null;
  return (
    <p className={`map-note map-centre${snapshot.phase === 'failed' ? ' map-problem' : ''}`} role="status">
      {snapshot.phase === 'failed'
        ? t('map.failed', { error: snapshot.error ? say(snapshot.error) : '' })
        : t('map.loading')}
    </p>
  );
}

/** While the incidents come in pages, the map shows area totals: this says so, and how far the load is. */
function IncidentLoadBar({ progress }: { progress: NonNullable<MapSnapshot['incidentLoad']> }) {
  const { t, i18n } = useTranslation();
  return (
    <ProgressBar
      done={progress.loaded}
      total={progress.total}
      className="map-load"
      testId="map-incident-load"
    >
      {t('map.incidentLoad', {
        loaded: progress.loaded.toLocaleString(i18n.language),
        total: progress.total.toLocaleString(i18n.language),
      })}
    </ProgressBar>
  );
}

function WallMap({ root, onScopeChange, focus, compact, warRoom }: { root: string } & LiveMapProps) {
  const frame = {
    container: useRef<HTMLDivElement>(null),
    side: useRef<HTMLDivElement>(null),
    top: useRef<HTMLDivElement>(null),
  };
  const preferences = useMapPreferences();
  const { visible, gridColouring, texts, fontScale, chime } = preferences;
  // A wall display keeps the settings it was given: nobody works at it to change them.
  const displayOnly = useDisplayOnly();
  const [hover, setHover] = useState<Hover | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const { controller, snapshot } = useWallMap(
    root,
    frame,
    { overlay: { texts, gridColouring, visible }, fontScale, chime, onScopeChange },
    { hover: setHover, select: setSelection },
  );
  const basemap = useBasemap(controller);
  useMapFocus(controller?.map, focus);
  useOverdueFlags(controller?.map, desktopApi);

  /** A selection made from a panel list also brings its place into view. */
  const selectFromPanel = (next: Selection) => {
    setSelection(next);
    if ('at' in next) controller?.map.easeTo({ center: next.at, duration: 500 });
  };

  return (
    <section className="live-map" data-testid="live-map" onPointerDown={unlockChime}>
      <VideoDockProvider centre={root} mapCentre={() => mapCentre(controller)} wallOpen={warRoom === true}>
        <div ref={frame.container} className="live-map-canvas" />
        <div ref={frame.top} className="live-map-top">
          <Breadcrumb trail={snapshot.trail} onSelect={(code) => controller?.setScope(code)} />
          <VideoWallButton />
        </div>
        <div ref={frame.side} className="live-map-side">
          <LayerPanel
            visible={visible}
            counts={snapshot.counts}
            onlineShare={snapshot.onlineShare}
            gridColouring={gridColouring}
            onToggle={(layer, on) => preferences.setVisible({ ...visible, [layer]: on })}
            onGridColouring={preferences.setGridColouring}
          />
          <Legend gridColouring={gridColouring} folded={compact} />
          {!displayOnly && (
            <MapSettings
              basemap={basemap}
              basemapState={snapshot.basemap}
              fontScale={fontScale}
              chime={chime}
              onFontScale={preferences.setFontScale}
              onChime={preferences.setChime}
            />
          )}
        </div>
        {hover && <Tooltip hover={hover} />}
        {selection && controller && (
          <DetailPanel
            selection={selection}
            controller={controller}
            onSelect={selectFromPanel}
            onClose={() => setSelection(null)}
          />
        )}
        <MapPhaseNote snapshot={snapshot} />
        <OfferCameraToWall selection={selection} controller={controller} />
      </VideoDockProvider>
    </section>
  );
}

/** Where the map looks now, for the cameras the video wall lists. */
function mapCentre(controller: MapController | null): LngLat {
  const centre = controller?.map.getCenter();
  return centre ? [centre.lng, centre.lat] : [0, 0];
}

function VideoWallButton() {
  const { t } = useTranslation();
  const dock = useVideoDock();
  return (
    <button
      type="button"
      className="map-action video-wall-open"
      data-testid="video-wall-button"
      onClick={() => dock?.openWall()}
    >
      {t('video.wall')}
    </button>
  );
}

/** A camera picked on the map while the video wall is open goes to its first empty cell. */
function OfferCameraToWall(props: { selection: Selection | null; controller: MapController | null }) {
  const dock = useVideoDock();
  const { selection, controller } = props;
  useEffect(() => {
    if (selection?.kind !== 'monitoring-point' || !dock || !controller) return;
    const entity = controller.entity('monitoring-point', selection.id);
    if (entity?.properties.pointKind !== 'camera') return;
    const p = entity.properties;
    dock.offerCamera({
      id: entity.id,
      name: String(p.name ?? ''),
      class: p.cameraClass === 1 || p.cameraClass === 2 || p.cameraClass === 3 ? p.cameraClass : null,
      status: p.status === 'offline' || p.status === 'fault' ? p.status : 'online',
      position: [entity.lng, entity.lat],
      jurisdictionCode: String(p.jurisdictionCode ?? ''),
    });
  }, [selection, dock, controller]);
  return null;
}
