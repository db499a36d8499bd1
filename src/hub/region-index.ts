import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import type { Jurisdiction } from '../domain';
import { levelOfCode } from '../domain/jurisdiction';
import { readBoundaries, readJurisdictions, readManifest, type BoundaryCollection } from '../regions/store';
import { bboxOf } from '../domain/geo';

type Shape = { geometry: Polygon | MultiPolygon; bbox: [number, number, number, number] };

/**
 * The hub's knowledge of its region: which codes exist, their names, and whether a point lies inside
 * a jurisdiction (ingest refuses coordinates outside the sending key's jurisdiction).
 */
export class RegionIndex {
  readonly regionId: string;
  readonly rootCode: string;
  private readonly byCode: Map<string, Jurisdiction>;
  private readonly shapes = new Map<string, Shape>();
  private readonly loadedLevels = new Set<string>();

  constructor(
    regionId: string,
    private readonly regionsDir?: string,
  ) {
    this.regionId = regionId;
    this.rootCode = readManifest(regionId, regionsDir).rootCode;
    this.byCode = new Map(readJurisdictions(regionId, regionsDir).map((j) => [j.code, j]));
  }

  get(code: string): Jurisdiction | undefined {
    return this.byCode.get(code);
  }

  all(): IterableIterator<Jurisdiction> {
    return this.byCode.values();
  }

  describe(code: string): string {
    const name = this.byCode.get(code)?.name;
    return name ? `${code} ${name}` : code;
  }

  private shape(code: string): Shape | undefined {
    const level = levelOfCode(code);
    if (!level) return undefined;
    if (!this.loadedLevels.has(level)) {
      const collection: BoundaryCollection | undefined = readBoundaries(
        this.regionId,
        level,
        this.regionsDir,
      );
      for (const feature of collection?.features ?? []) {
        this.shapes.set(feature.properties.code, {
          geometry: feature.geometry,
          bbox: bboxOf(feature.geometry),
        });
      }
      this.loadedLevels.add(level);
    }
    return this.shapes.get(code);
  }

  /** True when [lng, lat] lies inside the jurisdiction `code` (on its border counts as inside). */
  contains(code: string, [lng, lat]: readonly [number, number]): boolean {
    const shape = this.shape(code);
    if (!shape) return false;
    const [minX, minY, maxX, maxY] = shape.bbox;
    if (lng < minX || lng > maxX || lat < minY || lat > maxY) return false;
    return booleanPointInPolygon([lng, lat], shape.geometry);
  }
}
