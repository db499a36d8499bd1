import type { RegionManifest } from '../../domain/jurisdiction';

type RegionSource = RegionManifest['sources'][number];

const OPERATOR_IMPORT = 'operator import';

/** The attribution of an imported region: the centre's own files, under the centre's own terms. */
export function operatorImportSource(treeFileName: string, gridsFileName: string): RegionSource {
  return {
    name: OPERATOR_IMPORT,
    licence: 'as supplied by the centre',
    describes:
      `jurisdiction tree (${treeFileName}) and grid boundaries (${gridsFileName}); ` +
      'village, township, county and prefecture boundaries are unions of the grids',
  };
}

export function isOperatorImport(manifest: RegionManifest): boolean {
  return manifest.sources.some((source) => source.name === OPERATOR_IMPORT);
}
