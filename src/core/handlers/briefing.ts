import {
  briefingLogStart,
  briefingPlaces,
  bulletinBody,
  bulletinId,
  buildBriefing,
  draftBulletin,
  periodEnd,
  periodOf,
} from '../../domain';
import { briefingMonitoring } from '../cache/coverage';
import type { CoreServices, HandlersFor } from './types';

/** The briefing (简报) of a period, and the bulletin (通报) drafted from it or saved. */
export function briefingHandlers({
  cache,
  queries,
  session,
  names,
}: Pick<CoreServices, 'cache' | 'queries' | 'session' | 'names'>): HandlersFor<
  'briefing.get' | 'bulletin.get'
> {
  const briefingOf: HandlersFor<'briefing.get'>['briefing.get'] = async ({ day, period, scope }) => {
    const within = session.scoped(scope);
    const briefing = buildBriefing({
      events: queries.briefingEvents(briefingLogStart(day, period), periodEnd(periodOf(period, day))),
      scope: within,
      day,
      period,
      now: Date.now(),
      logStart: queries.logStart() ?? Date.now(),
      monitoring: briefingMonitoring(cache.db, within, Date.now()),
    });
    return { briefing, names: names.places([within, ...briefingPlaces(briefing)]) };
  };
  return {
    'briefing.get': briefingOf,
    'bulletin.get': async ({ day, period, scope }) => {
      const { briefing, names: placeNames } = await briefingOf({ day, period, scope });
      const id = bulletinId(briefing.scope, period, day);
      const saved = queries.bulletin(id);
      const draft = draftBulletin(briefing, placeNames);
      return {
        id,
        scope: briefing.scope,
        saved,
        draft: { title: draft.title, body: bulletinBody(draft) },
        names: saved ? names.accounts([saved.savedBy]) : {},
      };
    },
  };
}
