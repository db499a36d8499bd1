import { distanceKm, type LngLat } from './geo';
import type { CameraClass, MonitoringStatus } from './monitoring';

/** A camera the screens may open, as the hub lists them. */
export interface VideoCamera {
  id: string;
  name: string;
  class: CameraClass | null;
  status: MonitoringStatus;
  position: LngLat;
  jurisdictionCode: string;
}

/** Nearby video (周边视频): how many cameras and how far, unless the operator says otherwise. */
export const NEARBY_VIDEO_DEFAULTS = { count: 4, radiusKm: 2 } as const;

export interface NearbyCamera<C extends VideoCamera = VideoCamera> {
  camera: C;
  distanceKm: number;
}

/** The `count` nearest online cameras within `radiusKm` of `at`, nearest first. */
export function nearestOnlineCameras<C extends VideoCamera>(
  cameras: readonly C[],
  at: LngLat,
  count: number,
  radiusKm: number,
): NearbyCamera<C>[] {
  return cameras
    .filter((camera) => camera.status === 'online')
    .map((camera) => ({ camera, distanceKm: distanceKm(at, camera.position) }))
    .filter((near) => near.distanceKm <= radiusKm)
    .sort((a, b) => a.distanceKm - b.distanceKm || a.camera.id.localeCompare(b.camera.id))
    .slice(0, count);
}
