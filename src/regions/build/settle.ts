import { COORDINATE_DECIMALS } from '../store';
import { hasKinks, orientRings, renode, roundPolygonal, type Polygonal } from './polygons';

/**
 * Brings a computed boundary to the precision it is stored at and makes sure it is still a valid
 * polygon there. Re-noding untangles what rounding folds over itself, and the source's own knots
 * (three Lijiang counties have lobes touching at a point).
 */
export function settle(geometry: Polygonal, label: string): Polygonal {
  let settled = roundPolygonal(geometry, COORDINATE_DECIMALS);
  if (settled && hasKinks(settled)) {
    const renoded = renode(settled);
    settled = renoded && roundPolygonal(renoded, COORDINATE_DECIMALS);
  }
  if (!settled) throw new Error(`${label}: the boundary vanished when rounded`);
  if (hasKinks(settled)) throw new Error(`${label}: the boundary intersects itself`);
  return orientRings(settled);
}
