import { WordedError, isWithin, maskEntityPersonalData, maskEventPersonalData, wording } from '../../domain';
import type { IncidentDetail } from '../contract/api';
import { incidentDetail } from './incident-detail';
import type { CoreServices, HandlersFor } from './types';

type IncidentMethods =
  | 'incidents.list'
  | 'incident.get'
  | 'incidents.unmaskReporter'
  | 'incident.open'
  | 'units.forIncident'
  | 'units.list';

/** An incident's detail as a screen gets it: the reporter's phone masked, in the incident and its record. */
function masked(detail: IncidentDetail | null): IncidentDetail | null {
  if (!detail) return null;
  return {
    ...detail,
    incident: maskEntityPersonalData('incident', detail.incident),
    timeline: detail.timeline.map((entry) => ({
      ...entry,
      payload: maskEventPersonalData(entry.type, entry.payload),
    })),
  };
}

/**
 * Incidents, reporters' phones masked (one whole to a role that may unmask it, each look recorded in the hub's
 * audit trail), who else has one open, and the member units that can take their orders.
 */
export function incidentHandlers(
  services: Pick<CoreServices, 'queries' | 'names' | 'presence' | 'session' | 'unmaskAudit'>,
): HandlersFor<IncidentMethods> {
  const { queries, presence, session, unmaskAudit } = services;
  return {
    'incidents.list': async (input) => {
      const { total, items } = queries.incidents(input);
      return { total, items: items.map((incident) => maskEntityPersonalData('incident', incident)) };
    },
    'incident.get': async ({ id }) => masked(incidentDetail(services, id)),
    'incidents.unmaskReporter': async ({ id }) => {
      session.requirePermission('unmask-personal-data', 'a reporter’s phone in full');
      const [incident] = queries.incidentDocs([id]);
      if (!incident) throw new WordedError(wording('incidentNotFound', {}, `there is no incident ${id}`));
      unmaskAudit.record('incident', id, Date.now());
      return { id, phone: incident.reporter?.phone ?? null };
    },
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
