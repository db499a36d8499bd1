import { z } from 'zod';
import { arrivalOf } from './arrival';
import type { HubEvent } from './event';
import type { Closure, Incident, IncidentKind, IncidentSource } from './incident';
import { isWithin } from './jurisdiction';
import { isoDateTimeSchema, toMillis } from './time';

/**
 * The figures the seed articles judge a centre by (003: "处置平均时长由7天缩短至1天", "矛盾纠纷感知录入率提升102%";
 * follow-up satisfaction; resolution), worked out from the event log over a stretch of time [from, until]:
 *
 * - Average handling time (处置平均时长): from an incident's report to its close, over the incidents closed in the
 *   stretch; dismissed reports are not handled, so they are left out.
 * - Dispute capture rate (排查发现率): of the disputes (矛盾纠纷) reported in the stretch, the share the centre's own
 *   sensing found — grid workers' patrols, door-to-door sweeps and camera alarms — rather than a citizen's QR
 *   report or a hotline call. Its change against the stretch before is the "+102%" of the seed.
 * - Follow-up satisfaction (回访满意率): of the follow-up calls made in the stretch, the share satisfied or basically
 *   satisfied.
 * - Resolution rate (化解率): of the incidents reported in the stretch and not dismissed by its end, the share
 *   resolved (a first `incident.resolved`) by its end.
 *
 * Every figure counts only what the log showed by `until`, so a past stretch reads as it did at its end.
 */

/** Found by the centre's own sensing (排查感知), not brought to it by the public. */
export const SENSED_SOURCES: readonly IncidentSource[] = ['grid-worker', 'sweep', 'camera-alarm'];

/** The event types the figures read. */
export const KPI_EVENT_TYPES = [
  'incident.reported',
  'alarm.raised',
  'incident.resolved',
  'incident.followed-up',
  'incident.closed',
] as const;

const countSchema = z.number().int().nonnegative();
const rateSchema = z.number().min(0).max(1).nullable();

export const kpiFiguresSchema = z.object({
  from: isoDateTimeSchema,
  until: isoDateTimeSchema,
  handling: z.object({ closed: countSchema, meanHours: z.number().nonnegative().nullable() }),
  capture: z.object({ disputes: countSchema, sensed: countSchema, rate: rateSchema }),
  satisfaction: z.object({ calls: countSchema, satisfied: countSchema, rate: rateSchema }),
  resolution: z.object({ taken: countSchema, resolved: countSchema, rate: rateSchema }),
});
export type KpiFigures = z.infer<typeof kpiFiguresSchema>;

/** A stretch's figures beside the stretch before, when the log reaches back over all of it. */
export const kpiComparisonSchema = z.object({
  current: kpiFiguresSchema,
  /** Null when the stretch before began before the log did: no data. */
  previous: kpiFiguresSchema.nullable(),
  /** The capture rate's change against the stretch before, as a share of it (1.02 is +102%); null without one. */
  captureChange: z.number().nullable(),
});
export type KpiComparison = z.infer<typeof kpiComparisonSchema>;

/** What the figures keep of one incident. */
export interface KpiIncidentRecord {
  jurisdiction: string;
  kind: IncidentKind;
  source: IncidentSource;
  createdMs: number;
  firstResolvedMs: number | null;
  closedMs: number | null;
  closure: Closure | null;
}

export interface FollowUpCall {
  at: number;
  jurisdiction: string;
  satisfied: boolean;
}

const HOUR_MS = 3_600_000;

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * One incident's record after one of `KPI_EVENT_TYPES`: as first seen (every incident event carries the
 * incident, so one whose report lies before the log read still has it), the report time from its arrival, the
 * earliest resolution, the last close.
 */
export function kpiRecordAfter(record: KpiIncidentRecord | undefined, event: HubEvent): KpiIncidentRecord {
  const incident = (event.payload as { incident: Incident }).incident;
  const next: KpiIncidentRecord = record
    ? { ...record }
    : {
        jurisdiction: incident.jurisdictionCode,
        kind: incident.kind,
        source: incident.source,
        createdMs: toMillis(incident.createdAt),
        firstResolvedMs: null,
        closedMs: null,
        closure: null,
      };
  const at = toMillis(event.at);
  const arrival = arrivalOf(event);
  if (arrival) next.createdMs = toMillis(arrival.createdAt);
  else if (event.type === 'incident.resolved')
    next.firstResolvedMs = Math.min(next.firstResolvedMs ?? at, at);
  else if (event.type === 'incident.closed') {
    next.closedMs = at;
    next.closure = event.payload.closure;
  }
  return next;
}

/** The follow-up call an event records, if it is one. */
export function followUpCallOf(event: HubEvent): FollowUpCall | null {
  if (event.type !== 'incident.followed-up') return null;
  return {
    at: toMillis(event.at),
    jurisdiction: event.payload.incident.jurisdictionCode,
    satisfied: event.payload.satisfaction !== 'dissatisfied',
  };
}

/**
 * The log as the figures need it, folded event by event in any order (a record keeps the earliest resolution
 * and the close), so a reader can add what arrived since it last looked.
 */
export class KpiLedger {
  private readonly incidents = new Map<string, KpiIncidentRecord>();
  private readonly calls: FollowUpCall[] = [];

  add(event: HubEvent): void {
    if (!(KPI_EVENT_TYPES as readonly string[]).includes(event.type)) return;
    const incident = (event.payload as { incident: Incident }).incident;
    this.incidents.set(incident.id, kpiRecordAfter(this.incidents.get(incident.id), event));
    const call = followUpCallOf(event);
    if (call) this.calls.push(call);
  }

  /** The figures of `scope` over [from, until] (ms, both included). */
  figures(scope: string, from: number, until: number): KpiFigures {
    const within = (at: number | null): at is number => at !== null && at >= from && at <= until;
    let closed = 0;
    let handlingMs = 0;
    let disputes = 0;
    let sensed = 0;
    let taken = 0;
    let resolved = 0;
    for (const record of this.incidents.values()) {
      if (!isWithin(record.jurisdiction, scope)) continue;
      if (within(record.closedMs) && record.closure !== 'dismissed') {
        closed += 1;
        handlingMs += record.closedMs - record.createdMs;
      }
      if (!within(record.createdMs)) continue;
      if (record.kind === 'dispute') {
        disputes += 1;
        if (SENSED_SOURCES.includes(record.source)) sensed += 1;
      }
      const dismissed =
        record.closure === 'dismissed' && record.closedMs !== null && record.closedMs <= until;
      if (dismissed) continue;
      taken += 1;
      if (record.firstResolvedMs !== null && record.firstResolvedMs <= until) resolved += 1;
    }
    let calls = 0;
    let satisfied = 0;
    for (const call of this.calls) {
      if (!within(call.at) || !isWithin(call.jurisdiction, scope)) continue;
      calls += 1;
      if (call.satisfied) satisfied += 1;
    }
    return {
      from: new Date(from).toISOString(),
      until: new Date(until).toISOString(),
      handling: { closed, meanHours: closed === 0 ? null : handlingMs / closed / HOUR_MS },
      capture: { disputes, sensed, rate: share(sensed, disputes) },
      satisfaction: { calls, satisfied, rate: share(satisfied, calls) },
      resolution: { taken, resolved, rate: share(resolved, taken) },
    };
  }

  /**
   * The figures of [from, until] beside those of the stretch of the same length just before, unless that began
   * before the log did (`logStart`).
   */
  compare(scope: string, from: number, until: number, logStart: number): KpiComparison {
    const current = this.figures(scope, from, until);
    const previousFrom = from - (until + 1 - from);
    const previous = previousFrom >= logStart ? this.figures(scope, previousFrom, from - 1) : null;
    return kpiComparison(current, previous);
  }
}

/** A stretch's figures beside those of the stretch before, if known. */
export function kpiComparison(current: KpiFigures, previous: KpiFigures | null): KpiComparison {
  return { current, previous, captureChange: changeOf(current.capture.rate, previous?.capture.rate ?? null) };
}

/** A rate's change as a share of the one before; none when there is no rate before, or it was nothing. */
function changeOf(rate: number | null, before: number | null): number | null {
  if (rate === null || before === null || before === 0) return null;
  return (rate - before) / before;
}

/** The figures of a whole log, or any part of it. */
export function kpiLedgerOf(events: Iterable<HubEvent>): KpiLedger {
  const ledger = new KpiLedger();
  for (const event of events) ledger.add(event);
  return ledger;
}
