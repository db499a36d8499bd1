import { z } from 'zod';

export const longitudeSchema = z.number().min(-180).max(180);
export const latitudeSchema = z.number().min(-90).max(90);

/** `[longitude, latitude]` in WGS 84, the GeoJSON order the map layers use. */
export const lngLatSchema = z.tuple([longitudeSchema, latitudeSchema]);
export type LngLat = z.infer<typeof lngLatSchema>;

/** Great-circle distance in kilometres, for "near the epicentre" and "far from the county seat". */
export function distanceKm(
  [lng1, lat1]: readonly [number, number],
  [lng2, lat2]: readonly [number, number],
): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

/** [minLng, minLat, maxLng, maxLat]. */
export type BBox = [number, number, number, number];

/** A GeoJSON polygon or multipolygon, as far as its outline goes. */
export type PolygonGeometry =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** The bounding box of a polygon: the cheap first test before point-in-polygon. */
export function bboxOf(geometry: PolygonGeometry): BBox {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings) {
    for (const [x, y] of ring as [number, number][]) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}
