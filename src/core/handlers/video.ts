import { nearestOnlineCameras, type MonitoringPoint } from '../../domain';
import { wording, WordedError } from '../../domain/wording';
import type { VideoClient } from '../hub-api/video-client';
import type { CoreServices, HandlersFor } from './types';

type VideoMethods = 'video.source' | 'video.nearby' | 'video.open' | 'video.keepAlive' | 'video.close';

const KM_PER_DEGREE_OF_LATITUDE = 111.32;

/** The box around `at` that holds every point within `radiusKm`. */
function boxAround([lng, lat]: [number, number], radiusKm: number): [number, number, number, number] {
  const dLat = radiusKm / KM_PER_DEGREE_OF_LATITUDE;
  const dLng = radiusKm / (KM_PER_DEGREE_OF_LATITUDE * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));
  return [lng - dLng, lat - dLat, lng + dLng, lat + dLat];
}

/**
 * Live video: a camera's source for its card and the cameras near a place, from the cache; play sessions,
 * from the hub, which decides who may watch and audits it. Without a hub there is no video.
 */
export function videoHandlers({
  cache,
  queries,
  session,
  video,
}: Pick<CoreServices, 'cache' | 'queries' | 'session' | 'video'>): HandlersFor<VideoMethods> {
  const client = (): VideoClient => {
    session.requirePermission('watch-video', 'live video');
    if (!video) throw new WordedError(wording('hubUnreachable', {}, 'this desktop runs without a hub'));
    return video;
  };
  const cameraDoc = (id: string) =>
    cache.getEntity('monitoring-point', id)?.doc as MonitoringPoint | undefined;
  return {
    'video.source': async ({ cameraId }) => {
      session.requirePermission('read', 'a camera');
      const camera = cameraDoc(cameraId);
      const source = camera?.video ?? null;
      return {
        video: source && {
          kind: source.kind,
          channelId: source.kind === 'gb28181' ? source.channelId : null,
        },
      };
    },
    'video.nearby': async ({ location, count, radiusKm }) => {
      session.requirePermission('watch-video', 'live video');
      const cameras = queries
        .inBox('monitoring-point', boxAround(location, radiusKm), 50_000)
        .map((entity) => entity.doc as MonitoringPoint)
        .filter((point) => point.kind === 'camera' && point.video)
        .map((point) => ({
          id: point.id,
          name: point.name,
          class: point.cameraClass,
          status: point.status,
          position: point.location,
          jurisdictionCode: point.jurisdictionCode,
        }));
      return {
        cameras: nearestOnlineCameras(cameras, location, count, radiusKm).map(({ camera, distanceKm }) => ({
          ...camera,
          distanceKm: Math.round(distanceKm * 1000) / 1000,
        })),
      };
    },
    'video.open': async ({ cameraId }) => client().open(cameraId),
    'video.keepAlive': async ({ sessionId }) => client().keepAlive(sessionId),
    'video.close': async ({ sessionId }) => {
      await client().close(sessionId);
      return {};
    },
  };
}
