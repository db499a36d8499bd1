import { DAY_MS, addChinaDays, chinaDayStart, chinaHourOf, type ChinaDay } from '../china-day';
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
import type { Briefing, BriefingRiskItem, HeadlineFigure, UnitAcknowledgement } from './briefing-schema';

export interface BriefingRequest {
  /**
   * The log, in scope or not (the rest is ignored). From `briefingLogStart(day)` on it is read event by event;
   * before that instant only the state then matters, so the mode, SLA and unit events and the last snapshot of
   * each incident still open then are enough.
   */
  events: readonly HubEvent[];
  scope: string;
  day: ChinaDay;
  /** For the day in progress the figures stand at this instant rather than at the day's end. */
  now: number;
}

/** The days the day is compared with: the one before, and the mean of the seven before. */
const BASELINE_DAYS = 7;

/** The event types a briefing reads: the incidents' lives, and what decides their deadlines and names. */
export const BRIEFING_EVENT_TYPES = [
  ...INCIDENT_SNAPSHOT_TYPES,
  'mode.switched',
  'sla.configured',
  'units.registered',
] as const satisfies readonly EventType[];

/** The instant from which a briefing of `day` reads the log event by event: the start of its baseline week. */
export function briefingLogStart(day: ChinaDay): number {
  return chinaDayStart(addChinaDays(day, -BASELINE_DAYS));
}
const TOP_RISKS = 10;

/**
 * An incident's first event. A camera's lead is raised as an alarm and later filed as a report of the same
 * incident, so only the event that opened it counts as its arrival.
 */
function arrivalOf(event: HubEvent): Incident | null {
  if (event.type !== 'incident.reported' && event.type !== 'alarm.raised') return null;
  return event.payload.incident.version === 1 ? event.payload.incident : null;
}

type DayCounts = Record<HeadlineFigure, number>;

function emptyCounts(): DayCounts {
  return { arrivals: 0, highRisk: 0, resolved: 0, closed: 0, open: 0, overdue: 0 };
}

/** What the day's own events add to its counts; open and overdue are read off the state at its end. */
function countEvent(counts: DayCounts, event: HubEvent): void {
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

/** Whether a mode switch during the day put any part of the scope, or a jurisdiction above it, at war. */
function wentToWar(event: HubEvent, scope: string): boolean {
  if (event.type !== 'mode.switched' || event.payload.state.mode !== 'wartime') return false;
  const code = event.payload.state.jurisdictionCode;
  return isWithin(scope, code) || isWithin(code, scope);
}

/**
 * The daily briefing (每日研判/每日通报) of a jurisdiction for one China day, computed from the event log:
 * the log is replayed to the end of each of the eight days involved, so every figure is what the centre
 * could have known at that moment.
 */
export function buildBriefing({ events, scope, day, now }: BriefingRequest): Briefing {
  const inScope = events.filter((event) => isEventInScope(event, scope));
  const windowStart = briefingLogStart(day);
  const dayStart = chinaDayStart(day);
  const asOf = Math.min(dayStart + DAY_MS - 1, now);

  // Per day, oldest first: index BASELINE_DAYS is the day itself.
  const days = Array.from({ length: BASELINE_DAYS + 1 }, emptyCounts);
  const dayIndex = (ms: number) => Math.floor((ms - windowStart) / DAY_MS);
  for (const event of inScope) {
    const at = toMillis(event.at);
    if (at < windowStart || at > asOf) continue;
    countEvent(days[dayIndex(at)]!, event);
  }

  const dayEvents = inScope.filter((event) => {
    const at = toMillis(event.at);
    return at >= dayStart && at <= asOf;
  });

  const tallyOpen = (counts: DayCounts, open: readonly OpenIncident[]) => {
    counts.open = open.length;
    counts.overdue = open.filter((item) => item.overdue).length;
  };
  const replay = new LogReplay(inScope);
  for (let index = 0; index < BASELINE_DAYS; index += 1) {
    replay.advanceTo(windowStart + (index + 1) * DAY_MS - 1);
    tallyOpen(days[index]!, openAt(replay, scope));
  }
  // The replay stands at the day's start: at war then, or sent to war during the day.
  const wartime =
    modeInForce(
      [...replay.all<ModeState>('mode')].map((entity) => entity.doc),
      scope,
    ) === 'wartime' || dayEvents.some((event) => wentToWar(event, scope));
  replay.advanceTo(asOf);
  const openAtEnd = openAt(replay, scope);
  tallyOpen(days[BASELINE_DAYS]!, openAtEnd);

  const today = days[BASELINE_DAYS]!;
  const previousDay = days[BASELINE_DAYS - 1]!;
  const baseline = days.slice(0, BASELINE_DAYS);
  const headline = (Object.keys(today) as HeadlineFigure[]).map((figure) => ({
    figure,
    day: today[figure],
    previousDay: previousDay[figure],
    weekMean: baseline.reduce((sum, counts) => sum + counts[figure], 0) / BASELINE_DAYS,
  }));

  return {
    scope,
    day,
    asOf: new Date(asOf).toISOString(),
    mode: wartime ? 'wartime' : 'peacetime',
    headline,
    arrivals: arrivalsOf(dayEvents),
    ...openFigures(openAtEnd, replay),
    hotspots: hotspotsOf(dayEvents),
    orders: wartime ? ordersOf(dayEvents, replay) : null,
  };
}

function arrivalsOf(dayEvents: readonly HubEvent[]): Briefing['arrivals'] {
  const byCategory: Partial<Record<IncidentCategory, number[]>> = {};
  let total = 0;
  for (const event of dayEvents) {
    const incident = arrivalOf(event);
    if (!incident) continue;
    const hours = (byCategory[incident.category] ??= new Array<number>(24).fill(0));
    hours[chinaHourOf(toMillis(incident.createdAt))]! += 1;
    total += 1;
  }
  return { total, byCategory };
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

function hotspotsOf(dayEvents: readonly HubEvent[]): Briefing['hotspots'] {
  const villages = new Map<string, number>();
  const points: Briefing['hotspots']['points'] = [];
  for (const event of dayEvents) {
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

function ordersOf(dayEvents: readonly HubEvent[], replay: LogReplay): NonNullable<Briefing['orders']> {
  const asOf = new Date(replay.at).toISOString();
  const units = new Map<string, UnitAcknowledgement>();
  for (const event of dayEvents) {
    if (event.type !== 'incident.assigned') continue;
    for (const issued of event.payload.orders) {
      // The order as it stands at the end of the day, with its acknowledgement if one came.
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
  return [...codes];
}
