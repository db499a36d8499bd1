import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { pointOnFeature } from '@turf/point-on-feature';
import type { MultiPolygon, Polygon } from 'geojson';
import type { JurisdictionLevel, LngLat } from '../../domain';
import type { Random } from '../../regions/seeded-random';
import { COORDINATE_DECIMALS, readBoundaries } from '../../regions/store';
import { bboxOf, type BBox } from '../../domain/geo';

interface Shape {
  geometry: Polygon | MultiPolygon;
  bbox: BBox;
}

/** A rejection sampler gives up on a sliver after this many misses and takes a point on the shape instead. */
const MAX_SAMPLES = 2000;
/** A point near another is drawn this many times before the jurisdiction is taken to lie elsewhere. */
const NEAR_SAMPLES = 8;
const METRES_PER_DEGREE_LAT = 110_574;
const METRES_PER_DEGREE_LNG = 111_320;

function round(value: number): number {
  return Number(value.toFixed(COORDINATE_DECIMALS));
}

/**
 * The boundary polygons of a region's jurisdictions, for placing things inside them. Points are rounded
 * to the precision the region files use before they are tested, so a stored point is an inside point.
 */
export class RegionShapes {
  private readonly shapes = new Map<string, Shape>();

  constructor(regionId: string, levels: readonly JurisdictionLevel[], regionsDir?: string) {
    for (const level of levels) {
      for (const feature of readBoundaries(regionId, level, regionsDir)?.features ?? []) {
        this.shapes.set(feature.properties.code, {
          geometry: feature.geometry,
          bbox: bboxOf(feature.geometry),
        });
      }
    }
  }

  private shape(code: string): Shape {
    const shape = this.shapes.get(code);
    if (!shape) throw new Error(`no boundary for jurisdiction ${code}`);
    return shape;
  }

  /** The middle of the shape's bounding box: good enough to rank places by distance. */
  centre(code: string): LngLat {
    const [minX, minY, maxX, maxY] = this.shape(code).bbox;
    return [(minX + maxX) / 2, (minY + maxY) / 2];
  }

  contains(code: string, [lng, lat]: readonly [number, number]): boolean {
    const { geometry, bbox } = this.shape(code);
    if (lng < bbox[0] || lng > bbox[2] || lat < bbox[1] || lat > bbox[3]) return false;
    return booleanPointInPolygon([lng, lat], geometry);
  }

  /**
   * A random point within `metres` of `centre` and inside the jurisdiction, or null when a few draws all fall
   * outside it (the centre lies outside, or at the very edge).
   */
  randomPointNear(code: string, centre: LngLat, metres: number, random: Random): LngLat | null {
    const cos = Math.cos((centre[1] * Math.PI) / 180);
    for (let attempt = 0; attempt < NEAR_SAMPLES; attempt += 1) {
      const distance = metres * Math.sqrt(random());
      const bearing = 2 * Math.PI * random();
      const point: LngLat = [
        round(centre[0] + (distance * Math.cos(bearing)) / (METRES_PER_DEGREE_LNG * cos)),
        round(centre[1] + (distance * Math.sin(bearing)) / METRES_PER_DEGREE_LAT),
      ];
      if (this.contains(code, point)) return point;
    }
    return null;
  }

  /** A uniformly random point inside the jurisdiction: drawn in its bounding box until one falls inside. */
  randomPointIn(code: string, random: Random): LngLat {
    const { geometry, bbox } = this.shape(code);
    const [minX, minY, maxX, maxY] = bbox;
    for (let attempt = 0; attempt < MAX_SAMPLES; attempt += 1) {
      const point: LngLat = [round(minX + random() * (maxX - minX)), round(minY + random() * (maxY - minY))];
      if (booleanPointInPolygon(point, geometry)) return point;
    }
    const [lng, lat] = pointOnFeature(geometry).geometry.coordinates as [number, number];
    return [round(lng), round(lat)];
  }
}
