import type { Jurisdiction } from '../../domain';
import { readJurisdictions, readManifest } from '../../regions/store';

/** A region's jurisdiction tree, level by level in code order, with the links the inventory needs. */
export interface RegionTree {
  regionId: string;
  root: Jurisdiction;
  counties: Jurisdiction[];
  townships: Jurisdiction[];
  villages: Jurisdiction[];
  grids: Jurisdiction[];
  get(code: string): Jurisdiction | undefined;
  childrenOf(code: string): Jurisdiction[];
  /** The county seat's township: the first township of its county, as division codes list it. */
  isSeatTownship(code: string): boolean;
}

export function readRegionTree(regionId: string, regionsDir?: string): RegionTree {
  const manifest = readManifest(regionId, regionsDir);
  const jurisdictions = readJurisdictions(regionId, regionsDir).sort((a, b) => a.code.localeCompare(b.code));
  const byCode = new Map(jurisdictions.map((j) => [j.code, j]));
  const children = new Map<string, Jurisdiction[]>();
  for (const j of jurisdictions) {
    if (j.parentCode === null) continue;
    const siblings = children.get(j.parentCode) ?? [];
    siblings.push(j);
    children.set(j.parentCode, siblings);
  }
  const root = byCode.get(manifest.rootCode);
  if (!root) throw new Error(`region ${regionId} has no root jurisdiction ${manifest.rootCode}`);
  const ofLevel = (level: Jurisdiction['level']) => jurisdictions.filter((j) => j.level === level);
  const counties = ofLevel('county');
  const seats = new Set(counties.map((county) => children.get(county.code)?.[0]?.code));
  return {
    regionId,
    root,
    counties,
    townships: ofLevel('township'),
    villages: ofLevel('village'),
    grids: ofLevel('grid'),
    get: (code) => byCode.get(code),
    childrenOf: (code) => children.get(code) ?? [],
    isSeatTownship: (code) => seats.has(code),
  };
}
