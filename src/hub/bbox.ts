import type { MultiPolygon, Polygon } from 'geojson';

export type BBox = [number, number, number, number];

/** [minLng, minLat, maxLng, maxLat] of a polygon: the cheap first test before point-in-polygon. */
export function bboxOf(geometry: Polygon | MultiPolygon): BBox {
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
