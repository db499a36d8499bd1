import { Delaunay } from 'd3-delaunay';
import { bbox } from '@turf/bbox';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { pointOnFeature } from '@turf/point-on-feature';
import type { BBox, Position } from 'geojson';
import { intersectPolygonal, polygonsOf, type Polygonal } from './polygons';
import type { Random } from '../seeded-random';

/**
 * Splits a polygon into Voronoi cells of seed points placed inside it. Every cell is clipped to the
 * polygon, so the parts cover the polygon exactly and do not overlap: nesting this level by level
 * (county → townships → villages → grids) keeps every level inside its parent.
 */
export interface PartitionRequest {
  parent: Polygonal;
  /**
   * One entry per part, in order: true for a part that gathers around `anchor` with a small share of
   * the area (urban subdistricts around the county seat, residents' committees around the township
   * seat); false for a part spread evenly over the rest.
   */
  clustered: readonly boolean[];
  anchor: Position;
  random: Random;
}

export interface Part {
  seed: Position;
  geometry: Polygonal;
}

/** Urban parts together take roughly this fraction of the area an even split would give them. */
const URBAN_AREA_SHARE = 0.25;
/** Lloyd relaxation rounds: enough to even out the seeds without making a regular honeycomb. */
const RELAXATION_ROUNDS = 3;
const SAMPLES_PER_PART = 24;
const MAX_PLACEMENT_ATTEMPTS = 20_000;

/**
 * Voronoi cells are computed in a local plane where a degree of longitude is shortened by
 * cos(latitude); in raw degrees the cells would come out stretched east–west.
 */
interface LocalPlane {
  toPlane(position: Position): [number, number];
  fromPlane(x: number, y: number): Position;
}

function localPlane(box: BBox): LocalPlane {
  const middleLatitude = (box[1] + box[3]) / 2;
  // Rounded so that the scale, and so every derived boundary, cannot depend on the last bit of Math.cos.
  const scale = Number(Math.cos((middleLatitude * Math.PI) / 180).toFixed(6));
  return {
    toPlane: (position) => [position[0]! * scale, position[1]!],
    fromPlane: (x, y) => [x / scale, y],
  };
}

function planarArea(parent: Polygonal, plane: LocalPlane): number {
  let total = 0;
  for (const polygon of polygonsOf(parent)) {
    polygon.forEach((ring, ringIndex) => {
      let sum = 0;
      const points = ring.map((position) => plane.toPlane(position));
      for (let i = 1; i < points.length; i += 1) {
        sum += points[i - 1]![0] * points[i]![1] - points[i]![0] * points[i - 1]![1];
      }
      total += (ringIndex === 0 ? 1 : -1) * Math.abs(sum / 2);
    });
  }
  return total;
}

export function partition(request: PartitionRequest): Part[] {
  const box = bbox(request.parent);
  const plane = localPlane(box);
  const sampler = pointSampler(request.parent, box, request.random);
  const { seeds, fixed } = placeSeeds(request, plane, sampler);
  relax(seeds, fixed, plane, sampler);
  return clipCells(seeds, request.parent, box, plane);
}

interface PointSampler {
  inside(position: Position): boolean;
  /** A uniformly random point inside the polygon, among those `accept` takes. */
  anywhere(accept?: (position: Position) => boolean): Position;
}

function pointSampler(parent: Polygonal, box: BBox, random: Random): PointSampler {
  const inside = (position: Position): boolean => booleanPointInPolygon(position, parent);
  return {
    inside,
    anywhere(accept = () => true) {
      for (let attempt = 0; attempt < MAX_PLACEMENT_ATTEMPTS; attempt += 1) {
        const position = [box[0] + random() * (box[2] - box[0]), box[1] + random() * (box[3] - box[1])];
        if (inside(position) && accept(position)) return position;
      }
      throw new Error(`cannot place a point inside the polygon with bbox ${box.join(',')}`);
    },
  };
}

/**
 * Urban parts get seeds in a disc around the anchor, sized to give them URBAN_AREA_SHARE of an even
 * split, and keep them (fixed); the others start anywhere outside the disc and are relaxed.
 */
function placeSeeds(
  { parent, clustered, anchor, random }: PartitionRequest,
  plane: LocalPlane,
  sampler: PointSampler,
): { seeds: Position[]; fixed: boolean[] } {
  const clusteredCount = clustered.filter(Boolean).length;
  if (clusteredCount === 0 || clusteredCount === clustered.length) {
    return { seeds: clustered.map(() => sampler.anywhere()), fixed: clustered.map(() => false) };
  }
  const centre = sampler.inside(anchor) ? anchor : pointOnFeature(parent).geometry.coordinates;
  const [centreX, centreY] = plane.toPlane(centre);
  const radius = Math.sqrt(
    (planarArea(parent, plane) * URBAN_AREA_SHARE * clusteredCount) / clustered.length / Math.PI,
  );
  const outsideDisc = (position: Position): boolean => {
    const [x, y] = plane.toPlane(position);
    return Math.hypot(x - centreX, y - centreY) > radius;
  };
  const nearCentre = (): Position => {
    for (let attempt = 0; attempt < MAX_PLACEMENT_ATTEMPTS; attempt += 1) {
      // Widen the disc slowly in case the seat sits in a narrow part of the polygon.
      const distance = radius * (1 + attempt / 200) * Math.sqrt(random());
      const angle = 2 * Math.PI * random();
      const position = plane.fromPlane(
        centreX + distance * Math.cos(angle),
        centreY + distance * Math.sin(angle),
      );
      if (sampler.inside(position)) return position;
    }
    throw new Error(`cannot place a point near ${centre.join(',')}`);
  };
  return {
    // The disc covers under a quarter of the polygon, so there is always room outside it.
    seeds: clustered.map((isClustered) => (isClustered ? nearCentre() : sampler.anywhere(outsideDisc))),
    fixed: [...clustered],
  };
}

/**
 * Lloyd relaxation estimated from random samples: each free seed moves to the mean of the samples
 * nearest to it, which approximates the centroid of its cell without clipping any polygons.
 */
function relax(seeds: Position[], fixed: readonly boolean[], plane: LocalPlane, sampler: PointSampler): void {
  const samples = Array.from({ length: SAMPLES_PER_PART * seeds.length }, () =>
    plane.toPlane(sampler.anywhere()),
  );
  for (let round = 0; round < RELAXATION_ROUNDS; round += 1) {
    const delaunay = Delaunay.from(seeds.map((seed) => plane.toPlane(seed)));
    const sums = seeds.map(() => ({ x: 0, y: 0, count: 0 }));
    let nearest = 0;
    for (const [x, y] of samples) {
      nearest = delaunay.find(x, y, nearest);
      const sum = sums[nearest]!;
      sum.x += x;
      sum.y += y;
      sum.count += 1;
    }
    sums.forEach((sum, index) => {
      if (fixed[index] || sum.count === 0) return;
      const moved = plane.fromPlane(sum.x / sum.count, sum.y / sum.count);
      // The centroid of a cell in a concave polygon can fall outside it; keep the seed then.
      if (sampler.inside(moved)) seeds[index] = moved;
    });
  }
}

function clipCells(seeds: readonly Position[], parent: Polygonal, box: BBox, plane: LocalPlane): Part[] {
  const [minX, minY] = plane.toPlane([box[0], box[1]]);
  const [maxX, maxY] = plane.toPlane([box[2], box[3]]);
  const margin = Math.max(maxX - minX, maxY - minY) * 0.01;
  const voronoi = Delaunay.from(seeds.map((seed) => plane.toPlane(seed))).voronoi([
    minX - margin,
    minY - margin,
    maxX + margin,
    maxY + margin,
  ]);
  return seeds.map((seed, index) => {
    const cell = voronoi.cellPolygon(index);
    if (!cell) throw new Error(`seed ${seed.join(',')} has no Voronoi cell (duplicate seed)`);
    const ring = cell.map(([x, y]) => plane.fromPlane(x, y));
    const geometry = intersectPolygonal({ type: 'Polygon', coordinates: [ring] }, parent);
    if (!geometry) throw new Error(`the cell of seed ${seed.join(',')} misses its parent`);
    return { seed, geometry };
  });
}
