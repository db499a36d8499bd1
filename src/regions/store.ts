import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import {
  JURISDICTION_LEVELS,
  countByLevel,
  jurisdictionSchema,
  regionManifestSchema,
  type Jurisdiction,
  type JurisdictionLevel,
  type RegionCounts,
  type RegionManifest,
} from '../domain/jurisdiction';

/**
 * A region on disk, `assets/regions/<id>/`:
 *
 *   region.json                 the manifest (name, root, counts, sources)
 *   jurisdictions.json          every jurisdiction, prefecture → grid, sorted by code
 *   boundaries/<level>.geojson  one FeatureCollection per level present; each feature's
 *                               properties are { code, name, level, parentCode }
 *
 * Files are written with stable key order and fixed coordinate precision so that rebuilding a region
 * reproduces it byte for byte.
 */
export interface BoundaryProperties {
  code: string;
  name: string;
  level: JurisdictionLevel;
  parentCode: string | null;
}
export type BoundaryCollection = FeatureCollection<Polygon | MultiPolygon, BoundaryProperties>;

export interface RegionData {
  manifest: RegionManifest;
  jurisdictions: Jurisdiction[];
  boundaries: Partial<Record<JurisdictionLevel, BoundaryCollection>>;
}

export const DEFAULT_REGIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../assets/regions');

export function regionDir(id: string, regionsDir = DEFAULT_REGIONS_DIR): string {
  return join(regionsDir, id);
}

/** Six decimals of a degree is about 0.1 m: finer than any boundary we draw. */
export const COORDINATE_DECIMALS = 6;

function roundCoordinates(value: unknown): unknown {
  if (typeof value === 'number') return Number(value.toFixed(COORDINATE_DECIMALS));
  if (Array.isArray(value)) return value.map(roundCoordinates);
  return value;
}

function stableBoundaries(collection: BoundaryCollection): BoundaryCollection {
  const features = [...collection.features]
    .sort((a, b) => a.properties.code.localeCompare(b.properties.code))
    .map((feature) => ({
      type: 'Feature' as const,
      properties: {
        code: feature.properties.code,
        name: feature.properties.name,
        level: feature.properties.level,
        parentCode: feature.properties.parentCode,
      },
      geometry: {
        type: feature.geometry.type,
        coordinates: roundCoordinates(feature.geometry.coordinates),
      } as Polygon | MultiPolygon,
    }));
  return { type: 'FeatureCollection', features };
}

/** One feature per line: diffs stay readable and files stay compact. */
function serializeCollection(collection: BoundaryCollection): string {
  const lines = collection.features.map((feature) => JSON.stringify(feature));
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

function serializeJurisdictions(jurisdictions: readonly Jurisdiction[]): string {
  const rows = [...jurisdictions]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((j) => JSON.stringify({ code: j.code, name: j.name, level: j.level, parentCode: j.parentCode }));
  return `[\n${rows.join(',\n')}\n]\n`;
}

/**
 * Writes a region whole or not at all: everything goes to a sibling temporary folder first, which then
 * replaces the region's folder.
 */
export function writeRegion(region: RegionData, regionsDir = DEFAULT_REGIONS_DIR): string {
  const target = regionDir(region.manifest.id, regionsDir);
  const staging = `${target}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'boundaries'), { recursive: true });
  try {
    const manifest = regionManifestSchema.parse(region.manifest);
    writeFileSync(join(staging, 'region.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(staging, 'jurisdictions.json'), serializeJurisdictions(region.jurisdictions));
    for (const level of JURISDICTION_LEVELS) {
      const collection = region.boundaries[level];
      if (collection) {
        writeFileSync(
          join(staging, 'boundaries', `${level}.geojson`),
          serializeCollection(stableBoundaries(collection)),
        );
      }
    }
    const previous = `${target}.old-${process.pid}`;
    rmSync(previous, { recursive: true, force: true });
    const replacing = existsSync(target);
    if (replacing) renameSync(target, previous);
    try {
      renameSync(staging, target);
    } catch (error) {
      // Put the region that was there back: a failed write must leave the previous region in place.
      if (replacing) renameSync(previous, target);
      throw error;
    }
    rmSync(previous, { recursive: true, force: true });
    return target;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

export class RegionNotFoundError extends Error {
  constructor(id: string, dir: string) {
    super(`no region "${id}" in ${dir}`);
  }
}

export function readManifest(id: string, regionsDir = DEFAULT_REGIONS_DIR): RegionManifest {
  const file = join(regionDir(id, regionsDir), 'region.json');
  if (!existsSync(file)) throw new RegionNotFoundError(id, regionsDir);
  return regionManifestSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function readJurisdictions(id: string, regionsDir = DEFAULT_REGIONS_DIR): Jurisdiction[] {
  const file = join(regionDir(id, regionsDir), 'jurisdictions.json');
  if (!existsSync(file)) throw new RegionNotFoundError(id, regionsDir);
  return jurisdictionSchema.array().parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function readBoundaries(
  id: string,
  level: JurisdictionLevel,
  regionsDir = DEFAULT_REGIONS_DIR,
): BoundaryCollection | undefined {
  const file = join(regionDir(id, regionsDir), 'boundaries', `${level}.geojson`);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as BoundaryCollection;
}

export function readRegion(id: string, regionsDir = DEFAULT_REGIONS_DIR): RegionData {
  const manifest = readManifest(id, regionsDir);
  const jurisdictions = readJurisdictions(id, regionsDir);
  const boundaries: RegionData['boundaries'] = {};
  for (const level of JURISDICTION_LEVELS) {
    const collection = readBoundaries(id, level, regionsDir);
    if (collection) boundaries[level] = collection;
  }
  return { manifest, jurisdictions, boundaries };
}

/** Counts from the jurisdiction tree itself, not from the manifest, so a stale manifest cannot lie. */
export function regionStats(id: string, regionsDir = DEFAULT_REGIONS_DIR): RegionCounts {
  return countByLevel(readJurisdictions(id, regionsDir));
}
