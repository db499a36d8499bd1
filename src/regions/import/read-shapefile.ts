import { combine, parseDbf, parseShp } from 'shpjs';
import { ProjectionError, readProjection } from './projection';
import { ZipError, unzipEntries } from './zip';

/** The zipped Shapefile cannot be used; the message names the archive (or the file in it) and why. */
export class ShapefileError extends Error {}

const PARTS = ['.shp', '.dbf', '.cpg', '.prj'] as const;
type Part = (typeof PARTS)[number];

/** macOS zips a copy of each file's metadata under __MACOSX/; those are not the layer. */
function partOf(name: string): Part | undefined {
  if (name.includes('__MACOSX') || name.endsWith('/')) return undefined;
  const lower = name.toLowerCase();
  return PARTS.find((part) => lower.endsWith(part));
}

/**
 * Reads the one polygon layer of a zipped Shapefile as a GeoJSON FeatureCollection. The archive is
 * unpacked within limits (see `zip.ts`); the .prj must declare a coordinate system this import knows
 * (see `projection.ts`), and projected coordinates are turned into longitude/latitude.
 */
export function readZippedShapefile(bytes: Buffer, archiveName: string): unknown {
  let files: Map<string, Buffer>;
  try {
    files = unzipEntries(bytes, archiveName, (name) => partOf(name) !== undefined);
  } catch (error) {
    if (error instanceof ZipError) throw new ShapefileError(error.message);
    throw error;
  }
  const layers = [...files.keys()].filter((name) => partOf(name) === '.shp');
  if (layers.length === 0) throw new ShapefileError(`${archiveName} holds no .shp file`);
  if (layers.length > 1) {
    const names = layers.map((name) => name.slice(0, -4)).join(', ');
    throw new ShapefileError(
      `${archiveName} holds ${layers.length} layers (${names}): keep only the grids layer`,
    );
  }
  const shpName = layers[0] ?? '';
  const stem = shpName.slice(0, -4);
  const sibling = (part: Part): [string, Buffer] | undefined =>
    [...files].find(([name]) => name.slice(0, -4) === stem && partOf(name) === part);

  const prj = sibling('.prj');
  let projection: string | undefined;
  try {
    const declared = prj && readProjection(prj[1].toString('utf8'), `${archiveName} ${prj[0]}`);
    projection = declared && declared.kind === 'projected' ? declared.proj4 : undefined;
  } catch (error) {
    if (error instanceof ProjectionError) throw new ShapefileError(error.message);
    throw error;
  }
  const dbf = sibling('.dbf');
  if (dbf) checkDbfHeader(dbf[1], `${archiveName} ${dbf[0]}`);
  try {
    const shapes = parseShp(files.get(shpName) ?? Buffer.alloc(0), projection);
    const records = dbf && parseDbf(dbf[1], sibling('.cpg')?.[1].toString('latin1').trim());
    return combine([shapes, records]);
  } catch (error) {
    throw new ShapefileError(
      `${archiveName} is not a readable zipped Shapefile (${(error as Error).message})`,
    );
  }
}

/**
 * The dBASE reader believes the header's record count and length: a header claiming four billion
 * records of no length would have it build four billion empty records. The header must describe a table
 * the file can hold.
 */
function checkDbfHeader(dbf: Buffer, where: string): void {
  const corrupt = (cause: string): ShapefileError => new ShapefileError(`${where} is corrupt: ${cause}`);
  if (dbf.length < 32) throw corrupt(`${dbf.length} bytes is shorter than a dBASE header`);
  const records = dbf.readUInt32LE(4);
  const headerBytes = dbf.readUInt16LE(8);
  const recordBytes = dbf.readUInt16LE(10);
  if (recordBytes === 0 && records > 0) throw corrupt('its records have no length');
  if (headerBytes + records * recordBytes > dbf.length) {
    throw corrupt(`its header claims ${records} records of ${recordBytes} bytes, more than the file holds`);
  }
}
