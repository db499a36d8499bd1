import { area } from '@turf/area';
import { featureCollection, feature } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { kinks } from '@turf/kinks';
import { rewind } from '@turf/rewind';
import { union } from '@turf/union';
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Every boundary this build produces is one of these. */
export type Polygonal = Polygon | MultiPolygon;

export function polygonsOf(geometry: Polygonal): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export function fromPolygons(polygons: Position[][][]): Polygonal | null {
  if (polygons.length === 0) return null;
  if (polygons.length === 1) return { type: 'Polygon', coordinates: polygons[0]! };
  return { type: 'MultiPolygon', coordinates: polygons };
}

export function intersectPolygonal(a: Polygonal, b: Polygonal): Polygonal | null {
  return intersect(featureCollection([feature(a), feature(b)]))?.geometry ?? null;
}

export function unionPolygonal(geometries: readonly Polygonal[]): Polygonal | null {
  if (geometries.length === 1) return geometries[0]!;
  return union(featureCollection(geometries.map((geometry) => feature(geometry))))?.geometry ?? null;
}

/** Re-noding a geometry against itself resolves self-intersections, as buffer(0) does elsewhere. */
export function renode(geometry: Polygonal): Polygonal | null {
  return union(featureCollection([feature(geometry), feature(geometry)]))?.geometry ?? null;
}

export function hasKinks(geometry: Polygonal): boolean {
  return kinks(geometry).features.length > 0;
}

/** Outer rings counter-clockwise, holes clockwise, as RFC 7946 asks of GeoJSON. */
export function orientRings(geometry: Polygonal): Polygonal {
  // rewind returns the type it was given; its declaration only says 'some GeoJSON'.
  return rewind(geometry, { mutate: false }) as Polygonal;
}

/** Geodesic area in square metres. */
export function areaOf(geometry: Polygonal): number {
  return area(geometry);
}

export function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Twice the signed planar area of a closed ring: zero means it encloses nothing. */
function ringDoubleArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 1; i < ring.length; i += 1) {
    sum += ring[i - 1]![0]! * ring[i]![1]! - ring[i]![0]! * ring[i - 1]![1]!;
  }
  return sum;
}

/**
 * Rounds to the precision the region files are stored at, and drops what rounding collapses
 * (repeated points, rings that enclose nothing), so that what a level is clipped against is exactly
 * what is written to disk.
 */
export function roundPolygonal(geometry: Polygonal, decimals: number): Polygonal | null {
  const roundRing = (ring: Position[]): Position[] => {
    const rounded: Position[] = [];
    for (const position of ring) {
      const point = [Number(position[0]!.toFixed(decimals)), Number(position[1]!.toFixed(decimals))];
      if (rounded.length === 0 || !samePosition(rounded[rounded.length - 1]!, point)) rounded.push(point);
    }
    return rounded;
  };
  const encloses = (ring: Position[]): boolean => ring.length >= 4 && ringDoubleArea(ring) !== 0;
  const polygons: Position[][][] = [];
  for (const [outer, ...holes] of polygonsOf(geometry)) {
    const roundedOuter = roundRing(outer!);
    if (!encloses(roundedOuter)) continue;
    polygons.push([roundedOuter, ...holes.map(roundRing).filter(encloses)]);
  }
  return fromPolygons(polygons);
}
