import type { ProblemList } from './problems';
import type { JurisdictionTree } from './tree-csv';

/**
 * Every level's boundaries are the union of the grids beneath, so a jurisdiction without grids would
 * have no shape on the map. Only the tree's leaves are reported: any other jurisdiction without grids
 * has such a leaf beneath it, and naming both would say the same thing twice.
 */
export function checkEveryLeafHasGrids(
  tree: JurisdictionTree,
  villagesWithGrids: ReadonlySet<string>,
  problems: ProblemList,
): void {
  const parents = new Set(tree.jurisdictions.map((j) => j.parentCode));
  for (const { code, name, level } of tree.jurisdictions) {
    if (parents.has(code) || villagesWithGrids.has(code)) continue;
    const line = `line ${tree.lineOf.get(code)}`;
    const missing = level === 'village' ? 'no grids in the grids file' : 'nothing beneath it in the tree';
    problems.addOccurrence({
      cause: `${tree.fileName}\0empty\0${level}`,
      message: `${tree.fileName} ${line}: ${level} ${code} ${name} has ${missing}, so it would have no boundary`,
      subject: `${line} (${code} ${name})`,
      summary: (count) => `${tree.fileName}: ${count} ${level} rows have ${missing}`,
    });
  }
}
