import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { kml } from '@tmcw/togeojson';
import { DOMParser, type Document as XmlDocument } from '@xmldom/xmldom';
import { isRecord } from './is-record';
import { ShapefileError, readZippedShapefile } from './read-shapefile';
import { formatBytes } from './zip';

/** A feature as found in the grids file: nothing about it is trusted until it is validated. */
export interface RawGridFeature {
  properties: Record<string, unknown>;
  geometry: unknown;
}

/** The grids file as a whole cannot be used: its message says why. */
export class GridFileError extends Error {}

type GridFileReader = (bytes: Buffer, fileName: string) => Promise<unknown> | unknown;

/**
 * Grid files are recognised by extension: GeoJSON (.geojson, .json), KML (.kml) and a zipped Shapefile
 * (.zip holding the .shp with its .shx and .dbf; a .prj makes shpjs reproject to WGS84, a .cpg names
 * the attribute encoding).
 */
const READERS: Readonly<Record<string, GridFileReader>> = {
  '.geojson': readGeoJson,
  '.json': readGeoJson,
  '.kml': readKml,
  '.zip': readZippedShapefile,
};

/**
 * A grids file is read whole into memory, and GeoJSON is parsed whole; past this it is refused rather
 * than left to exhaust memory. A prefecture's grids are tens of megabytes.
 */
export const MAX_GRID_FILE_BYTES = 256 * 2 ** 20;

export async function readGridFile(path: string): Promise<RawGridFeature[]> {
  const fileName = basename(path);
  const extension = extname(path).toLowerCase();
  const reader = READERS[extension];
  if (!reader) throw new GridFileError(unsupportedTypeMessage(fileName, extension));
  const bytes = readWithin(path, fileName);
  let collection: unknown;
  try {
    collection = await reader(bytes, fileName);
  } catch (error) {
    if (error instanceof GridFileError) throw error;
    if (error instanceof ShapefileError) throw new GridFileError(error.message);
    // A parser's own failure (a stack overflow on absurd nesting, say) is still a file problem.
    throw new GridFileError(`${fileName} could not be read: ${(error as Error).message}`);
  }
  const features = featuresOf(collection, fileName);
  if (features.length === 0) throw new GridFileError(`${fileName} holds no features`);
  return features;
}

function readWithin(path: string, fileName: string): Buffer {
  try {
    const { size } = statSync(path);
    if (size > MAX_GRID_FILE_BYTES) {
      throw new GridFileError(
        `${fileName} is ${formatBytes(size)}, more than the ${formatBytes(MAX_GRID_FILE_BYTES)} a grids file may be: split it by county`,
      );
    }
    return readFileSync(path);
  } catch (error) {
    if (error instanceof GridFileError) throw error;
    throw new GridFileError(`cannot read the grids file: ${(error as Error).message}`);
  }
}

function unsupportedTypeMessage(fileName: string, extension: string): string {
  if (extension === '.shp') {
    return `${fileName}: zip the .shp together with its .shx, .dbf and .prj and import the .zip`;
  }
  if (extension === '.kmz') return `${fileName}: unzip the .kmz and import the doc.kml inside it`;
  return `${fileName}: unsupported grid file type "${extension}": use .geojson, .json, .kml or a zipped Shapefile (.zip)`;
}

function readGeoJson(bytes: Buffer, fileName: string): unknown {
  const text = decodeText(bytes, 'utf-8', fileName);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GridFileError(`${fileName} is not valid JSON: ${(error as Error).message}`);
  }
}

function readKml(bytes: Buffer, fileName: string): unknown {
  const document = parseXml(decodeText(bytes, declaredXmlEncoding(bytes) ?? 'utf-8', fileName), fileName);
  const rootName = document.documentElement?.localName;
  if (rootName !== 'kml') {
    throw new GridFileError(`${fileName} is not KML: its root element is <${rootName ?? 'none'}>, not <kml>`);
  }
  return kml(document);
}

function parseXml(text: string, fileName: string): XmlDocument {
  // xmldom reports errors through onError and then throws its own ParseError on fatal ones; the first
  // message is the one that locates the fault.
  let firstError: string | undefined;
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') firstError ??= message;
    },
  });
  try {
    const document = parser.parseFromString(text, 'text/xml');
    if (firstError === undefined) return document;
  } catch (error) {
    firstError ??= (error as Error).message;
  }
  throw new GridFileError(`${fileName} is not valid KML: ${firstError}`);
}

/** KML from Chinese tools is sometimes GBK, which the XML declaration then says. */
function declaredXmlEncoding(bytes: Buffer): string | undefined {
  const declaration = /^\s*<\?xml[^>]*encoding=["']([\w-]+)["']/.exec(
    bytes.subarray(0, 200).toString('latin1'),
  );
  return declaration?.[1];
}

function decodeText(bytes: Buffer, encoding: string, fileName: string): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new GridFileError(`${fileName} declares an unknown text encoding "${encoding}"`);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new GridFileError(`${fileName} is not ${encoding} text: save it as UTF-8`);
  }
}

function featuresOf(collection: unknown, fileName: string): RawGridFeature[] {
  if (
    !isRecord(collection) ||
    collection.type !== 'FeatureCollection' ||
    !Array.isArray(collection.features)
  ) {
    throw new GridFileError(`${fileName} is not a GeoJSON FeatureCollection`);
  }
  return collection.features.map((feature: unknown) => ({
    properties: isRecord(feature) && isRecord(feature.properties) ? feature.properties : {},
    geometry: isRecord(feature) ? feature.geometry : undefined,
  }));
}
