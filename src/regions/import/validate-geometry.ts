import { area } from '@turf/area';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { polygon as polygonFeature } from '@turf/helpers';
import { kinks } from '@turf/kinks';
import { rewind } from '@turf/rewind';
import type { MultiPolygon, Polygon } from 'geojson';
import { COORDINATE_DECIMALS } from '../store';
import { isRecord } from './is-record';

export type GridGeometry = Polygon | MultiPolygon;
type LngLat = [number, number];

export type GeometryCheck =
  { geometry: GridGeometry; problem?: undefined } | { geometry?: undefined; problem: string };

/**
 * A box around China, the Nansha Islands included. Coarse on purpose: it only has to tell a misplaced or
 * mis-ordered grid from a plausible one; the county check does the fine placement.
 */
const CHINA = { west: 73, east: 136, south: 3, north: 54 };

/**
 * A surveyed grid's boundary has tens to a few thousand positions. Checking a boundary for crossings
 * takes time that grows faster than its length (ten thousand positions take about a second), so a
 * boundary far longer is refused rather than left to stall the import.
 */
export const MAX_GRID_POSITIONS = 10_000;

/**
 * Checks one feature's geometry and returns it as stored: two-dimensional (KML carries altitudes),
 * rounded as the region files are (so that what is validated is exactly what is written) and wound
 * counter-clockwise.
 */
export function checkGridGeometry(raw: unknown): GeometryCheck {
  const shape = polygonsOf(raw);
  if (typeof shape === 'string') return { problem: shape };
  const polygons: LngLat[][][] = [];
  for (const [polygonIndex, polygon] of shape.polygons.entries()) {
    const where = shape.type === 'MultiPolygon' ? `polygon ${polygonIndex + 1} ` : '';
    if (!Array.isArray(polygon) || polygon.length === 0) {
      return { problem: `${where || 'the polygon '}has no rings` };
    }
    const rings: LngLat[][] = [];
    for (const [ringIndex, ring] of polygon.entries()) {
      const checked = checkRing(ring, `${where}ring ${ringIndex + 1}`);
      if (typeof checked === 'string') return { problem: checked };
      rings.push(checked);
    }
    polygons.push(rings);
  }
  const positions = polygons.flat(2);
  if (positions.length > MAX_GRID_POSITIONS) {
    return {
      problem: `it has ${positions.length} positions, more than the ${MAX_GRID_POSITIONS} a grid may have: simplify its boundary`,
    };
  }
  const placementProblem = checkPlacement(positions);
  if (placementProblem) return { problem: placementProblem };

  const geometry: GridGeometry =
    shape.type === 'Polygon'
      ? { type: 'Polygon', coordinates: polygons[0] ?? [] }
      : { type: 'MultiPolygon', coordinates: polygons };
  const crossing = kinks(geometry).features[0];
  if (crossing) {
    const near = crossing.geometry.coordinates.map(round).join(', ');
    return { problem: `its boundary crosses itself near [${near}]` };
  }
  const strayHole = findHoleOutsideItsPolygon(polygons, shape.type);
  if (strayHole) return { problem: strayHole };
  if (area(geometry) === 0) return { problem: 'its polygon encloses no area' };
  // Shapefiles wind their rings the other way round from GeoJSON; stored grids follow RFC 7946 whatever
  // their source, so the same grids give the same region from any format.
  return { geometry: rewind(geometry) as GridGeometry }; // turf types the result loosely
}

/**
 * A hole is a ring after the first; one that lies outside its polygon's outer ring cuts nothing out and
 * is a drawing error (often a separate part saved as a hole). The boundaries cross nowhere (`kinks` has
 * checked), so a hole with a position outside the outer ring lies wholly outside it.
 */
function findHoleOutsideItsPolygon(polygons: LngLat[][][], type: GridGeometry['type']): string | undefined {
  for (const [polygonIndex, [outer, ...holes]] of polygons.entries()) {
    if (!outer) continue;
    const outerPolygon = polygonFeature([outer]);
    for (const [holeIndex, hole] of holes.entries()) {
      const outside = hole.find((position) => !booleanPointInPolygon(position, outerPolygon));
      if (outside) {
        const where = type === 'MultiPolygon' ? `polygon ${polygonIndex + 1} ` : '';
        return `${where}ring ${holeIndex + 2} is a hole outside its polygon (position [${outside.join(', ')}] lies outside ring 1)`;
      }
    }
  }
  return undefined;
}

function polygonsOf(raw: unknown): { type: GridGeometry['type']; polygons: unknown[] } | string {
  if (!isRecord(raw)) return 'it has no geometry';
  const onlyPolygons = 'a grid must be a Polygon or MultiPolygon';
  // KML writes a multi-part area as a MultiGeometry, which togeojson turns into a GeometryCollection.
  if (raw.type === 'GeometryCollection' && Array.isArray(raw.geometries)) {
    const parts: unknown[] = raw.geometries;
    if (parts.length > 0 && parts.every((part) => isRecord(part) && part.type === 'Polygon')) {
      return {
        type: 'MultiPolygon',
        polygons: parts.map((part) => (part as Record<string, unknown>).coordinates),
      };
    }
    return `it is a GeometryCollection that does not hold only polygons; ${onlyPolygons}`;
  }
  if (raw.type === 'Polygon') return { type: 'Polygon', polygons: [raw.coordinates] };
  if (raw.type === 'MultiPolygon') {
    if (!Array.isArray(raw.coordinates) || raw.coordinates.length === 0) {
      return 'its MultiPolygon has no polygons';
    }
    return { type: 'MultiPolygon', polygons: raw.coordinates };
  }
  return `it is a ${String(raw.type)}; ${onlyPolygons}`;
}

function checkRing(ring: unknown, where: string): LngLat[] | string {
  if (!Array.isArray(ring)) return `${where} is not a list of positions`;
  const positions: LngLat[] = [];
  for (const [index, position] of ring.entries()) {
    if (!Array.isArray(position) || !isFiniteNumber(position[0]) || !isFiniteNumber(position[1])) {
      return `${where} position ${index + 1} (${describeValue(position)}) is not a pair of finite numbers`;
    }
    positions.push([round(position[0]), round(position[1])]);
  }
  if (positions.length < 4) {
    return `${where} has ${positions.length} positions; a closed ring needs at least 4`;
  }
  const first = positions[0] as LngLat;
  const last = positions[positions.length - 1] as LngLat;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return `${where} is not closed: it starts at [${first.join(', ')}] and ends at [${last.join(', ')}]`;
  }
  return positions;
}

/** A value as a problem quotes it: short, and safe however deeply a hostile file nests it. */
function describeValue(value: unknown): string {
  const shallow = Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null);
  if (!shallow && typeof value === 'object' && value !== null) return 'a nested list or object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function checkPlacement(positions: readonly LngLat[]): string | undefined {
  const outside = positions.find((position) => !inChina(position));
  if (!outside) return undefined;
  if (positions.every(([lng, lat]) => inChina([lat, lng]))) {
    return `coordinates look like [lat, lng]; GeoJSON wants [lng, lat] (first position [${positions[0]?.join(', ')}])`;
  }
  const outOfRange = positions.find(([lng, lat]) => Math.abs(lng) > 180 || Math.abs(lat) > 90);
  if (outOfRange) {
    return (
      `coordinates such as [${outOfRange.join(', ')}] are outside WGS84 longitude/latitude ranges ` +
      '(projected metres?): export longitude/latitude in WGS84 or CGCS2000, or zip the Shapefile with its .prj'
    );
  }
  return `it lies outside China (position [${outside.join(', ')}])`;
}

function inChina([lng, lat]: LngLat): boolean {
  return lng >= CHINA.west && lng <= CHINA.east && lat >= CHINA.south && lat <= CHINA.north;
}

function round(value: number): number {
  return Number(value.toFixed(COORDINATE_DECIMALS));
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
