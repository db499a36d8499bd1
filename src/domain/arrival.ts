import type { HubEvent } from './event';
import type { Incident } from './incident';

/**
 * The incident an event brought in, if it is the incident's first event. A camera's lead is raised as an
 * alarm and later filed as a report of the same incident, so only the event that opened it is its arrival.
 */
export function arrivalOf(event: HubEvent): Incident | null {
  if (event.type !== 'incident.reported' && event.type !== 'alarm.raised') return null;
  return event.payload.incident.version === 1 ? event.payload.incident : null;
}
