import type { Map as MapLibreMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { FORCE_KINDS, STAGES, wordingOf, type Wording } from '../../../src/domain';
import { desktopApi } from '../api-client';
import { useScreenActive } from '../components/TabScreen';
import { useSessionStatus } from '../hooks/useDesktop';
import { playChime, unlockChime } from './alerts/chime';
import { useMapFocus, type MapFocus } from './controller/focus';
import { attachInteractions } from './controller/interactions';
import { useOverdueFlags } from './controller/overdue';
import { MapController } from './controller/map-controller';
import { initialSnapshot } from './controller/snapshot';
import './i18n';
import { DetailPanel } from './inspect/DetailPanel';
import type { Hover, Selection } from './inspect/targets';
import { Tooltip } from './inspect/Tooltip';
import type { StyleTexts } from './layers/context';
import './live-map.css';
import { useChimeEnabled, useFontScale, useGridColouring, useLayerVisibility } from './settings/preferences';
import { useBasemap } from './settings/use-basemap';
import { MAP_RISKS } from './style/palette';
import { BasemapSetting } from './ui/BasemapSetting';
import { Breadcrumb } from './ui/Breadcrumb';
import { DisplaySettings } from './ui/DisplaySettings';
import { useSay } from '../words/say';
import { LayerPanel } from './ui/LayerPanel';
import { Legend } from './ui/Legend';

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
}

/** The live wall map of the operator's jurisdiction. Fills its parent, which must have a height. */
export function LiveMap({ onScopeChange, focus, compact }: LiveMapProps) {
  const { t } = useTranslation();
  const status = useSessionStatus();
  const root = status?.operator?.jurisdiction;
  if (!root)
    return (
      <section className="live-map" data-testid="live-map">
        <p className="map-note map-centre">{status ? t('map.signedOut') : t('map.loading')}</p>
      </section>
    );
  return <WallMap key={root} root={root} onScopeChange={onScopeChange} focus={focus} compact={compact} />;
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

const noSubscription = () => () => undefined;
/** Pixels kept between a fitted division and the panels or the edge. */
const VIEW_MARGIN = 24;

function WallMap({ root, onScopeChange, focus, compact }: { root: string } & LiveMapProps) {
  const { t } = useTranslation();
  const say = useSay();
  const container = useRef<HTMLDivElement>(null);
  const side = useRef<HTMLDivElement>(null);
  const top = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<MapController | null>(null);
  const [visible, setVisible] = useLayerVisibility();
  const [gridColouring, setGridColouring] = useGridColouring();
  const [chime, setChime] = useChimeEnabled();
  const [fontScale, setFontScale] = useFontScale();
  const texts = useStyleTexts();
  const [hover, setHover] = useState<Hover | null>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  /** Why the map could not be made (the region would not load), if it could not. */
  const [failure, setFailure] = useState<Wording | null>(null);
  const basemap = useBasemap(controller);

  // The map is made once per root; these carry the latest settings into it without remaking it.
  const latest = useRef({ overlay: { texts, gridColouring, visible }, fontScale, chime, onScopeChange });
  useEffect(() => {
    latest.current = { overlay: { texts, gridColouring, visible }, fontScale, chime, onScopeChange };
  });

  useEffect(() => {
    let created: MapController | undefined;
    let detach: (() => void) | undefined;
    let cancelled = false;
    MapController.create({
      container: container.current!,
      api: desktopApi,
      root,
      overlay: latest.current.overlay,
      fontScale: latest.current.fontScale,
      viewPadding: () => ({
        left: (side.current?.offsetWidth ?? 0) + VIEW_MARGIN,
        top: (top.current?.offsetHeight ?? 0) + VIEW_MARGIN,
        right: VIEW_MARGIN,
        bottom: VIEW_MARGIN,
      }),
      onHighRisk: () => latest.current.chime && playChime(),
    }).then(
      (made) => {
        if (cancelled) return made.destroy();
        created = made;
        detach = attachInteractions(made.map, {
          scope: () => made.snapshots.get().scope,
          setScope: (code) => made.setScope(code),
          hover: setHover,
          select: setSelection,
        });
        if (localStorage.getItem('pinganDebug') === '1') window.__pinganMap = made.map;
        setController(made);
      },
      (error: unknown) => !cancelled && setFailure(wordingOf(error)),
    );
    return () => {
      cancelled = true;
      detach?.();
      created?.destroy();
      if (created && window.__pinganMap === created.map) delete window.__pinganMap;
    };
  }, [root]);

  useEffect(
    () => controller?.setOverlayOptions({ texts, gridColouring, visible }),
    [controller, texts, gridColouring, visible],
  );
  useEffect(() => controller?.setFontScale(fontScale), [controller, fontScale]);
  const shown = useScreenActive();
  useEffect(() => controller?.setShown(shown), [controller, shown]);

  const fallback = useMemo(
    () => ({ ...initialSnapshot(root), ...(failure ? { phase: 'failed' as const, error: failure } : {}) }),
    [root, failure],
  );
  const snapshot = useSyncExternalStore(
    controller?.snapshots.subscribe ?? noSubscription,
    controller?.snapshots.get ?? (() => fallback),
  );
  useEffect(() => latest.current.onScopeChange?.(snapshot.scope), [snapshot.scope]);
  useMapFocus(controller?.map, focus);
  useOverdueFlags(controller?.map, desktopApi);

  /** A selection made from a panel list also brings its place into view. */
  const selectFromPanel = (next: Selection) => {
    setSelection(next);
    if ('at' in next) controller?.map.easeTo({ center: next.at, duration: 500 });
  };

  return (
    <section className="live-map" data-testid="live-map" onPointerDown={unlockChime}>
      <div ref={container} className="live-map-canvas" />
      <div ref={top} className="live-map-top">
        <Breadcrumb trail={snapshot.trail} onSelect={(code) => controller?.setScope(code)} />
      </div>
      <div ref={side} className="live-map-side">
        <LayerPanel
          visible={visible}
          counts={snapshot.counts}
          onlineShare={snapshot.onlineShare}
          gridColouring={gridColouring}
          onToggle={(layer, on) => setVisible({ ...visible, [layer]: on })}
          onGridColouring={setGridColouring}
        />
        <Legend gridColouring={gridColouring} folded={compact} />
        <details className="map-panel map-settings">
          <summary>
            <h3>{t('map.settings')}</h3>
          </summary>
          <DisplaySettings
            fontScale={fontScale}
            chime={chime}
            onFontScale={setFontScale}
            onChime={setChime}
          />
          <BasemapSetting
            config={basemap.config}
            loading={snapshot.basemap.loading}
            problem={snapshot.basemap.problem}
            onApply={(config, file) => void basemap.apply(config, file)}
          />
        </details>
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
      {snapshot.phase !== 'ready' && (
        <p
          className={`map-note map-centre${snapshot.phase === 'failed' ? ' map-problem' : ''}`}
          role="status"
        >
          {snapshot.phase === 'failed'
            ? t('map.failed', { error: snapshot.error ? say(snapshot.error) : '' })
            : t('map.loading')}
        </p>
      )}
    </section>
  );
}
