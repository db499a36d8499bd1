import { isWithin } from '../../domain';
import { incidentDetail } from './incident-detail';
import type { CoreServices, HandlersFor } from './types';

type IncidentMethods =
  'incidents.list' | 'incident.get' | 'incident.open' | 'units.forIncident' | 'units.list';

/** Incidents, who else has one open, and the member units that can take their orders. */
export function incidentHandlers(
  services: Pick<CoreServices, 'queries' | 'names' | 'presence' | 'session'>,
): HandlersFor<IncidentMethods> {
  const { queries, presence, session } = services;
  return {
    'incidents.list': async (input) => queries.incidents(input),
    'incident.get': async ({ id }) => incidentDetail(services, id),
    'incident.open': async ({ id }) => ({ viewers: await presence.open(id) }),
    'units.forIncident': async ({ jurisdictionCode }) =>
      queries.memberUnits().filter((unit) => isWithin(jurisdictionCode, unit.jurisdictionCode)),
    'units.list': async () => {
      const own = session.ownScope();
      return queries
        .memberUnits()
        .filter((unit) => isWithin(unit.jurisdictionCode, own) || isWithin(own, unit.jurisdictionCode));
    },
  };
}
