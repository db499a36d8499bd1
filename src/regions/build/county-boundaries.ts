import type { CountyShape } from './sources';
import { simplifySharedBorders } from './shared-borders';
import { settle } from './settle';
import type { Polygonal } from './polygons';

/**
 * About 200 m: far below what a county-wide map shows, and it cuts the source's vertices by about
 * six, which keeps every derived level (they all inherit the county outline) small.
 */
export const COUNTY_SIMPLIFY_TOLERANCE = 0.002;

/**
 * County outlines ready to partition: simplified with borders kept shared, repaired, rounded.
 * All counties of the source file are simplified together, neighbours outside the region
 * included, so that a region's outline does not depend on which of its neighbours are built.
 */
export function countyBoundaries(shapes: ReadonlyMap<string, CountyShape>): Map<string, Polygonal> {
  const simplified = simplifySharedBorders(
    new Map([...shapes].map(([code, shape]) => [code, shape.geometry])),
    COUNTY_SIMPLIFY_TOLERANCE,
  );
  const boundaries = new Map<string, Polygonal>();
  for (const [code, geometry] of simplified) {
    if (!geometry) throw new Error(`county ${code} vanished when simplified`);
    boundaries.set(code, settle(geometry, `county ${code}`));
  }
  return boundaries;
}
