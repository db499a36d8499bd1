import type { Command } from 'commander';
import { REGION_IDS, buildRegions, type BuiltRegionId } from '../regions/build';
import { RegionImportError, importRegion } from '../regions/import';
import { readManifest, regionStats } from '../regions/store';
import { progressReporter } from './progress';

export function registerRegionCommands(region: Command): void {
  region
    .command('build')
    .description(`rebuild the bundled regions from public data (${REGION_IDS.join(', ')})`)
    .argument('[regions...]', 'regions to build (default: all)')
    .action((ids: string[]) => {
      const unknown = ids.filter((id) => !(REGION_IDS as readonly string[]).includes(id));
      if (unknown.length > 0) {
        throw new Error(`unknown region ${unknown.join(', ')}; known: ${REGION_IDS.join(', ')}`);
      }
      const selected = (ids.length > 0 ? ids : REGION_IDS) as readonly BuiltRegionId[];
      const dirs = buildRegions(selected, { onProgress: progressReporter() });
      for (const dir of dirs) console.log(`wrote ${dir}`);
    });

  region
    .command('stats')
    .description('count the jurisdictions of a region')
    .argument('<region>', 'region name, e.g. dali')
    .option('--json', 'print JSON: {"counties":N,"townships":N,"villages":N,"grids":N}')
    .action((id: string, options: { json?: boolean }) => {
      const counts = regionStats(id);
      if (options.json) {
        console.log(JSON.stringify(counts));
        return;
      }
      const manifest = readManifest(id);
      console.log(`${manifest.name} (${manifest.nameEn}), root ${manifest.rootCode}`);
      console.log(`  counties   ${counts.counties}`);
      console.log(`  townships  ${counts.townships}`);
      console.log(`  villages   ${counts.villages}`);
      console.log(`  grids      ${counts.grids}`);
      if (manifest.derivedBoundaries) {
        console.log('  township, village and grid boundaries are derived, not surveyed');
      }
    });

  region
    .command('import')
    .description("import a centre's own jurisdiction tree and grid boundaries as a region")
    .requiredOption('--name <name>', 'region name (lowercase letters, digits, dashes)')
    .requiredOption('--tree <file>', 'jurisdiction tree CSV: code,name,level,parent_code')
    .requiredOption('--grids <file>', 'grid boundaries: GeoJSON, KML or a zipped Shapefile')
    .option('--name-en <name>', 'English name shown when the interface is in English')
    .option('--replace', 'replace a region of the same name, bundled or imported before')
    .action(async (options: ImportCommandOptions) => {
      process.exitCode = await runImport(options);
    });
}

interface ImportCommandOptions {
  name: string;
  tree: string;
  grids: string;
  nameEn?: string;
  replace?: boolean;
}

/**
 * Whatever the files hold, the command ends with one message and an exit code: 0 imported, 2 refused
 * (the problems listed), 1 failed for another reason (said in one line, never a stack trace).
 */
async function runImport(options: ImportCommandOptions): Promise<number> {
  try {
    const { dir, counts } = await importRegion({
      name: options.name,
      treePath: options.tree,
      gridsPath: options.grids,
      replace: options.replace ?? false,
      ...(options.nameEn ? { nameEn: options.nameEn } : {}),
    });
    console.log(`wrote ${dir}: ${JSON.stringify(counts)}`);
    return 0;
  } catch (error) {
    if (error instanceof RegionImportError) {
      console.error(`pingan: import refused, nothing was written:`);
      for (const problem of error.problems) console.error(`  - ${problem}`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    console.error(`pingan: import failed, nothing was written: ${message}`);
    return 1;
  }
}
