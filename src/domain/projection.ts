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

type EventOf<T extends HubEvent['type']> = Extract<HubEvent, { type: T }>;

type IncidentEvent = EventOf<
  | 'incident.reported'
  | 'alarm.raised'
  | 'incident.assessed'
  | 'incident.escalated'
  | 'supervision.issued'
  | 'incident.resolved'
  | 'incident.followed-up'
  | 'incident.reopened'
  | 'incident.closed'
  | 'incident.overdue-escalated'
  | 'incident.assigned'
  | 'order.acknowledged'
>;
type RecordEvent = EventOf<'note.added' | 'bulletin.saved' | 'handover.submitted' | 'handover.accepted'>;
type DecisionEvent = EventOf<'mode.switched' | 'sla.configured' | 'subsidy.configured'>;
type FieldEvent = EventOf<'monitoring.status-changed' | 'force.moved'>;
type RegisterEvent = EventOf<
  | 'monitoring.registered'
  | 'forces.registered'
  | 'units.registered'
  | 'coverage.registered'
  | 'key-person.registered'
  | 'key-person.removed'
  | 'target.registered'
  | 'target.removed'
>;

/** Incident events carry the whole incident, so its version is the incident's own. */
function incidentState(incident: IncidentEvent['payload']['incident']): EntityState {
  return {
    kind: 'incident',
    id: incident.id,
    jurisdiction: incident.jurisdictionCode,
    version: incident.version,
    doc: incident,
  };
}

/** An incident's lifecycle: the incident itself, and the orders an assignment issues or an acknowledgement marks. */
function projectIncidentEvent(event: IncidentEvent, lookup: EntityLookup): EntityState[] {
  const { incident } = event.payload;
  switch (event.type) {
    case 'incident.assigned':
      return [
        incidentState(incident),
        ...event.payload.orders.map((order) =>
          next(lookup, 'order', order.id, incident.jurisdictionCode, order),
        ),
      ];
    case 'order.acknowledged': {
      const { orderId, acknowledgement } = event.payload;
      const order = lookup('order', orderId)?.doc as Order | undefined;
      if (!order) return [incidentState(incident)];
      return [
        incidentState(incident),
        next(lookup, 'order', orderId, incident.jurisdictionCode, { ...order, acknowledgement }),
      ];
    }
    default:
      return [incidentState(incident)];
  }
}

/** What operators write down: notes on incidents, bulletins and shift handovers. */
function projectRecordEvent(event: RecordEvent, lookup: EntityLookup): EntityState[] {
  switch (event.type) {
    case 'note.added':
      return [next(lookup, 'note', event.payload.note.id, event.jurisdiction, event.payload.note)];
    case 'bulletin.saved':
      return [
        next(lookup, 'bulletin', event.payload.bulletin.id, event.jurisdiction, event.payload.bulletin),
      ];
    case 'handover.submitted':
    case 'handover.accepted':
      return [
        next(lookup, 'handover', event.payload.handover.id, event.jurisdiction, event.payload.handover),
      ];
  }
}

/** What a jurisdiction decides for everything below it, one record per jurisdiction that decided. */
function projectDecisionEvent(event: DecisionEvent, lookup: EntityLookup): EntityState[] {
  switch (event.type) {
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
  }
}

/** What the field systems report: a monitoring point's status, a force's position. */
function projectFieldEvent(event: FieldEvent, lookup: EntityLookup): EntityState[] {
  switch (event.type) {
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
  }
}

/** The registers: what the centre knows is there, from monitoring points to key persons and targets. */
function projectRegisterEvent(event: RegisterEvent, lookup: EntityLookup): EntityState[] {
  switch (event.type) {
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

/**
 * What an event changes. Incident events carry the whole incident, so its version is the incident's own;
 * everything else counts its changes here. `lookup` answers with the state before the event.
 */
export function projectEvent(event: HubEvent, lookup: EntityLookup): EntityState[] {
  switch (event.type) {
    case 'note.added':
    case 'bulletin.saved':
    case 'handover.submitted':
    case 'handover.accepted':
      return projectRecordEvent(event, lookup);
    case 'mode.switched':
    case 'sla.configured':
    case 'subsidy.configured':
      return projectDecisionEvent(event, lookup);
    case 'monitoring.status-changed':
    case 'force.moved':
      return projectFieldEvent(event, lookup);
    case 'monitoring.registered':
    case 'forces.registered':
    case 'units.registered':
    case 'coverage.registered':
    case 'key-person.registered':
    case 'key-person.removed':
    case 'target.registered':
    case 'target.removed':
      return projectRegisterEvent(event, lookup);
    default:
      return projectIncidentEvent(event, lookup);
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
