import { area } from '@turf/area';
import { bbox } from '@turf/bbox';
import { featureCollection, feature } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import type { BBox } from 'geojson';
import { formatShare, type ProblemList } from './problems';
import type { ImportedGrid } from './validate-grids';

/**
 * Neighbouring grids surveyed separately rarely share their edges exactly: slivers up to this share of
 * the smaller grid's area are survey noise, more is two grids claiming the same ground.
 */
export const OVERLAP_TOLERANCE = 0.01;

export function checkGridOverlaps(
  grids: readonly ImportedGrid[],
  fileName: string,
  problems: ProblemList,
): void {
  // Sorted by west edge, a grid can only overlap those after it that start before its east edge.
  const boxed = grids
    .map((grid) => ({ grid, box: bbox(grid.geometry), area: area(grid.geometry) }))
    .sort((a, b) => a.box[0] - b.box[0]);
  for (const [index, a] of boxed.entries()) {
    for (let later = index + 1; later < boxed.length; later += 1) {
      const b = boxed[later];
      if (b === undefined || b.box[0] >= a.box[2]) break;
      if (problems.isFull) return;
      if (!boxesOverlap(a.box, b.box)) continue;
      const shared = intersect(featureCollection([feature(a.grid.geometry), feature(b.grid.geometry)]));
      const share = shared ? area(shared) / Math.min(a.area, b.area) : 0;
      if (share > OVERLAP_TOLERANCE) {
        const pair = `${a.grid.label} and ${b.grid.label}`;
        problems.addOccurrence({
          cause: `${fileName}\0overlap`,
          message: `${fileName}: ${pair} overlap by ${formatShare(share)} of the smaller grid`,
          subject: pair,
          summary: (count) =>
            `${fileName}: ${count} pairs of grids overlap by more than ${formatShare(OVERLAP_TOLERANCE)}`,
        });
      }
    }
  }
}

function boxesOverlap(a: BBox, b: BBox): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}
