import { z } from 'zod';
import { arrivalOf } from './arrival';
import type { HubEvent } from './event';
import { shiftSchema, type Shift } from './handover';
import { INCIDENT_CATEGORIES, type Incident } from './incident';
import { isWithin, jurisdictionCodeSchema } from './jurisdiction';
import { LogReplay } from './log-replay';
import { modeSchema } from './mode';
import { eventSubject, isEventInScope } from './projection';
import { riskLevelSchema } from './risk';
import { deadlineFor } from './sla';
import { stageSchema, type Stage } from './stage';
import { isoDateTimeSchema, toMillis } from './time';

/** One incident as the review lists it: what it is, where it stands, and when the listed thing happened. */
export const reviewItemSchema = z.object({
  incidentId: z.string(),
  title: z.string(),
  category: z.enum(INCIDENT_CATEGORIES),
  riskLevel: riskLevelSchema.nullable(),
  /** The stage it is in at the end of the shift (or now). */
  stage: stageSchema,
  jurisdictionCode: jurisdictionCodeSchema,
  unitIds: z.array(z.string()),
  /** When it arrived, escalated, was resolved, went overdue or raised its alarm. */
  at: isoDateTimeSchema,
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

export const openItemSchema = reviewItemSchema.omit({ at: true }).extend({
  /** The deadline of its current stage under the mode and tables in force; null once past all timed stages. */
  deadline: isoDateTimeSchema.nullable(),
  overdue: z.boolean(),
});
export type OpenItem = z.infer<typeof openItemSchema>;

export const modeSwitchItemSchema = z.object({
  jurisdictionCode: jurisdictionCodeSchema,
  mode: modeSchema,
  previous: modeSchema,
  reason: z.string(),
  by: z.string(),
  at: isoDateTimeSchema,
});

export const HANDOVER_GROUPS = ['new', 'escalated', 'resolved', 'goneOverdue', 'alarms'] as const;
export type HandoverGroup = (typeof HANDOVER_GROUPS)[number];

/** 交接班 review: what happened in a shift, grouped, and what the incoming operator takes over. */
export const handoverReviewSchema = z.object({
  scope: jurisdictionCodeSchema,
  shift: shiftSchema,
  /** The end of the shift, or now while it is still running. */
  asOf: isoDateTimeSchema,
  new: z.array(reviewItemSchema),
  /** Escalated by a unit, put under a supervision notice by the centre, or escalated a level up for being overdue. */
  escalated: z.array(reviewItemSchema),
  resolved: z.array(reviewItemSchema),
  /** Crossed the deadline of their stage during the shift; `at` is the deadline. */
  goneOverdue: z.array(reviewItemSchema.extend({ overdueStage: stageSchema })),
  modeSwitches: z.array(modeSwitchItemSchema),
  /** Camera alarms raised during the shift. */
  alarms: z.array(reviewItemSchema),
  /** Open at the end of the shift: overdue first, then by deadline. */
  stillOpen: z.array(openItemSchema),
});
export type HandoverReview = z.infer<typeof handoverReviewSchema>;

export interface HandoverReviewRequest {
  /**
   * The log, in scope or not. From the shift's start on it is read event by event; before that only the state
   * then matters (the mode, SLA and unit events and the last snapshot of each incident still open).
   */
  events: readonly HubEvent[];
  scope: string;
  shift: Shift;
  now: number;
}

function itemOf(incident: Incident, at: number): ReviewItem {
  return {
    incidentId: incident.id,
    title: incident.title,
    category: incident.category,
    riskLevel: incident.riskLevel,
    stage: incident.stage,
    jurisdictionCode: incident.jurisdictionCode,
    unitIds: incident.assignedUnitIds,
    at: new Date(at).toISOString(),
  };
}

type Crossing = { incidentId: string; stage: Stage; at: number };

/** The deadline of the incident's current stage under what is in force where it is, in ms, or null. */
function deadlineMs(incident: Incident, replay: LogReplay): number | null {
  const code = incident.jurisdictionCode;
  const deadline = deadlineFor(incident, incident.stage, replay.modeIn(code), replay.slaIn(code));
  return deadline === null ? null : toMillis(deadline);
}

/**
 * The review of a shift from the event log. Events at the shift's start belong to it, those at its end to
 * the next one. Each incident is checked for a crossed deadline whenever it changes and at the end, under
 * the mode and tables in force at that moment.
 */
export function buildHandoverReview({ events, scope, shift, now }: HandoverReviewRequest): HandoverReview {
  const start = toMillis(shift.start);
  const asOf = Math.min(toMillis(shift.end) - 1, now);
  const inScope = events.filter((event) => isEventInScope(event, scope));
  const shiftEvents = inScope
    .filter((event) => toMillis(event.at) >= start && toMillis(event.at) <= asOf)
    .sort((a, b) => toMillis(a.at) - toMillis(b.at) || a.seq - b.seq);

  const replay = new LogReplay(inScope).advanceTo(start - 1);
  const crossings: Crossing[] = [];
  /** Records the incident's crossing of its current deadline if it fell in [start, until). */
  const checkDeadline = (incidentId: string, until: number) => {
    const incident = replay.get<Incident>('incident', incidentId);
    if (!incident || incident.stage === 'closed' || !isWithin(incident.jurisdictionCode, scope)) return;
    const deadline = deadlineMs(incident, replay);
    if (deadline !== null && deadline >= start && deadline < until) {
      crossings.push({ incidentId, stage: incident.stage, at: deadline });
    }
  };

  const happened: Record<'new' | 'escalated' | 'resolved' | 'alarms', { incidentId: string; at: number }[]> =
    {
      new: [],
      escalated: [],
      resolved: [],
      alarms: [],
    };
  const modeSwitches: HandoverReview['modeSwitches'] = [];
  for (let index = 0; index < shiftEvents.length;) {
    // Every event of one instant is checked against the state before that instant, then applied together.
    const at = toMillis(shiftEvents[index]!.at);
    let end = index;
    while (end < shiftEvents.length && toMillis(shiftEvents[end]!.at) === at) end += 1;
    const batch = shiftEvents.slice(index, end);
    for (const event of batch) {
      const subject = eventSubject(event);
      if (subject !== null) checkDeadline(subject, at);
    }
    replay.advanceTo(at);
    for (const event of batch) classify(event, at, scope, happened, modeSwitches);
    index = end;
  }
  replay.advanceTo(asOf);

  const stillOpen: OpenItem[] = [];
  for (const { doc: incident } of replay.all<Incident>('incident')) {
    if (incident.stage === 'closed' || !isWithin(incident.jurisdictionCode, scope)) continue;
    checkDeadline(incident.id, asOf);
    const deadline = deadlineMs(incident, replay);
    const { at: _at, ...item } = itemOf(incident, asOf);
    stillOpen.push({
      ...item,
      deadline: deadline === null ? null : new Date(deadline).toISOString(),
      overdue: deadline !== null && asOf > deadline,
    });
  }
  stillOpen.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.deadline === null ? 1 : 0) - (b.deadline === null ? 1 : 0) ||
      (a.deadline ?? '').localeCompare(b.deadline ?? '') ||
      a.incidentId.localeCompare(b.incidentId),
  );

  const itemsOf = (entries: { incidentId: string; at: number }[]) =>
    entries.flatMap(({ incidentId, at }) => {
      const incident = replay.get<Incident>('incident', incidentId);
      return incident ? [itemOf(incident, at)] : [];
    });
  return {
    scope,
    shift,
    asOf: new Date(asOf).toISOString(),
    new: itemsOf(happened.new),
    escalated: itemsOf(happened.escalated),
    resolved: itemsOf(happened.resolved),
    goneOverdue: crossings
      .sort((a, b) => a.at - b.at || a.incidentId.localeCompare(b.incidentId))
      .flatMap((crossing) => itemsOf([crossing]).map((item) => ({ ...item, overdueStage: crossing.stage }))),
    modeSwitches,
    alarms: itemsOf(happened.alarms),
    stillOpen,
  };
}

function classify(
  event: HubEvent,
  at: number,
  scope: string,
  happened: Record<'new' | 'escalated' | 'resolved' | 'alarms', { incidentId: string; at: number }[]>,
  modeSwitches: HandoverReview['modeSwitches'],
): void {
  if (event.type === 'mode.switched') {
    const { state, previous } = event.payload;
    modeSwitches.push({
      jurisdictionCode: state.jurisdictionCode,
      mode: state.mode,
      previous,
      reason: state.reason,
      by: state.switchedBy,
      at: event.at,
    });
    return;
  }
  if (!('incident' in event.payload) || !isWithin(event.payload.incident.jurisdictionCode, scope)) return;
  const incidentId = event.payload.incident.id;
  if (arrivalOf(event)) happened.new.push({ incidentId, at });
  if (event.type === 'alarm.raised') happened.alarms.push({ incidentId, at });
  else if (
    event.type === 'incident.escalated' ||
    event.type === 'supervision.issued' ||
    event.type === 'incident.overdue-escalated'
  )
    happened.escalated.push({ incidentId, at });
  else if (event.type === 'incident.resolved') happened.resolved.push({ incidentId, at });
}
