import { z } from 'zod';
import { forcePositionSchema, forceSchema } from './force';
import { savedBulletinSchema } from './bulletin';
import { escalationSchema } from './escalation';
import { handoverSchema } from './handover';
import { keyPlaceSchema, roadSegmentSchema } from './coverage';
import { CLOSURES, incidentSchema, satisfactionSchema } from './incident';
import { jurisdictionCodeSchema } from './jurisdiction';
import { keyPersonSchema } from './key-person';
import { modeSchema, modeStateSchema } from './mode';
import { memberUnitSchema } from './member-unit';
import { MONITORING_STATUSES, monitoringPointSchema } from './monitoring';
import { noticeNumberSchema } from './notice-number';
import { incidentNoteSchema } from './note';
import { acknowledgementSchema, orderSchema } from './order';
import { riskLevelSchema } from './risk';
import { slaConfigSchema } from './sla';
import { subsidyRatesSchema } from './subsidy/rates';
import { targetSchema } from './target';
import { noteSchema, reasonSchema } from './text';
import { isoDateTimeSchema } from './time';

export const EVENT_TYPES = [
  'incident.reported',
  'incident.assessed',
  'incident.assigned',
  'order.acknowledged',
  'incident.escalated',
  'supervision.issued',
  'incident.resolved',
  'incident.followed-up',
  'incident.reopened',
  'incident.closed',
  'note.added',
  'mode.switched',
  'sla.configured',
  'subsidy.configured',
  'handover.submitted',
  'handover.accepted',
  'bulletin.saved',
  'monitoring.status-changed',
  'force.moved',
  'alarm.raised',
  'monitoring.registered',
  'forces.registered',
  'units.registered',
  'key-person.registered',
  'key-person.removed',
  'target.registered',
  'target.removed',
  'incident.overdue-escalated',
  'coverage.registered',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The events that carry the whole incident as it stands after them: its latest one is its current state. */
export const INCIDENT_SNAPSHOT_TYPES = [
  'incident.reported',
  'alarm.raised',
  'incident.assessed',
  'incident.assigned',
  'order.acknowledged',
  'incident.escalated',
  'supervision.issued',
  'incident.resolved',
  'incident.followed-up',
  'incident.reopened',
  'incident.closed',
  'incident.overdue-escalated',
] as const satisfies readonly EventType[];

const operatorIdSchema = z.string().min(1);

/**
 * Every incident event carries the incident as it stands after the change, so a consumer keeps its
 * copy current by taking the snapshot whenever its version is newer than the one it holds.
 */
const incidentChange = { incident: incidentSchema, by: operatorIdSchema };

const payloadSchemas = {
  'incident.reported': z.object({
    incident: incidentSchema,
    /** Null when the report came in from the field (grid worker's app, citizen's QR code). */
    by: operatorIdSchema.nullable(),
  }),
  'incident.assessed': z.object({ ...incidentChange, riskLevel: riskLevelSchema }),
  'incident.assigned': z.object({ ...incidentChange, orders: z.array(orderSchema).min(1) }),
  'order.acknowledged': z.object({
    ...incidentChange,
    orderId: z.string().min(1),
    unitId: z.string().min(1),
    acknowledgement: acknowledgementSchema,
  }),
  'incident.escalated': z.object({ ...incidentChange, reason: reasonSchema }),
  'supervision.issued': z.object({
    ...incidentChange,
    requirement: reasonSchema,
    /** The notice's number in its centre's series; absent in logs written before notices were numbered. */
    notice: noticeNumberSchema.optional(),
  }),
  'incident.resolved': z.object({ ...incidentChange, summary: reasonSchema }),
  'incident.followed-up': z.object({ ...incidentChange, satisfaction: satisfactionSchema, note: noteSchema }),
  'incident.reopened': z.object({ ...incidentChange, cause: z.literal('dissatisfied-follow-up') }),
  'incident.closed': z.object({
    ...incidentChange,
    closure: z.enum(CLOSURES),
    /** Null when a satisfied follow-up closed it: the verdict is the reason. */
    reason: reasonSchema.nullable(),
  }),
  'note.added': z.object({ note: incidentNoteSchema }),
  'mode.switched': z.object({ state: modeStateSchema, previous: modeSchema }),
  /** An admin's SLA tables for a jurisdiction and everything below it, until a lower one sets its own. */
  'sla.configured': z.object({
    jurisdictionCode: jurisdictionCodeSchema,
    config: slaConfigSchema,
    by: operatorIdSchema,
  }),
  /** An admin's subsidy rates (以案定补) for a jurisdiction and below it, until a lower one sets its own. */
  'subsidy.configured': z.object({
    jurisdictionCode: jurisdictionCodeSchema,
    rates: subsidyRatesSchema,
    by: operatorIdSchema,
  }),
  'handover.submitted': z.object({ handover: handoverSchema }),
  /** The handover as it stands once signed off. */
  'handover.accepted': z.object({ handover: handoverSchema }),
  'bulletin.saved': z.object({ bulletin: savedBulletinSchema }),
  'monitoring.status-changed': z.object({
    point: monitoringPointSchema,
    previousStatus: z.enum(MONITORING_STATUSES),
  }),
  'force.moved': z.object({
    forceId: z.string().min(1),
    position: forcePositionSchema,
    /** Said by forces that go on and off duty (volunteers): false on the fix they stand down with. */
    onDuty: z.boolean().optional(),
  }),
  /** A camera's alarm opened a lead in `sense`. */
  'alarm.raised': z.object({ incident: incidentSchema, monitoringPointId: z.string().min(1) }),
  /**
   * The inventory of a jurisdiction, registered in batches (one village's cameras, one county's forces),
   * so that a client syncing from the start of the log learns of them like of anything else.
   */
  'monitoring.registered': z.object({ points: z.array(monitoringPointSchema).min(1) }),
  'forces.registered': z.object({ forces: z.array(forceSchema).min(1) }),
  'units.registered': z.object({ units: z.array(memberUnitSchema).min(1) }),
  /** The person's entry as it stands after the change, like incident events: the latest one is current. */
  'key-person.registered': z.object({ person: keyPersonSchema }),
  'key-person.removed': z.object({ person: keyPersonSchema }),
  /** A dangerous object's or a sensitive place's entry as it stands after the change. */
  'target.registered': z.object({ target: targetSchema }),
  'target.removed': z.object({ target: targetSchema }),
  /** The hub's sweep found the case overdue at its stage and put it under the centre one level up. */
  'incident.overdue-escalated': z.object({ incident: incidentSchema, escalation: escalationSchema }),
  /** What a jurisdiction's cameras are to watch: its key places and road segments, registered like the points. */
  'coverage.registered': z
    .object({ places: z.array(keyPlaceSchema), roads: z.array(roadSegmentSchema) })
    .refine((payload) => payload.places.length + payload.roads.length > 0, {
      message: 'a registration names at least one key place or road segment',
    }),
} satisfies Record<EventType, z.ZodType>;

export type EventPayload<T extends EventType> = z.infer<(typeof payloadSchemas)[T]>;

const envelope = {
  /** Assigned by the hub, strictly increasing: a client resumes from the last seq it saw. */
  seq: z.number().int().positive(),
  id: z.guid(),
  /** Whose event it is: the hub sends an event only to accounts whose scope contains this code. */
  jurisdiction: jurisdictionCodeSchema,
  at: isoDateTimeSchema,
};

function eventOf<T extends EventType>(type: T) {
  return z.object({ ...envelope, type: z.literal(type), payload: payloadSchemas[type] });
}

export const hubEventSchema = z.discriminatedUnion('type', [
  eventOf('incident.reported'),
  eventOf('incident.assessed'),
  eventOf('incident.assigned'),
  eventOf('order.acknowledged'),
  eventOf('incident.escalated'),
  eventOf('supervision.issued'),
  eventOf('incident.resolved'),
  eventOf('incident.followed-up'),
  eventOf('incident.reopened'),
  eventOf('incident.closed'),
  eventOf('note.added'),
  eventOf('mode.switched'),
  eventOf('sla.configured'),
  eventOf('subsidy.configured'),
  eventOf('handover.submitted'),
  eventOf('handover.accepted'),
  eventOf('bulletin.saved'),
  eventOf('monitoring.status-changed'),
  eventOf('force.moved'),
  eventOf('alarm.raised'),
  eventOf('monitoring.registered'),
  eventOf('forces.registered'),
  eventOf('units.registered'),
  eventOf('key-person.registered'),
  eventOf('key-person.removed'),
  eventOf('target.registered'),
  eventOf('target.removed'),
  eventOf('incident.overdue-escalated'),
  eventOf('coverage.registered'),
]);
export type HubEvent = z.infer<typeof hubEventSchema>;

type WithoutHubStamp<E> = E extends unknown ? Omit<E, 'seq' | 'id'> : never;

/** An event as the domain produces it; the hub stamps `seq` and `id` when it records it. */
export type HubEventDraft = WithoutHubStamp<HubEvent>;
