import { z } from 'zod';
import { lngLatSchema, type LngLat } from './geo';
import { CODE_LENGTH, jurisdictionCodeSchema } from './jurisdiction';
import type { CameraClass, MonitoringPoint, MonitoringPointKind } from './monitoring';

/**
 * Monitoring coverage (覆盖率): of a jurisdiction's key places and road segments, the share within view of an
 * online monitoring point. A key place is in view when an online point stands within its viewing range of the
 * place; a road segment when one stands within range of the segment's midpoint (segments are cut short, at most
 * `ROAD_SEGMENT_MAX_METRES`, so the midpoint stands for the segment).
 */

/** The key places a county watches (重点部位): where people gather or where the state is. */
export const KEY_PLACE_KINDS = ['government', 'school', 'hospital', 'market'] as const;
export type KeyPlaceKind = (typeof KEY_PLACE_KINDS)[number];

/** Village or grid: places and roads belong to somewhere on the ground. */
const placeCodeSchema = jurisdictionCodeSchema.refine(
  (code) => code.length === CODE_LENGTH.village || code.length === CODE_LENGTH.grid,
  { message: 'a key place or road belongs to a village (12 digits) or a grid (15 digits)' },
);

export const keyPlaceSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(KEY_PLACE_KINDS),
  jurisdictionCode: placeCodeSchema,
  location: lngLatSchema,
});
export type KeyPlace = z.infer<typeof keyPlaceSchema>;

export const ROAD_SEGMENT_MAX_METRES = 500;

/** A stretch of road, no longer than `ROAD_SEGMENT_MAX_METRES`. */
export const roadSegmentSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  jurisdictionCode: placeCodeSchema,
  from: lngLatSchema,
  to: lngLatSchema,
});
export type RoadSegment = z.infer<typeof roadSegmentSchema>;

/**
 * How far a point sees, in metres, by what it is: a class-1 camera (一类点, high-definition, at key places) far,
 * a class-3 camera (三类点, village lanes) nearer; a checkpoint watches its lanes, a face-capture camera a doorway.
 */
export const VIEW_RANGE_METRES = {
  camera: { 1: 150, 2: 100, 3: 60 } satisfies Record<CameraClass, number>,
  'vehicle-checkpoint': 50,
  'face-capture': 30,
} as const;

const LONGEST_VIEW_METRES = 150;

/** What coverage needs of a monitoring point. */
export type ViewPoint = Pick<MonitoringPoint, 'kind' | 'cameraClass' | 'location' | 'status'>;

export function viewRangeOf(point: Pick<MonitoringPoint, 'kind' | 'cameraClass'>): number {
  const kind: MonitoringPointKind = point.kind;
  if (kind === 'camera') return VIEW_RANGE_METRES.camera[point.cameraClass ?? 3];
  return VIEW_RANGE_METRES[kind];
}

const METRES_PER_DEGREE_LAT = 110_574;
const METRES_PER_DEGREE_LNG_AT_EQUATOR = 111_320;

/**
 * Metres between two points, on a plane tangent at their mean latitude: exact to well under a metre over the few
 * hundred metres a camera sees.
 */
export function metresBetween([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
  const cos = Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180);
  const dx = (lng2 - lng1) * METRES_PER_DEGREE_LNG_AT_EQUATOR * cos;
  const dy = (lat2 - lat1) * METRES_PER_DEGREE_LAT;
  return Math.hypot(dx, dy);
}

export function midpointOf(segment: Pick<RoadSegment, 'from' | 'to'>): LngLat {
  return [(segment.from[0] + segment.to[0]) / 2, (segment.from[1] + segment.to[1]) / 2];
}

/**
 * The online points bucketed in square cells as wide as the longest view, so that whether a place is in view
 * is asked of the points in its own cell and the eight around it rather than of every point of the region.
 * Cells are cut in degrees, their width in longitude widened by the latitude, which a region spans little of.
 */
export class ViewIndex {
  private readonly cells = new Map<string, { location: LngLat; range: number }[]>();
  private readonly cellLat = LONGEST_VIEW_METRES / METRES_PER_DEGREE_LAT;
  private readonly cellLng: number;

  constructor(points: Iterable<ViewPoint>, referenceLatitude: number) {
    // The narrowest cell of the region, at its latitude furthest from the equator, still spans the longest view.
    const cos = Math.cos((Math.min(89, Math.abs(referenceLatitude)) * Math.PI) / 180);
    this.cellLng = LONGEST_VIEW_METRES / (METRES_PER_DEGREE_LNG_AT_EQUATOR * cos);
    for (const point of points) {
      if (point.status !== 'online') continue;
      const key = this.keyOf(this.cellOf(point.location));
      let cell = this.cells.get(key);
      if (!cell) this.cells.set(key, (cell = []));
      cell.push({ location: point.location, range: viewRangeOf(point) });
    }
  }

  private cellOf([lng, lat]: LngLat): [number, number] {
    return [Math.floor(lng / this.cellLng), Math.floor(lat / this.cellLat)];
  }

  private keyOf([x, y]: [number, number]): string {
    return `${x}:${y}`;
  }

  /** Whether an online point stands within its viewing range of `location`. */
  sees(location: LngLat): boolean {
    const [x, y] = this.cellOf(location);
    for (let dx = -1; dx <= 1; dx += 1)
      for (let dy = -1; dy <= 1; dy += 1)
        for (const point of this.cells.get(this.keyOf([x + dx, y + dy])) ?? [])
          if (metresBetween(point.location, location) <= point.range) return true;
    return false;
  }
}

/** The latitude furthest from the equator among `locations`: cells cut for it are wide enough everywhere. */
export function furthestLatitude(locations: Iterable<LngLat>): number {
  let furthest = 0;
  for (const [, lat] of locations) if (Math.abs(lat) > Math.abs(furthest)) furthest = lat;
  return furthest;
}

const countSchema = z.number().int().nonnegative();
/** A share from 0 to 1; null when there is nothing to divide by. */
const rateSchema = z.number().min(0).max(1).nullable();

export const coverageTallySchema = z.object({ covered: countSchema, total: countSchema, rate: rateSchema });
export type CoverageTally = z.infer<typeof coverageTallySchema>;

/** The coverage of a place: its key places, its road segments, and both together. */
export const areaCoverageSchema = z.object({
  places: coverageTallySchema,
  roads: coverageTallySchema,
  /** Places and segments together: what is in view of all there is to watch. */
  overall: coverageTallySchema,
});
export type AreaCoverage = z.infer<typeof areaCoverageSchema>;

export function coverageTally(covered: number, total: number): CoverageTally {
  return { covered, total, rate: total === 0 ? null : covered / total };
}

/** Coverage from counts of places and of segments, each [covered, total]. */
export function areaCoverage(
  places: readonly [covered: number, total: number],
  roads: readonly [covered: number, total: number],
): AreaCoverage {
  return {
    places: coverageTally(places[0], places[1]),
    roads: coverageTally(roads[0], roads[1]),
    overall: coverageTally(places[0] + roads[0], places[1] + roads[1]),
  };
}

/** Key places and road segments of one jurisdiction, each [covered, total]. */
export interface CoverageCounts {
  places: [covered: number, total: number];
  roads: [covered: number, total: number];
}

/**
 * Which key places and road segments are in view, counted by the jurisdiction each belongs to (its village or
 * grid), from the online points of the whole region: a camera across a border sees what lies in view all the same.
 */
export function coverageCounts(
  targets: { places: Iterable<KeyPlace>; roads: Iterable<RoadSegment> },
  index: ViewIndex,
): Map<string, CoverageCounts> {
  const counts = new Map<string, CoverageCounts>();
  const count = (code: string, kind: 'places' | 'roads', seen: boolean) => {
    let entry = counts.get(code);
    if (!entry) counts.set(code, (entry = { places: [0, 0], roads: [0, 0] }));
    entry[kind][1] += 1;
    if (seen) entry[kind][0] += 1;
  };
  for (const place of targets.places) count(place.jurisdictionCode, 'places', index.sees(place.location));
  for (const road of targets.roads) count(road.jurisdictionCode, 'roads', index.sees(midpointOf(road)));
  return counts;
}

/** The coverage of `code` and everything below it. */
export function coverageWithin(counts: ReadonlyMap<string, CoverageCounts>, code: string): AreaCoverage {
  const places: [number, number] = [0, 0];
  const roads: [number, number] = [0, 0];
  for (const [at, entry] of counts) {
    if (!at.startsWith(code)) continue;
    places[0] += entry.places[0];
    places[1] += entry.places[1];
    roads[0] += entry.roads[0];
    roads[1] += entry.roads[1];
  }
  return areaCoverage(places, roads);
}

/**
 * 雪亮工程 camera health (完好率): of the public video cameras, the share working (online) now. The programme's
 * target is 98% in key public areas and 95% elsewhere; the figures hold the scope to the key-area target.
 */
export const CAMERA_HEALTH_TARGET = 0.98;

export const cameraHealthSchema = z.object({
  working: countSchema,
  total: countSchema,
  rate: rateSchema,
  target: z.number().min(0).max(1),
  /** Null when there is no camera to judge. */
  meetsTarget: z.boolean().nullable(),
});
export type CameraHealth = z.infer<typeof cameraHealthSchema>;

export function cameraHealthOf(working: number, total: number): CameraHealth {
  const rate = total === 0 ? null : working / total;
  return {
    working,
    total,
    rate,
    target: CAMERA_HEALTH_TARGET,
    meetsTarget: rate === null ? null : rate >= CAMERA_HEALTH_TARGET,
  };
}
