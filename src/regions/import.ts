import { basename } from 'node:path';
import { countByLevel, regionIdSchema, type Jurisdiction, type RegionCounts } from '../domain/jurisdiction';
import { checkEveryLeafHasGrids } from './import/coverage';
import { checkGridsLieTogether } from './import/detached';
import { dissolveBoundaries } from './import/dissolve';
import { checkGridOverlaps } from './import/overlaps';
import { ProblemList } from './import/problems';
import { GridFileError, readGridFile, type RawGridFeature } from './import/read-grids';
import { operatorImportSource } from './import/source';
import { checkGridsWithinOutlines, loadReferenceOutlines } from './import/reference-outlines';
import { checkReplacement } from './import/replacement';
import { readTreeCsv } from './import/tree-csv';
import { validateGridFeatures } from './import/validate-grids';
import { DEFAULT_REGIONS_DIR, writeRegion } from './store';

export interface ImportRegionOptions {
  /** The region id, also its folder name: 2–40 lowercase letters, digits or dashes. */
  name: string;
  /** The jurisdiction tree CSV; its format is described in `import/tree-csv.ts`. */
  treePath: string;
  /** The grid boundaries: GeoJSON, KML or a zipped Shapefile, as described in `import/read-grids.ts`. */
  gridsPath: string;
  regionsDir?: string;
  /** Defaults to `name`. */
  nameEn?: string;
  /** A region of the same name, bundled or imported before, is replaced only when this is true. */
  replace?: boolean;
}

/** The import was refused and nothing was written; `problems` says what to fix, one line each. */
export class RegionImportError extends Error {
  constructor(readonly problems: string[]) {
    super(`the region was not imported:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'RegionImportError';
  }
}

/**
 * Imports a centre's own jurisdiction tree and surveyed grids as a region. Everything is checked
 * before anything is written, and every problem found is reported at once (up to a limit, a problem
 * that repeats across features once); a region of the same name is replaced only when `replace` is set
 * and the import succeeds.
 *
 * Beyond each file on its own, grids must not overlap one another; when a region under `regionsDir`
 * that was built from public data holds a grid's county (or prefecture, or a surveyed township or
 * village), the grid must lie within its published outline; and the grids of each village must lie
 * together.
 */
export async function importRegion(
  options: ImportRegionOptions,
): Promise<{ dir: string; counts: RegionCounts }> {
  const regionsDir = options.regionsDir ?? DEFAULT_REGIONS_DIR;
  const gridsFileName = basename(options.gridsPath);
  const problems = new ProblemList();

  const id = regionIdSchema.safeParse(options.name);
  if (!id.success) problems.add(`region name "${options.name}": ${id.error.issues[0]?.message}`);
  else checkReplacement(id.data, regionsDir, options.replace ?? false, problems);
  const tree = readTreeCsv(options.treePath, problems);
  const features = await readGridFeatures(options.gridsPath, problems);

  const villageCodes =
    tree && new Set(tree.jurisdictions.filter((j) => j.level === 'village').map((j) => j.code));
  const { grids, villagesWithFeatures } = validateGridFeatures(
    features,
    villageCodes,
    gridsFileName,
    problems,
  );
  if (tree && features.length > 0) checkEveryLeafHasGrids(tree, villagesWithFeatures, problems);
  checkGridOverlaps(grids, gridsFileName, problems);
  checkGridsWithinOutlines(grids, loadReferenceOutlines(regionsDir), gridsFileName, problems);
  if (tree) checkGridsLieTogether(grids, tree, gridsFileName, problems);

  if (!problems.isEmpty || !id.success || !tree?.root) throw new RegionImportError(problems.list());

  const jurisdictions: Jurisdiction[] = [
    ...tree.jurisdictions,
    ...grids.map((grid) => ({
      code: grid.code,
      name: grid.name,
      level: 'grid' as const,
      parentCode: grid.villageCode,
    })),
  ];
  const counts = countByLevel(jurisdictions);
  const dir = writeRegion(
    {
      manifest: {
        id: id.data,
        name: tree.root.name,
        nameEn: options.nameEn ?? id.data,
        rootCode: tree.root.code,
        rootLevel: tree.root.level,
        counts,
        sources: [operatorImportSource(tree.fileName, gridsFileName)],
        derivedBoundaries: false,
      },
      jurisdictions,
      boundaries: dissolveBoundaries(jurisdictions, new Map(grids.map((grid) => [grid.code, grid.geometry]))),
    },
    regionsDir,
  );
  return { dir, counts };
}

/** An unusable grids file is one problem among the others, not a reason to stop looking. */
async function readGridFeatures(path: string, problems: ProblemList): Promise<RawGridFeature[]> {
  try {
    return await readGridFile(path);
  } catch (error) {
    if (!(error instanceof GridFileError)) throw error;
    problems.add(error.message);
    return [];
  }
}
