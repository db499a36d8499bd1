import { countByLevel, type Jurisdiction } from '../domain/jurisdiction';
import { readManifest, readJurisdictions } from '../regions/store';
import type { DesktopApiInput, DesktopApiMethod, DesktopApiOutput } from './contract/api';

export type DesktopHandlers = {
  [M in DesktopApiMethod]: (input: DesktopApiInput<M>) => Promise<DesktopApiOutput<M>>;
};

function countiesOf(jurisdictions: readonly Jurisdiction[]) {
  return jurisdictions
    .filter((j) => j.level === 'county')
    .map((county) => ({
      code: county.code,
      name: county.name,
      counts: countByLevel(jurisdictions.filter((j) => j.code.startsWith(county.code))),
    }));
}

/** The desktop core's implementation of the API contract, for one region. */
export function createDesktopHandlers(regionId: string, regionsDir?: string): DesktopHandlers {
  const manifest = readManifest(regionId, regionsDir);
  const jurisdictions = readJurisdictions(regionId, regionsDir);
  const overview = { manifest, counts: countByLevel(jurisdictions), counties: countiesOf(jurisdictions) };
  const handlers: DesktopHandlers = {
    'region.overview': async () => overview,
  };
  return handlers;
}
