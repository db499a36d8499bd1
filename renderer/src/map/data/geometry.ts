import type { MultiPolygon, Polygon, Position } from 'geojson';

export type Area = Polygon | MultiPolygon;
export type Bounds = [west: number, south: number, east: number, north: number];
type Ring = Position[];

function polygonsOf(area: Area): Ring[][] {
  return area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
}

export function boundsOf(area: Area): Bounds {
  const bounds: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygonsOf(area))
    for (const [lng, lat] of polygon[0] ?? []) {
      bounds[0] = Math.min(bounds[0], lng!);
      bounds[1] = Math.min(bounds[1], lat!);
      bounds[2] = Math.max(bounds[2], lng!);
      bounds[3] = Math.max(bounds[3], lat!);
    }
  return bounds;
}

/** Shoelace area and centroid of a ring, in degrees: fine for choosing and placing, not for measuring. */
function ringCentroid(ring: Ring): { area: number; at: [number, number] } {
  let twiceArea = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j] as [number, number];
    const [x1, y1] = ring[i] as [number, number];
    const cross = x0 * y1 - x1 * y0;
    twiceArea += cross;
    x += (x0 + x1) * cross;
    y += (y0 + y1) * cross;
  }
  if (twiceArea === 0) return { area: 0, at: ring[0] as [number, number] };
  return { area: Math.abs(twiceArea / 2), at: [x / (3 * twiceArea), y / (3 * twiceArea)] };
}

function insideRing([px, py]: [number, number], ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function insidePolygon(point: [number, number], polygon: Ring[]): boolean {
  return insideRing(point, polygon[0] ?? []) && !polygon.slice(1).some((hole) => insideRing(point, hole));
}

/**
 * Where to put a region's label and its seat marker: the centroid of its largest part, or — for a concave
 * shape whose centroid falls outside — the inside point of a coarse grid nearest to that centroid.
 */
export function labelPointOf(area: Area): [number, number] {
  const parts = polygonsOf(area).map((polygon) => ({ polygon, ...ringCentroid(polygon[0] ?? []) }));
  const largest = parts.reduce((a, b) => (b.area > a.area ? b : a));
  if (insidePolygon(largest.at, largest.polygon)) return largest.at;
  const [west, south, east, north] = boundsOf({ type: 'Polygon', coordinates: largest.polygon });
  const steps = 24;
  let best: [number, number] = largest.at;
  let bestDistance = Infinity;
  for (let i = 1; i < steps; i++)
    for (let j = 1; j < steps; j++) {
      const candidate: [number, number] = [
        west + ((east - west) * i) / steps,
        south + ((north - south) * j) / steps,
      ];
      const distance = (candidate[0] - largest.at[0]) ** 2 + (candidate[1] - largest.at[1]) ** 2;
      if (distance < bestDistance && insidePolygon(candidate, largest.polygon)) {
        best = candidate;
        bestDistance = distance;
      }
    }
  return best;
}
