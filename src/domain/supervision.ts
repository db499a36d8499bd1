import type { HubEventDraft } from './event';
import type { Escalation } from './escalation';
import type { Incident } from './incident';
import type { NoticeNumber } from './notice-number';
import { CODE_LENGTH } from './jurisdiction';
import type { Mode } from './mode';
import { escalationSettings, minutesAllowed, type SlaConfig } from './sla';
import { TIMED_STAGES, type TimedStage } from './stage';
import { toMillis, type IsoDateTime } from './time';

/** Code lengths of the centres a case can go up to, nearest first. */
const CENTRE_LENGTHS = [
  CODE_LENGTH.village,
  CODE_LENGTH.township,
  CODE_LENGTH.county,
  CODE_LENGTH.prefecture,
];

/** The centre that handles a case before any escalation: its village's (a grid has no centre of its own). */
export function handlingCentre(incident: Pick<Incident, 'jurisdictionCode'>): string {
  return incident.jurisdictionCode.slice(0, Math.min(incident.jurisdictionCode.length, CODE_LENGTH.village));
}

/** The centre supervising the case now: the one its latest escalation went to, or its own. */
export function supervisingCentre(incident: Pick<Incident, 'jurisdictionCode' | 'escalations'>): string {
  return incident.escalations?.at(-1)?.to ?? handlingCentre(incident);
}

/** The centre one level above `code`, or null at the top. */
export function centreAbove(code: string): string | null {
  const length = CENTRE_LENGTHS.find((candidate) => candidate < code.length);
  return length === undefined ? null : code.slice(0, length);
}

function isTimed(stage: string): stage is TimedStage {
  return (TIMED_STAGES as readonly string[]).includes(stage);
}

/**
 * The escalation a case is due at `now`, or null. A case escalates once for every deadline it misses at its
 * stage (the level up allows it the stage's time again), never beyond the table's `maxLevels` in all, never above
 * the prefecture, and not at all where the table in force says escalation is by hand only.
 */
export function escalationDue(
  incident: Incident,
  now: IsoDateTime,
  mode: Mode,
  sla: SlaConfig,
): Escalation | null {
  const { stage } = incident;
  if (!isTimed(stage)) return null;
  const enteredAt = incident.stageEnteredAt[stage];
  if (enteredAt === undefined) return null;
  const settings = escalationSettings(mode, sla);
  const escalations = incident.escalations ?? [];
  if (!settings.automatic || escalations.length >= settings.maxLevels) return null;

  const allowedMs = minutesAllowed(incident, stage, mode, sla) * 60_000;
  const elapsed = toMillis(now) - toMillis(enteredAt);
  const deadlinesMissed = elapsed > 0 ? Math.ceil(elapsed / allowedMs) - 1 : 0;
  const atThisStage = escalations.filter(
    (escalation) => escalation.stage === stage && escalation.stageEnteredAt === enteredAt,
  ).length;
  if (atThisStage >= deadlinesMissed) return null;

  const to = centreAbove(supervisingCentre(incident));
  if (to === null) return null;
  return {
    level: escalations.length + 1,
    reason: 'overdue-at-stage',
    stage,
    stageEnteredAt: enteredAt,
    deadline: new Date(toMillis(enteredAt) + (atThisStage + 1) * allowedMs).toISOString(),
    to,
    at: now,
  };
}

/** The case escalated as due, with the event that records it; null when nothing is due. */
export function escalateOverdue(
  incident: Incident,
  now: IsoDateTime,
  mode: Mode,
  sla: SlaConfig,
): { incident: Incident; events: HubEventDraft[] } | null {
  const escalation = escalationDue(incident, now, mode, sla);
  if (escalation === null) return null;
  const next: Incident = {
    ...incident,
    version: incident.version + 1,
    updatedAt: now,
    escalations: [...(incident.escalations ?? []), escalation],
  };
  return {
    incident: next,
    events: [
      {
        type: 'incident.overdue-escalated',
        jurisdiction: incident.jurisdictionCode,
        at: now,
        payload: { incident: next, escalation },
      },
    ],
  };
}

/** The events of an issued supervision notice, carrying the number the hub gave it. */
export function numberNotice(events: readonly HubEventDraft[], notice: NoticeNumber): HubEventDraft[] {
  return events.map((event) =>
    event.type === 'supervision.issued' ? { ...event, payload: { ...event.payload, notice } } : event,
  );
}
