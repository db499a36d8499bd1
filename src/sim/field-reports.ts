import type { IngestPath } from '../protocol/ingest';
import type { Channel, PlannedIncident } from './plan';

export const CHANNEL_PATHS: Record<Channel, IngestPath> = {
  report: '/api/v1/reports',
  hotline: '/api/v1/hotline/tickets',
  alarm: '/api/v1/monitoring/alarms',
};

/** The ingest API takes at most this many reports, tickets or alarms in one request. */
export const MAX_REPORTS_PER_REQUEST = 500;

/** One ingest request for planned incidents of one channel, each under the external id given with it. */
export function fieldReportsBody(
  channel: Channel,
  items: readonly { id: string; incident: PlannedIncident }[],
) {
  const fields = (incident: PlannedIncident) => ({
    kind: incident.kind,
    category: incident.category,
    title: incident.title,
    description: incident.description,
    jurisdictionCode: incident.jurisdictionCode,
    location: incident.location,
    address: incident.address,
  });
  switch (channel) {
    case 'report':
      return {
        reports: items.map(({ id, incident }) => ({
          id,
          source: incident.source,
          reporter: incident.reporter,
          ...fields(incident),
        })),
      };
    case 'hotline':
      return {
        tickets: items.map(({ id, incident }) => ({
          ticketNo: id,
          caller: incident.reporter,
          ...fields(incident),
        })),
      };
    case 'alarm':
      return {
        alarms: items.map(({ id, incident }) => ({
          id,
          pointId: incident.pointId!,
          category: incident.category,
          title: incident.title,
          description: incident.description,
        })),
      };
  }
}
