import { DEFAULT_SLA, slaSourceFor } from '../../domain';
import { computeFigures } from '../cache/figures';
import type { CoreServices, HandlersFor } from './types';

/** The figures (指标) of a scope, and the SLA tables they are measured against. */
export function figuresHandlers({
  cache,
  queries,
  session,
  regions,
  names,
}: Pick<CoreServices, 'cache' | 'queries' | 'session' | 'regions' | 'names'>): HandlersFor<
  'figures.get' | 'sla.get'
> {
  return {
    'figures.get': async ({ scope }) =>
      computeFigures(cache.db, {
        scope: session.scoped(scope),
        now: new Date(),
        townships: regions.boundaries('township').features.map((feature) => feature.properties),
        villages: regions.boundaries('village').features.map((feature) => feature.properties),
      }),
    'sla.get': async () => {
      const source = slaSourceFor(queries.slaConfigs(), session.ownScope());
      const configuredAt = source?.jurisdictionCode ?? null;
      return {
        config: source?.config ?? DEFAULT_SLA,
        configuredAt,
        configuredAtName: configuredAt ? (names.places([configuredAt])[configuredAt] ?? null) : null,
      };
    },
  };
}
