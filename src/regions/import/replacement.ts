import { existsSync } from 'node:fs';
import { readManifest, regionDir } from '../store';
import type { ProblemList } from './problems';
import { isOperatorImport } from './source';

/**
 * An import under the name of an existing region replaces it whole. Bundled regions are what the demo
 * and the reference outlines rest on, and an earlier import may be another centre's work, so replacing
 * either must be asked for.
 */
export function checkReplacement(
  id: string,
  regionsDir: string,
  replace: boolean,
  problems: ProblemList,
): void {
  if (replace || !existsSync(regionDir(id, regionsDir))) return;
  let what: string;
  try {
    const manifest = readManifest(id, regionsDir);
    what = isOperatorImport(manifest)
      ? `a region imported before (${manifest.name})`
      : `a bundled region (${manifest.name}, built from public data)`;
  } catch {
    what = 'a region folder that cannot be read';
  }
  problems.add(
    `region name "${id}": ${what} has this name; pass --replace to replace it, or choose another --name`,
  );
}
