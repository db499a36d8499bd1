import type { CoreServices, HandlersFor } from './types';

type MapMethods =
  | 'counts.get'
  | 'entities.inView'
  | 'entities.nearest'
  | 'map.features'
  | 'map.incidentCells'
  | 'region.boundaries';

/** What the map draws: counts, the entities in view or nearest a point, their features, and the boundaries. */
export function mapHandlers({
  queries,
  session,
  regions,
  liveAhead,
}: Pick<CoreServices, 'queries' | 'session' | 'regions' | 'liveAhead'>): HandlersFor<MapMethods> {
  return {
    'counts.get': async () => queries.counts(),
    'entities.inView': async ({ kind, bbox, limit }) => {
      const items = queries.inBox(kind, bbox, limit + 1);
      return { items: items.slice(0, limit), truncated: items.length > limit };
    },
    'entities.nearest': async ({ kind, location, limit }) => ({
      items: queries.nearest(kind, location, limit),
    }),
    'map.features': async ({ kind, ids, scope, page }) => {
      const features = queries.mapFeatures(kind, session.scoped(scope), ids, page);
      // Entities ahead of the cache ride on the last page, where they replace what earlier pages gave.
      const lastPage = !page || features.next === null;
      return liveAhead && lastPage
        ? liveAhead.overMapFeatures(features, kind, session.scoped(scope), ids)
        : features;
    },
    'map.incidentCells': async ({ zoom, bbox, scope }) =>
      queries.incidentCells(session.scoped(scope), zoom, bbox),
    'region.boundaries': async ({ level, scope }) => regions.boundariesWithin(level, session.scoped(scope)),
  };
}
