import { pointOnFeature } from '@turf/point-on-feature';
import { readBoundaries } from '../../../src/regions/store';

/** A point inside a Dali village, where what is filed under it must lie. */
export function pointInVillage(code: string): { lng: number; lat: number } {
  const village = readBoundaries('dali', 'village')!.features.find((f) => f.properties.code === code)!;
  const [lng, lat] = pointOnFeature(village).geometry.coordinates as [number, number];
  return { lng, lat };
}
