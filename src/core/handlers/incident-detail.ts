import {
  deadlineFor,
  JURISDICTION_LEVELS,
  modeInForce,
  slaInForce,
  type HubEvent,
  type NoticeNumber,
} from '../../domain';
import type { IncidentDetail } from '../contract/api';
import type { CoreServices } from './types';

type TimelineEntry = { type: string; payload: unknown };

/** The account that caused an event, if an operator did; field reports and the field systems have none. */
function actorOf(event: Pick<HubEvent, 'type' | 'payload'>): string | null {
  const payload = event.payload as {
    by?: unknown;
    state?: { switchedBy?: unknown };
    note?: { by?: unknown };
  };
  const by = payload.by ?? payload.state?.switchedBy ?? payload.note?.by;
  return typeof by === 'string' ? by : null;
}

/** The number the hub gave the latest supervision notice in an incident's record, or null. */
function latestNoticeNumber(timeline: readonly TimelineEntry[]): NoticeNumber | null {
  const issued = timeline.filter((entry) => entry.type === 'supervision.issued').at(-1);
  return (issued?.payload as { notice?: NoticeNumber } | undefined)?.notice ?? null;
}

/** The jurisdictions whose mode switches an incident's record mentions. */
function switchedJurisdictions(timeline: readonly TimelineEntry[]): string[] {
  return timeline.flatMap((entry) => {
    const switched = (entry.payload as { state?: { jurisdictionCode?: string } }).state;
    return switched?.jurisdictionCode ? [switched.jurisdictionCode] : [];
  });
}

/** The centres that issued the notices in an incident's record. */
function noticeCentres(timeline: readonly TimelineEntry[]): string[] {
  return timeline.flatMap((entry) => {
    const notice = (entry.payload as { notice?: NoticeNumber }).notice;
    return notice ? [notice.centre] : [];
  });
}

export type IncidentDetailSources = Pick<CoreServices, 'queries' | 'names'>;

/** An incident with its record, named for the screen, and the deadline, mode and tables in force where it is. */
export function incidentDetail({ queries, names }: IncidentDetailSources, id: string): IncidentDetail | null {
  const detail = queries.incidentDetail(id);
  if (!detail) return null;
  const { incident } = detail;
  const mode = modeInForce(queries.modes(), incident.jurisdictionCode);
  const sla = slaInForce(queries.slaConfigs(), incident.jurisdictionCode);
  const unitNames: Record<string, string> = {};
  names.addUnits(unitNames, incident.assignedUnitIds);
  return {
    ...detail,
    timeline: detail.timeline.map((entry) => {
      const by = actorOf(entry as Pick<HubEvent, 'type' | 'payload'>);
      return { ...entry, actor: by === null ? null : (names.account(by) ?? null) };
    }),
    unitNames,
    placeNames: names.places(switchedJurisdictions(detail.timeline), JURISDICTION_LEVELS),
    deadline: deadlineFor(incident, incident.stage, mode, sla),
    mode,
    sla,
    centreNames: names.places([
      ...(incident.escalations ?? []).map((escalation) => escalation.to),
      ...noticeCentres(detail.timeline),
    ]),
    notice: latestNoticeNumber(detail.timeline),
    gridWorkers: queries
      .forces(incident.jurisdictionCode)
      .flatMap((force) => (force.kind === 'grid-worker' ? (force.memberNames ?? []) : [])),
  };
}
