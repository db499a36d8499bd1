import {
  ROAD_SEGMENT_MAX_METRES,
  metresBetween,
  midpointOf,
  type KeyPlace,
  type KeyPlaceKind,
  type LngLat,
  type RoadSegment,
} from '../../domain';
import { placeNameOfVillage } from '../../regions/names';
import type { Random } from '../../regions/seeded-random';
import type { RegionTree } from './region-tree';
import type { RegionShapes } from './shapes';

/**
 * What the demonstration's cameras are to watch, derived from the region since no source lists it: every
 * township has its government, central school, health centre and market in its first grid (the seat's); every
 * village its committee, and three in five a primary school, in its first grid; every grid one road across it,
 * from one random point of the grid to another, cut into segments of at most `ROAD_SEGMENT_MAX_METRES`.
 * Deterministic: drawn from the random numbers the inventory is seeded with.
 */
export interface CoverageTargets {
  places: KeyPlace[];
  roads: RoadSegment[];
}

const TOWNSHIP_PLACES: readonly [KeyPlaceKind, string][] = [
  ['government', '人民政府'],
  ['school', '中心学校'],
  ['hospital', '卫生院'],
  ['market', '集贸市场'],
];
const VILLAGE_SCHOOL_SHARE = 0.6;

function place(
  id: string,
  name: string,
  kind: KeyPlaceKind,
  gridCode: string,
  shapes: RegionShapes,
  random: Random,
): KeyPlace {
  return { id, name, kind, jurisdictionCode: gridCode, location: shapes.randomPointIn(gridCode, random) };
}

function keyPlaces(tree: RegionTree, shapes: RegionShapes, random: Random): KeyPlace[] {
  const places: KeyPlace[] = [];
  const firstGrid = (villageCode: string) => tree.childrenOf(villageCode)[0]?.code;
  for (const township of tree.townships) {
    const seat = tree.childrenOf(township.code)[0];
    const grid = seat && firstGrid(seat.code);
    if (!grid) continue;
    for (const [kind, suffix] of TOWNSHIP_PLACES)
      places.push(
        place(`place-${township.code}-${kind}`, `${township.name}${suffix}`, kind, grid, shapes, random),
      );
  }
  for (const village of tree.villages) {
    const grid = firstGrid(village.code);
    if (!grid) continue;
    const name = placeNameOfVillage(village.name);
    places.push(
      place(`place-${village.code}-committee`, `${name}村委会`, 'government', grid, shapes, random),
    );
    if (random() < VILLAGE_SCHOOL_SHARE)
      places.push(place(`place-${village.code}-school`, `${name}小学`, 'school', grid, shapes, random));
  }
  return places;
}

function gridRoad(gridCode: string, gridName: string, shapes: RegionShapes, random: Random): RoadSegment[] {
  const from = shapes.randomPointIn(gridCode, random);
  const to = shapes.randomPointIn(gridCode, random);
  const pieces = Math.max(1, Math.ceil(metresBetween(from, to) / ROAD_SEGMENT_MAX_METRES));
  const at = (share: number): LngLat => [
    from[0] + (to[0] - from[0]) * share,
    from[1] + (to[1] - from[1]) * share,
  ];
  return Array.from({ length: pieces }, (_, n) => ({
    id: `road-${gridCode}-${n + 1}`,
    name: `${gridName}道路第${n + 1}段`,
    jurisdictionCode: gridCode,
    from: at(n / pieces),
    to: at((n + 1) / pieces),
  }));
}

export function generateCoverageTargets(
  tree: RegionTree,
  shapes: RegionShapes,
  random: Random,
): CoverageTargets {
  const places = keyPlaces(tree, shapes, random);
  const roads = tree.grids.flatMap((grid) => gridRoad(grid.code, grid.name, shapes, random));
  return { places, roads };
}

/** Where in a grid a camera is put to watch something: its key places first, then its roads. */
export function watchedSpotsByGrid(
  targets: CoverageTargets,
): Map<string, { places: LngLat[]; roads: LngLat[] }> {
  const spots = new Map<string, { places: LngLat[]; roads: LngLat[] }>();
  const of = (code: string) => {
    let entry = spots.get(code);
    if (!entry) spots.set(code, (entry = { places: [], roads: [] }));
    return entry;
  };
  for (const keyPlace of targets.places) of(keyPlace.jurisdictionCode).places.push(keyPlace.location);
  for (const road of targets.roads) of(road.jurisdictionCode).roads.push(midpointOf(road));
  return spots;
}
