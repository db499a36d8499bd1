import { existsSync, readdirSync } from 'node:fs';
import { area } from '@turf/area';
import { bbox } from '@turf/bbox';
import { bboxClip } from '@turf/bbox-clip';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { difference } from '@turf/difference';
import { feature, featureCollection } from '@turf/helpers';
import { pointOnFeature } from '@turf/point-on-feature';
import type { BBox, Feature, MultiPolygon, Polygon } from 'geojson';
import {
  CODE_LENGTH,
  regionIdSchema,
  type JurisdictionLevel,
  type RegionManifest,
} from '../../domain/jurisdiction';
import { readBoundaries, readManifest } from '../store';
import { distanceToEdge } from './distance';
import { formatDistance, formatShare, type ProblemList } from './problems';
import { isOperatorImport } from './source';
import type { ImportedGrid } from './validate-grids';

/**
 * A centre's survey and a published boundary never agree exactly; a grid may stick out of its county
 * (or any jurisdiction above it with a known outline) by this share of its own area before it counts as
 * misplaced.
 */
export const OUTSIDE_OUTLINE_TOLERANCE = 0.01;

/** A published outline of a jurisdiction, and the bundled region it came with. */
export interface ReferenceOutline {
  name: string;
  level: JurisdictionLevel;
  region: string;
  boundary: Feature<Polygon | MultiPolygon>;
}

/** Deepest first: a grid is held to the smallest jurisdiction above it whose outline is known. */
const CHECKED_LEVELS = ['village', 'township', 'county', 'prefecture'] as const;
/** The levels a built region draws from published data even when it derives the levels below. */
const PUBLISHED_LEVELS: readonly JurisdictionLevel[] = ['prefecture', 'county'];

/**
 * The outlines of the regions under `regionsDir`, by code: prefectures and counties as published, and
 * townships and villages only from a region whose boundaries are surveyed rather than derived. Regions
 * written by an import are left out: their outlines are unions of some centre's grids, so checking grids
 * against them (a re-import's above all) would prove nothing. A region folder that cannot be read is
 * skipped: it offers nothing to check against.
 */
export function loadReferenceOutlines(regionsDir: string): Map<string, ReferenceOutline> {
  const outlines = new Map<string, ReferenceOutline>();
  if (!existsSync(regionsDir)) return outlines;
  for (const entry of readdirSync(regionsDir, { withFileTypes: true })) {
    // The id check also skips the staging folders of a region being written.
    if (!entry.isDirectory() || !regionIdSchema.safeParse(entry.name).success) continue;
    const manifest = readManifestIfValid(entry.name, regionsDir);
    if (!manifest || isOperatorImport(manifest)) continue;
    for (const level of CHECKED_LEVELS) {
      if (manifest.derivedBoundaries && !PUBLISHED_LEVELS.includes(level)) continue;
      for (const outline of readBoundariesIfValid(entry.name, level, regionsDir)) {
        if (outlines.has(outline.properties.code)) continue;
        outlines.set(outline.properties.code, {
          name: outline.properties.name,
          level,
          region: entry.name,
          boundary: outline,
        });
      }
    }
  }
  return outlines;
}

function readManifestIfValid(id: string, regionsDir: string): RegionManifest | undefined {
  try {
    return readManifest(id, regionsDir);
  } catch {
    return undefined;
  }
}

function readBoundariesIfValid(id: string, level: JurisdictionLevel, regionsDir: string) {
  try {
    return readBoundaries(id, level, regionsDir)?.features ?? [];
  } catch {
    return [];
  }
}

/**
 * Each grid against the deepest outline known above it; one problem per grid, grouped by the
 * jurisdiction strayed from. Grids with no known outline above them are not
 * checked: there is nothing to check against.
 */
export function checkGridsWithinOutlines(
  grids: readonly ImportedGrid[],
  outlines: ReadonlyMap<string, ReferenceOutline>,
  fileName: string,
  problems: ProblemList,
): void {
  if (outlines.size === 0) return;
  for (const grid of grids) {
    if (problems.isFull) return;
    for (const level of CHECKED_LEVELS) {
      const code = grid.code.slice(0, CODE_LENGTH[level]);
      const outline = outlines.get(code);
      if (!outline) continue;
      // A jurisdiction's outline lies within its parent's, so the deepest known one is enough.
      const share = shareOutside(grid, outline.boundary);
      if (share > OUTSIDE_OUTLINE_TOLERANCE) reportStray(grid, code, outline, share, fileName, problems);
      break;
    }
  }
}

function reportStray(
  grid: ImportedGrid,
  code: string,
  outline: ReferenceOutline,
  share: number,
  fileName: string,
  problems: ProblemList,
): void {
  const jurisdiction = `${outline.level} ${code} ${outline.name} (boundary from region ${outline.region})`;
  const centre = pointOnFeature(grid.geometry).geometry.coordinates;
  const centreOutside = !booleanPointInPolygon(centre, outline.boundary);
  const distance = centreOutside
    ? `, its centre ${formatDistance(distanceToEdge(centre, outline.boundary.geometry))} beyond the boundary`
    : '';
  problems.addOccurrence({
    cause: `${fileName}\0outside\0${code}`,
    message: `${fileName} ${grid.label}: ${formatShare(share)} of it lies outside its ${jurisdiction}${distance}`,
    subject: grid.label,
    summary: (count) => `${fileName}: ${count} grids lie outside their ${jurisdiction}`,
  });
}

function shareOutside(grid: ImportedGrid, outline: Feature<Polygon | MultiPolygon>): number {
  // Clipping the outline to the grid's neighbourhood first keeps the difference small: a county boundary
  // has thousands of vertices, a grid a handful.
  const [west, south, east, north] = bbox(grid.geometry);
  const margin = Math.max(east - west, north - south) * 0.01;
  const neighbourhood: BBox = [west - margin, south - margin, east + margin, north + margin];
  const nearby = withoutDegenerateRings(bboxClip(outline, neighbourhood).geometry as Polygon | MultiPolygon);
  if (!nearby) return 1;
  try {
    const outside = difference(featureCollection([feature(grid.geometry), feature(nearby)]));
    return outside ? area(outside) / area(grid.geometry) : 0;
  } catch {
    // The polygon clipper refuses some shapes a clip leaves behind (slivers along the box's edge);
    // whether the grid's centre lies inside then decides.
    return booleanPointInPolygon(pointOnFeature(grid.geometry), outline) ? 0 : 1;
  }
}

/** Clipping leaves rings of fewer than four positions where the outline only grazes the box. */
function withoutDegenerateRings(shape: Polygon | MultiPolygon): Polygon | MultiPolygon | undefined {
  const polygons = (shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates)
    .map((rings) => rings.filter((ring) => ring.length >= 4))
    .filter((rings) => rings.length > 0);
  if (polygons.length === 0) return undefined;
  return { type: 'MultiPolygon', coordinates: polygons };
}
