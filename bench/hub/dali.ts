import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { pointOnFeature } from '@turf/point-on-feature';
import { seededRandom } from '../../src/regions/seeded-random';
import { readBoundaries, readJurisdictions } from '../../src/regions/store';

export const REGION = 'dali';
export const PREFECTURE = '5329';
/** Positions are scattered around one spot of Dali city, a couple of kilometres across. */
const POSITIONS_COUNTY = '532901';
const SCATTER_DEGREES = 0.02;

export type LngLat = [number, number];

export function villageCodes(): string[] {
  return readJurisdictions(REGION)
    .filter((jurisdiction) => jurisdiction.level === 'village')
    .map((jurisdiction) => jurisdiction.code);
}

/**
 * `count` distinct points, all inside Dali city and so inside the prefecture that the ingest key's
 * jurisdiction covers. Seeded, so that every run posts the same positions.
 */
export function pointsInDali(count: number): LngLat[] {
  const county = readBoundaries(REGION, 'county')?.features.find(
    (feature) => feature.properties.code === POSITIONS_COUNTY,
  );
  if (!county) throw new Error(`region ${REGION} has no boundary for ${POSITIONS_COUNTY}`);
  const [lng, lat] = pointOnFeature(county).geometry.coordinates as LngLat;
  const random = seededRandom('bench-positions');
  const points: LngLat[] = [];
  while (points.length < count) {
    const candidate: LngLat = [
      Number((lng + (random() - 0.5) * SCATTER_DEGREES).toFixed(6)),
      Number((lat + (random() - 0.5) * SCATTER_DEGREES).toFixed(6)),
    ];
    if (booleanPointInPolygon(candidate, county)) points.push(candidate);
  }
  return points;
}
