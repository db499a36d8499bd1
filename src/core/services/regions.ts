import { countByLevel, type Jurisdiction, type JurisdictionLevel } from '../../domain';
import {
  readBoundaries,
  readJurisdictions,
  readManifest,
  type BoundaryCollection,
} from '../../regions/store';
import type { RegionOverview } from '../contract/api';

function regionOverview(regionId: string, regionsDir?: string): RegionOverview {
  const manifest = readManifest(regionId, regionsDir);
  const jurisdictions = readJurisdictions(regionId, regionsDir);
  const counties = jurisdictions
    .filter((j) => j.level === 'county')
    .map((county: Jurisdiction) => ({
      code: county.code,
      name: county.name,
      counts: countByLevel(jurisdictions.filter((j) => j.code.startsWith(county.code))),
    }));
  return { manifest, counts: countByLevel(jurisdictions), counties };
}

/** The region the core serves: its overview, read once, and its boundaries, each level read when first asked for. */
export class Regions {
  readonly overview: RegionOverview;
  private readonly boundaryCache = new Map<JurisdictionLevel, BoundaryCollection>();

  constructor(
    private readonly regionId: string,
    private readonly regionsDir?: string,
  ) {
    this.overview = regionOverview(regionId, regionsDir);
  }

  get rootCode(): string {
    return this.overview.manifest.rootCode;
  }

  /** Every boundary at `level`; none when the region was built without that level. */
  boundaries(level: JurisdictionLevel): BoundaryCollection {
    let collection = this.boundaryCache.get(level);
    if (!collection) {
      collection = readBoundaries(this.regionId, level, this.regionsDir) ?? {
        type: 'FeatureCollection',
        features: [],
      };
      this.boundaryCache.set(level, collection);
    }
    return collection;
  }

  /** The boundaries at `level` inside `scope`. */
  boundariesWithin(level: JurisdictionLevel, scope: string): BoundaryCollection {
    return {
      type: 'FeatureCollection',
      features: this.boundaries(level).features.filter((f) => f.properties.code.startsWith(scope)),
    };
  }
}
