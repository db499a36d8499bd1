import { bbox } from '@turf/bbox';
import { gapBetweenBoxes } from './distance';
import { formatDistance, type ProblemList } from './problems';
import type { JurisdictionTree } from './tree-csv';
import type { ImportedGrid } from './validate-grids';

/**
 * A village's boundary is the union of its grids, so a grid drawn far from the other grids of its
 * village (a wrong code, a part from another survey) would stretch the village, and every level above
 * it, across the map. A grid further than this from all the others of its village is refused. It is
 * generous on purpose: a village may lie on both shores of a lake or a reservoir (Erhai's villages are
 * several kilometres across the water), and such a village is not a mistake.
 *
 * Only villages are checked so: a centre may import some of a township's villages or a county's
 * townships, and those need not touch; the levels above are held to published outlines instead.
 */
export const DETACHED_TOLERANCE_METRES = 10_000;

interface Part {
  grid: ImportedGrid;
  box: readonly number[];
}

export function checkGridsLieTogether(
  grids: readonly ImportedGrid[],
  tree: JurisdictionTree,
  fileName: string,
  problems: ProblemList,
): void {
  const gridsOf = new Map<string, Part[]>();
  for (const grid of grids) {
    const part = { grid, box: bbox(grid.geometry) };
    const siblings = gridsOf.get(grid.villageCode);
    if (siblings) siblings.push(part);
    else gridsOf.set(grid.villageCode, [part]);
  }
  for (const village of tree.jurisdictions) {
    const parts = gridsOf.get(village.code);
    if (!parts || parts.length < 2) continue;
    const [main, ...detached] = connectedComponents(parts).sort((a, b) => b.length - a.length);
    const whole = `village ${village.code} ${village.name}`;
    for (const { grid, box } of detached.flat()) {
      const distance = (main ?? []).reduce(
        (nearest, other) => Math.min(nearest, gapBetweenBoxes(box, other.box)),
        Infinity,
      );
      problems.addOccurrence({
        cause: `${fileName}\0detached\0${village.code}`,
        message: `${fileName} ${grid.label}: lies ${formatDistance(distance)} from the other grids of its ${whole}`,
        subject: grid.label,
        summary: (count) =>
          `${fileName}: ${count} grids of ${whole} lie apart from the rest of their village`,
      });
    }
  }
}

/** Grids whose boxes come within the tolerance of each other, transitively, form one component. */
function connectedComponents(parts: readonly Part[]): Part[][] {
  const root = parts.map((_, index) => index);
  const find = (index: number): number => {
    let at = index;
    while (root[at] !== at) at = root[at] ?? at;
    return at;
  };
  for (let a = 0; a < parts.length; a += 1) {
    for (let b = a + 1; b < parts.length; b += 1) {
      const gap = gapBetweenBoxes(parts[a]?.box ?? [], parts[b]?.box ?? []);
      if (gap <= DETACHED_TOLERANCE_METRES) root[find(b)] = find(a);
    }
  }
  const components = new Map<number, Part[]>();
  parts.forEach((part, index) => {
    const component = components.get(find(index));
    if (component) component.push(part);
    else components.set(find(index), [part]);
  });
  return [...components.values()];
}
