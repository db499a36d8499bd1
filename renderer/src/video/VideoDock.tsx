import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { videoCameraViewSchema, type VideoCameraView } from '../../../src/core/contract/video';
import {
  NEARBY_VIDEO_DEFAULTS,
  VIDEO_WALL_SPLITS,
  type LngLat,
  type VideoWallSplit,
} from '../../../src/domain';
import { desktopApi } from '../api-client';
import { formatDistance } from '../map/inspect/format';
import { Segmented } from '../map/ui/Segmented';
import { useSay } from '../words/say';
import { CAMERA_DRAG_TYPE, VideoGrid } from './VideoGrid';
import './i18n';
import './video.css';

type NearbyCamera = VideoCameraView & { distanceKm: number };

type Dock =
  | { mode: 'closed' }
  | { mode: 'nearby'; at: LngLat }
  | { mode: 'wall'; split: VideoWallSplit; cells: (VideoCameraView | null)[] };

interface VideoDockControls {
  openNearby(at: LngLat): void;
  openWall(): void;
  /** While the wall is open, a camera picked on the map goes to its first empty cell. */
  offerCamera(camera: VideoCameraView): boolean;
}

const VideoDockContext = createContext<VideoDockControls | null>(null);

export function useVideoDock(): VideoDockControls | null {
  return useContext(VideoDockContext);
}

function parsedCamera(dropped: string): VideoCameraView | undefined {
  try {
    const camera = videoCameraViewSchema.safeParse(JSON.parse(dropped));
    return camera.success ? camera.data : undefined;
  } catch {
    return undefined;
  }
}

/** The smallest split that shows `n` cameras. */
function splitFor(n: number): VideoWallSplit {
  return VIDEO_WALL_SPLITS.find((split) => split >= n) ?? 16;
}

/** The wall's layout is the centre's: saved on this desktop under the centre's jurisdiction. */
function layoutKey(centre: string): string {
  return `pingan.videoWall.${centre}`;
}

function hasSavedLayout(centre: string): boolean {
  return localStorage.getItem(layoutKey(centre)) !== null;
}

function savedLayout(centre: string): { split: VideoWallSplit; cells: (VideoCameraView | null)[] } {
  try {
    const saved = JSON.parse(localStorage.getItem(layoutKey(centre)) ?? 'null') as {
      split?: unknown;
      cells?: unknown;
    } | null;
    const split = VIDEO_WALL_SPLITS.find((s) => s === saved?.split) ?? 4;
    const cells = Array.isArray(saved?.cells) ? (saved.cells as (VideoCameraView | null)[]) : [];
    return { split, cells: cells.slice(0, split) };
  } catch {
    return { split: 4, cells: [] };
  }
}

function NearbyVideo({ at, onClose }: { at: LngLat; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const [found, setFound] = useState<NearbyCamera[] | string | null>(null);
  useEffect(() => {
    let current = true;
    void desktopApi.call('video.nearby', { location: at, ...NEARBY_VIDEO_DEFAULTS }).then((result) => {
      if (current) setFound(result.ok ? result.value.cameras : say(result.error));
    });
    return () => {
      current = false;
    };
  }, [at, say]);
  const { count, radiusKm } = NEARBY_VIDEO_DEFAULTS;
  return (
    <section className="video-dock" data-testid="nearby-video" aria-label={t('video.nearby')}>
      <header>
        <h3>{t('video.nearbyTitle', { count, radius: radiusKm })}</h3>
        <button type="button" onClick={onClose}>
          {t('video.closeAll')}
        </button>
      </header>
      {typeof found === 'string' && <p className="map-problem">{found}</p>}
      {Array.isArray(found) && found.length === 0 && <p>{t('video.nearbyNone', { radius: radiusKm })}</p>}
      {Array.isArray(found) && found.length > 0 && (
        <VideoGrid
          split={splitFor(found.length)}
          cells={found}
          caption={(camera) =>
            `${camera.name} · ${formatDistance(t, (camera as NearbyCamera).distanceKm * 1000, i18n.language)}`
          }
        />
      )}
    </section>
  );
}

/** The cameras near the map's centre, to drag onto the wall. */
function CameraList({ centre }: { centre: () => LngLat }) {
  const { t } = useTranslation();
  const [cameras, setCameras] = useState<NearbyCamera[]>([]);
  useEffect(() => {
    void desktopApi
      .call('video.nearby', { location: centre(), count: 16, radiusKm: 20 })
      .then((result) => result.ok && setCameras(result.value.cameras));
  }, [centre]);
  return (
    <ul className="video-camera-list" aria-label={t('video.cameraList')} data-testid="video-camera-list">
      {cameras.map((camera) => (
        <li
          key={camera.id}
          draggable
          translate="no"
          onDragStart={(event) => event.dataTransfer.setData(CAMERA_DRAG_TYPE, JSON.stringify(camera))}
          data-camera={camera.id}
        >
          {camera.name}
        </li>
      ))}
    </ul>
  );
}

function VideoWall(props: {
  split: VideoWallSplit;
  cells: (VideoCameraView | null)[];
  centre: () => LngLat;
  onChange(split: VideoWallSplit, cells: (VideoCameraView | null)[]): void;
  onSave(): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const place = (cell: number, camera: VideoCameraView | null) => {
    const cells = [...props.cells];
    cells[cell] = camera;
    props.onChange(props.split, cells);
    setSaved(false);
  };
  return (
    <section className="video-dock video-wall" data-testid="video-wall" aria-label={t('video.wall')}>
      <header>
        <h3>{t('video.wall')}</h3>
        <Segmented
          label={t('video.wall')}
          options={VIDEO_WALL_SPLITS}
          value={props.split}
          onChange={(split) => props.onChange(split, props.cells.slice(0, split))}
          text={(n) => t('video.split', { n })}
          testIdPrefix="video-split-"
        />
        <button
          type="button"
          onClick={() => {
            props.onSave();
            setSaved(true);
          }}
        >
          {saved ? t('video.layoutSaved') : t('video.saveLayout')}
        </button>
        <button type="button" onClick={props.onClose}>
          {t('video.closeAll')}
        </button>
      </header>
      <div className="video-wall-body">
        <CameraList centre={props.centre} />
        <VideoGrid
          split={props.split}
          cells={props.cells}
          onDropCamera={(cell, dropped) => {
            const camera = parsedCamera(dropped);
            if (camera) place(cell, camera);
          }}
          onCloseCell={(cell) => place(cell, null)}
        />
      </div>
    </section>
  );
}

/**
 * Video over the map: nearby video around a place, or the centre's video wall. Children reach it through
 * `useVideoDock`; only the players on screen hold streams.
 */
export function VideoDockProvider(props: {
  centre: string;
  mapCentre(): LngLat;
  /** The war room keeps the centre's saved wall open over its map. */
  wallOpen: boolean;
  children: ReactNode;
}) {
  const [dock, setDock] = useState<Dock>({ mode: 'closed' });
  const { centre, wallOpen } = props;
  useEffect(() => {
    if (wallOpen && hasSavedLayout(centre)) setDock({ mode: 'wall', ...savedLayout(centre) });
  }, [wallOpen, centre]);
  const controls = useMemo<VideoDockControls>(
    () => ({
      openNearby: (at) => setDock({ mode: 'nearby', at }),
      openWall: () => setDock({ mode: 'wall', ...savedLayout(centre) }),
      offerCamera(camera) {
        let taken = false;
        setDock((now) => {
          if (now.mode !== 'wall') return now;
          const cells = Array.from({ length: now.split }, (_, i) => now.cells[i] ?? null);
          const free = cells.findIndex((cell) => cell === null);
          if (free < 0 || cells.some((cell) => cell?.id === camera.id)) return now;
          taken = true;
          cells[free] = camera;
          return { ...now, cells };
        });
        return taken;
      },
    }),
    [centre],
  );
  const close = useCallback(() => setDock({ mode: 'closed' }), []);
  return (
    <VideoDockContext.Provider value={controls}>
      {props.children}
      {dock.mode === 'nearby' && <NearbyVideo at={dock.at} onClose={close} />}
      {dock.mode === 'wall' && (
        <VideoWall
          split={dock.split}
          cells={dock.cells}
          centre={props.mapCentre}
          onChange={(split, cells) => setDock({ mode: 'wall', split, cells })}
          onSave={() =>
            localStorage.setItem(layoutKey(centre), JSON.stringify({ split: dock.split, cells: dock.cells }))
          }
          onClose={close}
        />
      )}
    </VideoDockContext.Provider>
  );
}
