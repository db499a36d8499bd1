import { CODE_LENGTH } from '../../domain/jurisdiction';
import { GRID_CODE_PROPERTIES, GRID_NAME_PROPERTIES, gridAttribute } from './grid-properties';
import type { ProblemList } from './problems';
import type { RawGridFeature } from './read-grids';
import { checkGridGeometry, type GridGeometry } from './validate-geometry';

export interface ImportedGrid {
  code: string;
  name: string;
  villageCode: string;
  geometry: GridGeometry;
  /** How problems name the grid: "feature 3 (grid 620622100001003)", features numbered from 1. */
  label: string;
}

export interface GridValidation {
  grids: ImportedGrid[];
  /** Villages that some feature claims, valid or not: they are not "without grids", only badly drawn. */
  villagesWithFeatures: Set<string>;
}

const GRID_CODE_PATTERN = new RegExp(`^\\d{${CODE_LENGTH.grid}}$`);

/**
 * Checks each feature on its own: attributes, code against the tree, geometry. Returns the grids that
 * passed; the relations between grids (overlaps, counties) are checked on those afterwards.
 *
 * @param villageCodes the tree's villages, or undefined when the tree could not be read (then the
 *   village check is skipped rather than failing every grid).
 */
export function validateGridFeatures(
  features: readonly RawGridFeature[],
  villageCodes: ReadonlySet<string> | undefined,
  fileName: string,
  problems: ProblemList,
): GridValidation {
  const grids: ImportedGrid[] = [];
  const villagesWithFeatures = new Set<string>();
  const firstFeatureOfCode = new Map<string, number>();
  for (const [index, feature] of features.entries()) {
    if (problems.isFull) break;
    const number = index + 1;
    const code = gridAttribute(feature.properties, GRID_CODE_PROPERTIES);
    const label = code === undefined ? `feature ${number}` : `feature ${number} (grid ${code})`;
    const featureProblems: string[] = [];

    if (code === undefined) {
      featureProblems.push(`it has no grid code (looked for properties ${GRID_CODE_PROPERTIES.join(', ')})`);
    } else if (!GRID_CODE_PATTERN.test(code)) {
      featureProblems.push(`a grid code has ${CODE_LENGTH.grid} digits (its village's 12 and 3 more)`);
    } else {
      const earlier = firstFeatureOfCode.get(code);
      if (earlier === undefined) firstFeatureOfCode.set(code, number);
      else featureProblems.push(`duplicate grid code: feature ${earlier} has it too`);
      const villageCode = code.slice(0, CODE_LENGTH.village);
      villagesWithFeatures.add(villageCode);
      if (villageCodes && !villageCodes.has(villageCode)) {
        featureProblems.push(`its village ${villageCode} is not a village in the tree`);
      }
    }

    const name = gridAttribute(feature.properties, GRID_NAME_PROPERTIES);
    if (name === undefined) {
      featureProblems.push(`it has no grid name (looked for properties ${GRID_NAME_PROPERTIES.join(', ')})`);
    } else if (name.includes('\uFFFD')) {
      featureProblems.push(
        `its name "${name}" is garbled: the file's text is not UTF-8 ` +
          '(for a Shapefile, add a .cpg file naming the encoding of the .dbf, e.g. GBK)',
      );
    }

    const checked = checkGridGeometry(feature.geometry);
    if (checked.problem !== undefined) featureProblems.push(checked.problem);

    for (const problem of featureProblems) problems.addAt(fileName, label, problem);
    if (featureProblems.length === 0 && code !== undefined && name !== undefined && checked.geometry) {
      grids.push({
        code,
        name,
        villageCode: code.slice(0, CODE_LENGTH.village),
        geometry: checked.geometry,
        label,
      });
    }
  }
  return { grids, villagesWithFeatures };
}
