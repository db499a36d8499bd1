import type { MultiPolygon, Polygon, Position } from 'geojson';

const EARTH_RADIUS_METRES = 6_371_008.8;
const RADIANS = Math.PI / 180;

/**
 * Metres from a point to the nearest edge of a shape, measured on a plane tangent at the point: within
 * a fraction of a percent at the distances a misplaced grid strays (metres to hundreds of kilometres),
 * which is all a problem report needs.
 */
export function distanceToEdge([lng, lat]: Position, shape: Polygon | MultiPolygon): number {
  const x0 = lng ?? 0;
  const y0 = lat ?? 0;
  const xScale = Math.cos(y0 * RADIANS) * RADIANS * EARTH_RADIUS_METRES;
  const yScale = RADIANS * EARTH_RADIUS_METRES;
  const rings = shape.type === 'Polygon' ? shape.coordinates : shape.coordinates.flat();
  let nearest = Infinity;
  for (const ring of rings) {
    for (let index = 1; index < ring.length; index += 1) {
      const [ax = 0, ay = 0] = ring[index - 1] ?? [];
      const [bx = 0, by = 0] = ring[index] ?? [];
      nearest = Math.min(
        nearest,
        distanceToSegment((ax - x0) * xScale, (ay - y0) * yScale, (bx - x0) * xScale, (by - y0) * yScale),
      );
    }
  }
  return nearest;
}

/** Distance from the origin to the segment a–b. */
function distanceToSegment(ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / lengthSquared));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/** Metres between two boxes ([west, south, east, north]), zero when they touch or overlap. */
export function gapBetweenBoxes(a: readonly number[], b: readonly number[]): number {
  const [aw = 0, as = 0, ae = 0, an = 0] = a;
  const [bw = 0, bs = 0, be = 0, bn = 0] = b;
  const latitude = (Math.max(as, bs) + Math.min(an, bn)) / 2;
  const dx = Math.max(0, bw - ae, aw - be) * Math.cos(latitude * RADIANS) * RADIANS * EARTH_RADIUS_METRES;
  const dy = Math.max(0, bs - an, as - bn) * RADIANS * EARTH_RADIUS_METRES;
  return Math.hypot(dx, dy);
}
