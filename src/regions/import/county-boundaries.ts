import { existsSync, readdirSync } from 'node:fs';
import { area } from '@turf/area';
import { bbox } from '@turf/bbox';
import { bboxClip } from '@turf/bbox-clip';
import { difference } from '@turf/difference';
import { feature, featureCollection } from '@turf/helpers';
import type { BBox, Feature, MultiPolygon, Polygon } from 'geojson';
import { CODE_LENGTH, regionIdSchema } from '../../domain/jurisdiction';
import { readBoundaries, readManifest } from '../store';
import { formatShare, type ProblemList } from './problems';
import { isOperatorImport } from './source';
import type { ImportedGrid } from './validate-grids';

/**
 * A centre's survey and the published county boundary never agree exactly; a grid may stick out of its
 * county by this share of its own area before it counts as misplaced.
 */
export const OUTSIDE_COUNTY_TOLERANCE = 0.01;

/** A published county boundary, and the built region it came with. */
export interface ReferenceCounty {
  name: string;
  region: string;
  boundary: Feature<Polygon | MultiPolygon>;
}

/**
 * The county boundaries of the regions under `regionsDir`, by county code. Regions written by an import
 * are left out: their county boundaries are unions of some centre's grids, so checking grids against
 * them (a re-import's above all) would prove nothing.
 */
export function loadReferenceCounties(regionsDir: string): Map<string, ReferenceCounty> {
  const counties = new Map<string, ReferenceCounty>();
  if (!existsSync(regionsDir)) return counties;
  for (const entry of readdirSync(regionsDir, { withFileTypes: true })) {
    // The id check also skips the staging folders of a region being written.
    if (!entry.isDirectory() || !regionIdSchema.safeParse(entry.name).success) continue;
    const boundaries = readBoundaries(entry.name, 'county', regionsDir);
    if (!boundaries || isOperatorImport(readManifest(entry.name, regionsDir))) continue;
    for (const county of boundaries.features) {
      if (!counties.has(county.properties.code)) {
        counties.set(county.properties.code, {
          name: county.properties.name,
          region: entry.name,
          boundary: county,
        });
      }
    }
  }
  return counties;
}

/** Grids whose county has no reference boundary are not checked: there is nothing to check against. */
export function checkGridsWithinCounties(
  grids: readonly ImportedGrid[],
  counties: ReadonlyMap<string, ReferenceCounty>,
  fileName: string,
  problems: ProblemList,
): void {
  for (const grid of grids) {
    if (problems.isFull) return;
    const countyCode = grid.code.slice(0, CODE_LENGTH.county);
    const county = counties.get(countyCode);
    if (!county) continue;
    const share = shareOutside(grid, county.boundary);
    if (share > OUTSIDE_COUNTY_TOLERANCE) {
      problems.add(
        `${fileName} ${grid.label}: ${formatShare(share)} of it lies outside its county ${countyCode} ` +
          `${county.name} (boundary from region ${county.region})`,
      );
    }
  }
}

function shareOutside(grid: ImportedGrid, county: Feature<Polygon | MultiPolygon>): number {
  // Clipping the county to the grid's neighbourhood first keeps the difference small: a county boundary
  // has thousands of vertices, a grid a handful.
  const [west, south, east, north] = bbox(grid.geometry);
  const margin = Math.max(east - west, north - south) * 0.01;
  const neighbourhood: BBox = [west - margin, south - margin, east + margin, north + margin];
  const nearby = bboxClip(county, neighbourhood).geometry as Polygon | MultiPolygon;
  const outside = difference(featureCollection([feature(grid.geometry), feature(nearby)]));
  return outside ? area(outside) / area(grid.geometry) : 0;
}
