import type { HubEvent } from './event';
import type { Force } from './force';
import type { Order } from './order';

/**
 * The current state of everything the log describes, one record per thing. The hub keeps it for
 * snapshots and command checks; the desktop cache keeps the same records, so both can prove with a
 * checksum that they hold the same state.
 */
export const ENTITY_KINDS = [
  'incident',
  'order',
  'note',
  'mode',
  'sla',
  'subsidy-rates',
  'handover',
  'bulletin',
  'monitoring-point',
  'force',
  'member-unit',
  'key-person',
  'dangerous-object',
  'sensitive-place',
  'key-place',
  'road-segment',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface EntityState {
  kind: EntityKind;
  id: string;
  /** The code that scopes it: an operator sees the entity when this lies in its jurisdiction. */
  jurisdiction: string;
  /** Goes up by one with every change, so a consumer can tell a newer copy from an older one. */
  version: number;
  doc: unknown;
}

export type EntityLookup = (kind: EntityKind, id: string) => EntityState | undefined;

function next(
  lookup: EntityLookup,
  kind: EntityKind,
  id: string,
  jurisdiction: string,
  doc: unknown,
): EntityState {
  return { kind, id, jurisdiction, version: (lookup(kind, id)?.version ?? 0) + 1, doc };
}

/**
 * What an event changes. Incident events carry the whole incident, so its version is the incident's own;
 * everything else counts its changes here. `lookup` answers with the state before the event.
 */
export function projectEvent(event: HubEvent, lookup: EntityLookup): EntityState[] {
  switch (event.type) {
    case 'incident.reported':
    case 'alarm.raised':
    case 'incident.assessed':
    case 'incident.escalated':
    case 'supervision.issued':
    case 'incident.resolved':
    case 'incident.followed-up':
    case 'incident.reopened':
    case 'incident.closed':
    case 'incident.overdue-escalated': {
      const { incident } = event.payload;
      return [
        {
          kind: 'incident',
          id: incident.id,
          jurisdiction: incident.jurisdictionCode,
          version: incident.version,
          doc: incident,
        },
      ];
    }
    case 'incident.assigned': {
      const { incident, orders } = event.payload;
      return [
        {
          kind: 'incident',
          id: incident.id,
          jurisdiction: incident.jurisdictionCode,
          version: incident.version,
          doc: incident,
        },
        ...orders.map((order) => next(lookup, 'order', order.id, incident.jurisdictionCode, order)),
      ];
    }
    case 'order.acknowledged': {
      const { incident, orderId, acknowledgement } = event.payload;
      const order = lookup('order', orderId)?.doc as Order | undefined;
      const changes: EntityState[] = [
        {
          kind: 'incident',
          id: incident.id,
          jurisdiction: incident.jurisdictionCode,
          version: incident.version,
          doc: incident,
        },
      ];
      if (order) {
        changes.push(
          next(lookup, 'order', orderId, incident.jurisdictionCode, { ...order, acknowledgement }),
        );
      }
      return changes;
    }
    case 'note.added':
      return [next(lookup, 'note', event.payload.note.id, event.jurisdiction, event.payload.note)];
    case 'mode.switched':
      return [
        next(lookup, 'mode', event.payload.state.jurisdictionCode, event.jurisdiction, event.payload.state),
      ];
    case 'sla.configured':
      return [next(lookup, 'sla', event.payload.jurisdictionCode, event.jurisdiction, event.payload.config)];
    case 'subsidy.configured':
      return [
        next(
          lookup,
          'subsidy-rates',
          event.payload.jurisdictionCode,
          event.jurisdiction,
          event.payload.rates,
        ),
      ];
    case 'bulletin.saved':
      return [
        next(lookup, 'bulletin', event.payload.bulletin.id, event.jurisdiction, event.payload.bulletin),
      ];
    case 'handover.submitted':
    case 'handover.accepted':
      return [
        next(lookup, 'handover', event.payload.handover.id, event.jurisdiction, event.payload.handover),
      ];
    case 'monitoring.status-changed': {
      const { point } = event.payload;
      return [next(lookup, 'monitoring-point', point.id, point.jurisdictionCode, point)];
    }
    case 'force.moved': {
      const force = lookup('force', event.payload.forceId);
      if (!force) return [];
      const { position, onDuty } = event.payload;
      const moved: Force = { ...(force.doc as Force), position, ...(onDuty === undefined ? {} : { onDuty }) };
      return [next(lookup, 'force', force.id, force.jurisdiction, moved)];
    }
    case 'monitoring.registered':
      return event.payload.points.map((point) =>
        next(lookup, 'monitoring-point', point.id, point.jurisdictionCode, point),
      );
    case 'forces.registered':
      return event.payload.forces.map((force) =>
        next(lookup, 'force', force.id, force.jurisdictionCode, force),
      );
    case 'units.registered':
      return event.payload.units.map((unit) =>
        next(lookup, 'member-unit', unit.id, unit.jurisdictionCode, unit),
      );
    case 'coverage.registered':
      return [
        ...event.payload.places.map((place) =>
          next(lookup, 'key-place', place.id, place.jurisdictionCode, place),
        ),
        ...event.payload.roads.map((road) =>
          next(lookup, 'road-segment', road.id, road.jurisdictionCode, road),
        ),
      ];
    // Removal keeps the record, marked: the entity kinds only ever change, never disappear.
    case 'key-person.registered':
    case 'key-person.removed': {
      const { person } = event.payload;
      return [next(lookup, 'key-person', person.id, person.jurisdictionCode, person)];
    }
    case 'target.registered':
    case 'target.removed': {
      const { target } = event.payload;
      return [next(lookup, target.kind, target.id, target.jurisdictionCode, target)];
    }
  }
}

/** The entity an event is chiefly about, for an incident's full-process record and for conflict messages. */
export function eventSubject(event: HubEvent): string | null {
  switch (event.type) {
    case 'note.added':
      return event.payload.note.incidentId;
    case 'monitoring.status-changed':
      return event.payload.point.id;
    case 'force.moved':
      return event.payload.forceId;
    case 'key-person.registered':
    case 'key-person.removed':
      return event.payload.person.id;
    case 'target.registered':
    case 'target.removed':
      return event.payload.target.id;
    case 'mode.switched':
    case 'sla.configured':
    case 'subsidy.configured':
    case 'handover.submitted':
    case 'handover.accepted':
    case 'bulletin.saved':
    case 'monitoring.registered':
    case 'forces.registered':
    case 'units.registered':
    case 'coverage.registered':
      return null;
    default:
      return event.payload.incident.id;
  }
}

/**
 * What a jurisdiction decides for everything below it: the mode it is in, the SLA tables and the subsidy rates
 * it sets. A county account sees its prefecture's switches and tables, though they lie outside its own scope.
 */
export const INHERITED_EVENT_TYPES = ['mode.switched', 'sla.configured', 'subsidy.configured'] as const;
export const INHERITED_KINDS: readonly EntityKind[] = ['mode', 'sla', 'subsidy-rates'];

/**
 * Whether an event belongs to the stream of an account scoped to `scope`: everything inside the scope,
 * plus what the jurisdictions above it decided for it.
 */
export function isEventInScope(event: { type: string; jurisdiction: string }, scope: string): boolean {
  return (
    event.jurisdiction.startsWith(scope) ||
    ((INHERITED_EVENT_TYPES as readonly string[]).includes(event.type) &&
      scope.startsWith(event.jurisdiction))
  );
}

/** The same rule for current state. */
export function isEntityInScope(entity: { kind: string; jurisdiction: string }, scope: string): boolean {
  return (
    entity.jurisdiction.startsWith(scope) ||
    ((INHERITED_KINDS as readonly string[]).includes(entity.kind) && scope.startsWith(entity.jurisdiction))
  );
}
