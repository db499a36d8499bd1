import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import { wordingOf, type Wording } from '../../../../src/domain';
import { desktopApi } from '../../api-client';
import { useScreenActive } from '../../components/TabScreen';
import { playChime } from '../alerts/chime';
import type { Hover, Selection } from '../inspect/targets';
import type { OverlayContext } from '../layers/context';
import { attachInteractions } from './interactions';
import { MapController } from './map-controller';
import { initialSnapshot, type MapSnapshot } from './snapshot';

/** Pixels kept between a fitted division and the panels or the edge. */
const VIEW_MARGIN = 24;

/** The elements the map lies under: its canvas's container and the panels over it that fitting keeps clear. */
export interface MapFrame {
  container: RefObject<HTMLDivElement | null>;
  side: RefObject<HTMLDivElement | null>;
  top: RefObject<HTMLDivElement | null>;
}

/** What the operator has set for the map, carried into it as it changes. */
export interface WallMapSettings {
  overlay: Pick<OverlayContext, 'texts' | 'gridColouring' | 'visible'>;
  fontScale: number;
  chime: boolean;
  onScopeChange?(code: string): void;
}

export interface PointerHandlers {
  hover(hover: Hover | null): void;
  select(selection: Selection | null): void;
}

const noSubscription = () => () => undefined;

/** Makes the map once per root and takes it down with it; the failure says why it could not be made. */
function useMapController(
  root: string,
  frame: MapFrame,
  latest: RefObject<WallMapSettings>,
  pointer: PointerHandlers,
): { controller: MapController | null; failure: Wording | null } {
  const [controller, setController] = useState<MapController | null>(null);
  const [failure, setFailure] = useState<Wording | null>(null);
  useEffect(() => {
    let created: MapController | undefined;
    let detach: (() => void) | undefined;
    let cancelled = false;
    MapController.create({
      container: frame.container.current!,
      api: desktopApi,
      root,
      overlay: latest.current.overlay,
      fontScale: latest.current.fontScale,
      viewPadding: () => ({
        left: (frame.side.current?.offsetWidth ?? 0) + VIEW_MARGIN,
        top: (frame.top.current?.offsetHeight ?? 0) + VIEW_MARGIN,
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
          ...pointer,
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
    // The map is made once per root: the frame, the settings and the handlers are read when it is made.
  }, [root]);
  return { controller, failure };
}

/** The map's state for the panels: the controller's, or a loading (or failed) one before it exists. */
function useMapSnapshot(
  controller: MapController | null,
  root: string,
  failure: Wording | null,
): MapSnapshot {
  const fallback = useMemo(
    () => ({ ...initialSnapshot(root), ...(failure ? { phase: 'failed' as const, error: failure } : {}) }),
    [root, failure],
  );
  return useSyncExternalStore(
    controller?.snapshots.subscribe ?? noSubscription,
    controller?.snapshots.get ?? (() => fallback),
  );
}

/**
 * The wall's map for `root`: made once, fed the operator's settings as they change, drawing only while its
 * tab is shown, and telling the drilled-down scope to whoever follows it.
 */
export function useWallMap(
  root: string,
  frame: MapFrame,
  settings: WallMapSettings,
  pointer: PointerHandlers,
) {
  // The map is made once per root; this carries the latest settings into it without remaking it.
  const latest = useRef(settings);
  useEffect(() => {
    latest.current = settings;
  });
  const { controller, failure } = useMapController(root, frame, latest, pointer);
  const { texts, gridColouring, visible } = settings.overlay;
  useEffect(
    () => controller?.setOverlayOptions({ texts, gridColouring, visible }),
    [controller, texts, gridColouring, visible],
  );
  useEffect(() => controller?.setFontScale(settings.fontScale), [controller, settings.fontScale]);
  const shown = useScreenActive();
  useEffect(() => controller?.setShown(shown), [controller, shown]);
  const snapshot = useMapSnapshot(controller, root, failure);
  useEffect(() => latest.current.onScopeChange?.(snapshot.scope), [snapshot.scope]);
  return { controller, snapshot };
}
