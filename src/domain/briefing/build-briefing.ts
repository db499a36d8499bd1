import { arrivalOf } from '../arrival';
import type { ChinaDay } from '../china-day';
import { INCIDENT_SNAPSHOT_TYPES, type EventType, type HubEvent } from '../event';
import type { Incident, IncidentCategory } from '../incident';
import { CODE_LENGTH, isWithin } from '../jurisdiction';
import { LogReplay } from '../log-replay';
import type { MemberUnit } from '../member-unit';
import { modeInForce, type ModeState } from '../mode';
import { isAcknowledgementLate, type Order } from '../order';
import { isEventInScope } from '../projection';
import { OPEN_RISK_GRADES, RISK_LEVELS, type OpenRiskGrade } from '../risk';
import { isOverdue, slaInForce, type SlaConfig } from '../sla';
import { TIMED_STAGES, type TimedStage } from '../stage';
import { toMillis } from '../time';
import { kpiComparison, kpiLedgerOf } from '../kpi';
import type {
  Briefing,
  BriefingMonitoring,
  BriefingRiskItem,
  HeadlineFigure,
  UnitAcknowledgement,
} from './briefing-schema';
import { briefingTargets, TARGET_EVENT_TYPES } from './briefing-targets';
import {
  ARRIVAL_BUCKET,
  BASELINE_PERIODS,
  arrivalBucketStarts,
  periodEnd,
  periodOf,
  periodStart,
  previousPeriod,
  type BriefingPeriod,
  type PeriodSpan,
} from './period';

export interface BriefingRequest {
  /**
   * The log, in scope or not (the rest is ignored). From `briefingLogStart(day, period)` on it is read event by
   * event; before that instant only the state then matters, so the mode, SLA and unit events and the last
   * snapshot of each incident still open then are enough.
   */
  events: readonly HubEvent[];
  scope: string;
  /** Any day of the period. */
  day: ChinaDay;
  /** A day unless said otherwise. */
  period?: BriefingPeriod;
  /** For the period in progress the figures stand at this instant rather than at the period's end. */
  now: number;
  /**
   * The instant of the log's first event, wherever it lies: a period that began before it is partly unknown,
   * so it is not compared with. The earliest event given when left out, which is right for a whole log.
   */
  logStart?: number;
  /** The monitoring coverage to show, as the caller last worked it out; none when left out. */
  monitoring?: BriefingMonitoring;
}

/** The event types a briefing reads: the incidents' lives, and what decides their deadlines and names. */
export const BRIEFING_EVENT_TYPES = [
  ...INCIDENT_SNAPSHOT_TYPES,
  'mode.switched',
  'sla.configured',
  'units.registered',
  ...TARGET_EVENT_TYPES,
] as const satisfies readonly EventType[];

/** The periods a briefing compares, oldest first: its baseline periods, then the period itself. */
function comparedPeriods(period: BriefingPeriod, day: ChinaDay): PeriodSpan[] {
  const spans = [periodOf(period, day)];
  while (spans.length <= BASELINE_PERIODS[period]) spans.unshift(previousPeriod(period, spans[0]!));
  return spans;
}

/** The instant from which a briefing reads the log event by event: the start of its baseline. */
export function briefingLogStart(day: ChinaDay, period: BriefingPeriod = 'day'): number {
  return periodStart(comparedPeriods(period, day)[0]!);
}
const TOP_RISKS = 10;

type PeriodCounts = Record<HeadlineFigure, number>;

function emptyCounts(): PeriodCounts {
  return { arrivals: 0, highRisk: 0, resolved: 0, closed: 0, open: 0, overdue: 0 };
}

/** What the period's own events add to its counts; open and overdue are read off the state at its end. */
function countEvent(counts: PeriodCounts, event: HubEvent): void {
  if (arrivalOf(event)) counts.arrivals += 1;
  else if (event.type === 'incident.assessed' && event.payload.riskLevel === 'high') counts.highRisk += 1;
  else if (event.type === 'incident.resolved') counts.resolved += 1;
  else if (event.type === 'incident.closed') counts.closed += 1;
}

function riskGrade(incident: Incident): OpenRiskGrade {
  return incident.riskLevel ?? 'ungraded';
}

type OpenIncident = { incident: Incident; overdue: boolean };

/** The incidents open in scope at the instant the replay has reached, and whether each was overdue then. */
function openAt(replay: LogReplay, scope: string): OpenIncident[] {
  // Gathered once rather than asked of the replay per incident, which would walk every entity each time.
  const modes = [...replay.all<ModeState>('mode')].map((entity) => entity.doc);
  const slas = [...replay.all<SlaConfig>('sla')].map((entity) => ({
    jurisdictionCode: entity.id,
    config: entity.doc,
  }));
  const at = new Date(replay.at).toISOString();
  const open: OpenIncident[] = [];
  for (const { doc: incident } of replay.all<Incident>('incident')) {
    if (incident.stage === 'closed' || !isWithin(incident.jurisdictionCode, scope)) continue;
    const code = incident.jurisdictionCode;
    open.push({
      incident,
      overdue: isOverdue(incident, at, modeInForce(modes, code), slaInForce(slas, code)),
    });
  }
  return open;
}

function byRiskThenAge(a: Incident, b: Incident): number {
  return (
    OPEN_RISK_GRADES.indexOf(riskGrade(a)) - OPEN_RISK_GRADES.indexOf(riskGrade(b)) ||
    toMillis(a.createdAt) - toMillis(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

function unitName(replay: LogReplay, unitId: string): string {
  return replay.get<MemberUnit>('member-unit', unitId)?.name ?? unitId;
}

/** The scope's own events, and the units registered above it: they take its orders, so name them too. */
function isBriefingEvent(event: HubEvent, scope: string): boolean {
  return (
    isEventInScope(event, scope) || (event.type === 'units.registered' && isWithin(scope, event.jurisdiction))
  );
}

/** Whether a mode switch put any part of the scope, or a jurisdiction above it, at war. */
function wentToWar(event: HubEvent, scope: string): boolean {
  if (event.type !== 'mode.switched' || event.payload.state.mode !== 'wartime') return false;
  const code = event.payload.state.jurisdictionCode;
  return isWithin(scope, code) || isWithin(code, scope);
}

/**
 * The briefing of a jurisdiction for one period (每日研判/每周分析/每月调度/每季通报), computed from the event
 * log: the log is replayed to the end of the period and of each of its baseline periods, so every figure is
 * what the centre could have known at that moment.
 */
export function buildBriefing(request: BriefingRequest): Briefing {
  const { events, scope, day, period = 'day', now } = request;
  const spans = comparedPeriods(period, day);
  const span = spans.at(-1)!;
  const start = periodStart(span);
  if (now < start) throw new RangeError(`the ${period} from ${span.from} has not begun`);
  const asOf = Math.min(periodEnd(span) - 1, now);
  // The last instant each compared period counts: the period's end, or now for the one in progress.
  const ends = spans.map((compared, index) => (index === spans.length - 1 ? asOf : periodEnd(compared) - 1));
  const windowStart = periodStart(spans[0]!);

  const inScope = events.filter((event) => isBriefingEvent(event, scope));
  const counts = spans.map(emptyCounts);
  for (const event of inScope) {
    const at = toMillis(event.at);
    if (at < windowStart || at > asOf) continue;
    countEvent(counts[ends.findIndex((end) => at <= end)]!, event);
  }

  const periodEvents = inScope.filter((event) => {
    const at = toMillis(event.at);
    return at >= start && at <= asOf;
  });

  const tallyOpen = (tally: PeriodCounts, open: readonly OpenIncident[]) => {
    tally.open = open.length;
    tally.overdue = open.filter((item) => item.overdue).length;
  };
  const replay = new LogReplay(inScope);
  const baseline = counts.slice(0, -1);
  for (const [index, tally] of baseline.entries()) {
    replay.advanceTo(ends[index]!);
    tallyOpen(tally, openAt(replay, scope));
  }
  // The replay stands at the period's start: at war then, or sent to war during the period.
  const wartime = replay.modeIn(scope) === 'wartime' || periodEvents.some((event) => wentToWar(event, scope));
  replay.advanceTo(asOf);
  const openAtEnd = openAt(replay, scope);
  const current = counts.at(-1)!;
  tallyOpen(current, openAtEnd);

  const logStart = logStartOf(request);
  const headline = headlineOf(current, recordedBaseline(spans, baseline, logStart));
  const previousSpan = spans.at(-2)!;
  const ledger = kpiLedgerOf(inScope);
  const kpis = kpiComparison(
    ledger.figures(scope, start, asOf),
    periodStart(previousSpan) >= logStart
      ? ledger.figures(scope, periodStart(previousSpan), ends.at(-2)!)
      : null,
  );

  return {
    scope,
    period,
    day,
    from: span.from,
    until: span.until,
    asOf: new Date(asOf).toISOString(),
    mode: wartime ? 'wartime' : 'peacetime',
    headline,
    arrivals: arrivalsOf(periodEvents, period, span),
    ...openFigures(openAtEnd, replay),
    hotspots: hotspotsOf(periodEvents),
    kpis,
    monitoring: request.monitoring ?? null,
    orders: wartime ? ordersOf(periodEvents, replay) : null,
    targets: briefingTargets(
      replay,
      openAtEnd.map((item) => item.incident),
    ),
  };
}

/** The instant the log began: its earliest event when the request does not say; never, for no events. */
function logStartOf({ events, logStart }: BriefingRequest): number {
  if (logStart !== undefined) return logStart;
  let earliest = Number.POSITIVE_INFINITY;
  for (const event of events) earliest = Math.min(earliest, toMillis(event.at));
  return earliest;
}

/** The baseline periods' counts, oldest first, null for each that began before the log did. */
function recordedBaseline(
  spans: readonly PeriodSpan[],
  baseline: readonly PeriodCounts[],
  logStart: number,
): (PeriodCounts | null)[] {
  return baseline.map((tally, index) => (periodStart(spans[index]!) >= logStart ? tally : null));
}

function headlineOf(current: PeriodCounts, baseline: readonly (PeriodCounts | null)[]): Briefing['headline'] {
  const previous = baseline.at(-1) ?? null;
  const recorded = baseline.filter((tally) => tally !== null);
  return (Object.keys(current) as HeadlineFigure[]).map((figure) => ({
    figure,
    current: current[figure],
    previous: previous === null ? null : previous[figure],
    baselineMean:
      recorded.length === 0
        ? null
        : recorded.reduce((sum, tally) => sum + tally[figure], 0) / recorded.length,
    baselinePeriods: recorded.length,
  }));
}

function arrivalsOf(
  periodEvents: readonly HubEvent[],
  period: BriefingPeriod,
  span: PeriodSpan,
): Briefing['arrivals'] {
  const starts = arrivalBucketStarts(period, span);
  const byCategory: Partial<Record<IncidentCategory, number[]>> = {};
  let total = 0;
  for (const event of periodEvents) {
    const incident = arrivalOf(event);
    if (!incident) continue;
    const buckets = (byCategory[incident.category] ??= new Array<number>(starts.length).fill(0));
    // By the event's time, which placed it in the period, so it always falls in one of the period's buckets.
    const at = toMillis(event.at);
    buckets[starts.findLastIndex((bucketStart) => bucketStart <= at)]! += 1;
    total += 1;
  }
  return { total, bucket: ARRIVAL_BUCKET[period], byCategory };
}

function openFigures(
  open: readonly OpenIncident[],
  replay: LogReplay,
): Pick<Briefing, 'open' | 'topRisks' | 'overdueByUnit'> {
  const byStage = Object.fromEntries(
    TIMED_STAGES.map((stage) => [stage, Object.fromEntries(OPEN_RISK_GRADES.map((grade) => [grade, 0]))]),
  ) as Record<TimedStage, Record<OpenRiskGrade, number>>;
  for (const { incident } of open) byStage[incident.stage as TimedStage][riskGrade(incident)] += 1;

  const topRisks: BriefingRiskItem[] = open
    .filter(({ incident }) => incident.riskLevel !== null && RISK_LEVELS.includes(incident.riskLevel))
    .sort((a, b) => byRiskThenAge(a.incident, b.incident))
    .slice(0, TOP_RISKS)
    .map(({ incident, overdue }) => ({
      id: incident.id,
      title: incident.title,
      riskLevel: incident.riskLevel,
      stage: incident.stage,
      jurisdictionCode: incident.jurisdictionCode,
      address: incident.address,
      createdAt: incident.createdAt,
      overdue,
      unitIds: incident.assignedUnitIds,
    }));

  const overdueCounts = new Map<string | null, number>();
  for (const { incident, overdue } of open) {
    if (!overdue) continue;
    const owners = incident.assignedUnitIds.length > 0 ? incident.assignedUnitIds : [null];
    for (const owner of owners) overdueCounts.set(owner, (overdueCounts.get(owner) ?? 0) + 1);
  }
  const overdueByUnit = [...overdueCounts]
    .map(([unitId, count]) => ({
      unitId,
      unitName: unitId === null ? null : unitName(replay, unitId),
      count,
    }))
    .sort((a, b) => b.count - a.count || (a.unitName ?? '').localeCompare(b.unitName ?? '', 'zh-CN'));

  return { open: { total: open.length, byStage }, topRisks, overdueByUnit };
}

function hotspotsOf(periodEvents: readonly HubEvent[]): Briefing['hotspots'] {
  const villages = new Map<string, number>();
  const points: Briefing['hotspots']['points'] = [];
  for (const event of periodEvents) {
    const incident = arrivalOf(event);
    if (!incident) continue;
    const village = incident.jurisdictionCode.slice(0, CODE_LENGTH.village);
    villages.set(village, (villages.get(village) ?? 0) + 1);
    points.push(incident.location);
  }
  return {
    villages: [...villages]
      .map(([code, count]) => ({ code, count }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    points,
  };
}

function ordersOf(periodEvents: readonly HubEvent[], replay: LogReplay): NonNullable<Briefing['orders']> {
  const asOf = new Date(replay.at).toISOString();
  const units = new Map<string, UnitAcknowledgement>();
  for (const event of periodEvents) {
    if (event.type !== 'incident.assigned') continue;
    for (const issued of event.payload.orders) {
      // The order as it stands at the end of the period, with its acknowledgement if one came.
      const order = replay.get<Order>('order', issued.id) ?? issued;
      const unit = units.get(order.unitId) ?? {
        unitId: order.unitId,
        unitName: unitName(replay, order.unitId),
        issued: 0,
        acknowledged: 0,
        late: 0,
        rate: 0,
      };
      unit.issued += 1;
      if (order.acknowledgement) unit.acknowledged += 1;
      if (isAcknowledgementLate(order, asOf)) unit.late += 1;
      unit.rate = unit.acknowledged / unit.issued;
      units.set(order.unitId, unit);
    }
  }
  const byUnit = [...units.values()].sort(
    (a, b) => a.rate - b.rate || b.issued - a.issued || a.unitName.localeCompare(b.unitName, 'zh-CN'),
  );
  const total = (key: 'issued' | 'acknowledged' | 'late') => byUnit.reduce((sum, unit) => sum + unit[key], 0);
  return { issued: total('issued'), acknowledged: total('acknowledged'), late: total('late'), byUnit };
}

/** The villages a briefing mentions, by code: its hotspots and where its top risks are. */
export function briefingPlaces(briefing: Briefing): string[] {
  const codes = new Set(briefing.hotspots.villages.map((village) => village.code));
  for (const risk of briefing.topRisks) codes.add(risk.jurisdictionCode.slice(0, CODE_LENGTH.village));
  for (const object of briefing.targets.overdueInspections)
    codes.add(object.jurisdictionCode.slice(0, CODE_LENGTH.village));
  return [...codes];
}
