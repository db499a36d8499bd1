import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeFigures } from '../../src/core/cache/figures';
import { LocalCache } from '../../src/core/cache/local-cache';
import {
  DEFAULT_SLA,
  TIMED_STAGES,
  addMinutes,
  applyAction,
  availableActions,
  isOverdue,
  modeInForce,
  openIncident,
  type EntityState,
  type HubEvent,
  type HubEventDraft,
  type Incident,
  type IsoDateTime,
  type KeyPlace,
  type RoadSegment,
  metresBetween,
  midpointOf,
  viewRangeOf,
  type LifecycleAction,
  type ModeState,
  type MonitoringPoint,
  type Operator,
  type RiskLevel,
  type Satisfaction,
} from '../../src/domain';
import { tempDir } from './support/core-harness';

/**
 * A fixed week and a half of Dali city (532901): incidents in two of its townships, 下关街道 and 太和街道,
 * monitoring points in the same two, and none in a third, 满江街道. 太和街道 went on a war footing at
 * 12:30 today. "Now" is 14:30 on 10 March 2026, China Standard Time.
 */
const COUNTY = '532901';
const XIAGUAN = '532901003';
const TAIHE = '532901004';
const MANJIANG = '532901005';
const XIAGUAN_GRID = '532901003001001';
const TAIHE_GRID = '532901004001001';
const TOWNSHIPS = [
  { code: XIAGUAN, name: '下关街道' },
  { code: TAIHE, name: '太和街道' },
  { code: MANJIANG, name: '满江街道' },
];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** An instant given as a wall-clock time in China (UTC+8), `daysAgo` days before 10 March 2026. */
function cst(daysAgo: number, hour: number, minute: number): IsoDateTime {
  return new Date(Date.UTC(2026, 2, 10 - daysAgo, hour - 8, minute)).toISOString();
}
const NOW = cst(0, 14, 30);

const COMMANDER: Operator = {
  id: 'commander-1',
  name: '值班指挥长',
  role: 'commander',
  jurisdictionCode: COUNTY,
};
const WARTIME_IN_TAIHE: ModeState = {
  jurisdictionCode: TAIHE,
  mode: 'wartime',
  since: cst(0, 12, 30),
  reason: '暴雨山洪应急响应',
  switchedBy: COMMANDER.id,
};

const assess = (riskLevel: RiskLevel): LifecycleAction => ({ type: 'assess', riskLevel });
const acknowledge: LifecycleAction = { type: 'acknowledge', unitId: 'unit-police' };
const resolve: LifecycleAction = { type: 'resolve', summary: '双方达成调解协议', difficulty: 'ordinary' };
const followUp = (satisfaction: Satisfaction): LifecycleAction => ({
  type: 'recordFollowUp',
  satisfaction,
  note: '电话回访当事人',
});
const close: LifecycleAction = { type: 'close', reason: '重复上报核实' };
/** Assignment names its own deadline, a week after it is given. */
const ASSIGN = 'assign';

interface Script {
  id: string;
  grid: string;
  createdAt: IsoDateTime;
  cameraAlarm?: boolean;
  /** Without a phone number nobody can be called back, and the incident may close without a follow-up. */
  noPhone?: boolean;
  steps: [LifecycleAction | typeof ASSIGN, IsoDateTime][];
}

/** Where each incident stands at 14:30 today is in the comment beside it. */
const SCRIPTS: Script[] = [
  // report, ungraded; its 2 hours to be graded ran out at 11:15
  { id: 'xg-1', grid: XIAGUAN_GRID, createdAt: cst(0, 9, 15), steps: [] },
  // assess, high; its 30 minutes end at 14:30 exactly, so it is not yet overdue
  { id: 'xg-2', grid: XIAGUAN_GRID, createdAt: cst(0, 13, 50), steps: [[assess('high'), cst(0, 14, 0)]] },
  // resolve, medium, since yesterday 12:00 with 3 days to go
  {
    id: 'xg-3',
    grid: XIAGUAN_GRID,
    createdAt: cst(1, 10, 5),
    steps: [
      [assess('medium'), cst(1, 10, 30)],
      [ASSIGN, cst(1, 11, 0)],
      [acknowledge, cst(1, 12, 0)],
    ],
  },
  // closed after a satisfied follow-up, 25.5 hours after it was reported
  {
    id: 'xg-4',
    grid: XIAGUAN_GRID,
    createdAt: cst(3, 8, 30),
    steps: [
      [assess('low'), cst(3, 9, 0)],
      [ASSIGN, cst(3, 10, 0)],
      [acknowledge, cst(3, 11, 0)],
      [resolve, cst(2, 9, 0)],
      [followUp('satisfied'), cst(2, 10, 0)],
    ],
  },
  // a dissatisfied call reopened it; closed on the second call, basically satisfied, 36 h 50 min in all
  {
    id: 'xg-5',
    grid: XIAGUAN_GRID,
    createdAt: cst(5, 20, 10),
    steps: [
      [assess('high'), cst(5, 20, 20)],
      [ASSIGN, cst(5, 20, 30)],
      [acknowledge, cst(5, 20, 40)],
      [resolve, cst(4, 8, 0)],
      [followUp('dissatisfied'), cst(4, 9, 0)],
      [resolve, cst(4, 15, 0)],
      [followUp('basically-satisfied'), cst(3, 9, 0)],
    ],
  },
  // dismissed as a duplicate: never taken on
  { id: 'xg-6', grid: XIAGUAN_GRID, createdAt: cst(6, 9, 40), steps: [[close, cst(6, 10, 0)]] },
  // closed 35 days ago: resolved and followed up, but outside the 30 days of handling time
  {
    id: 'xg-7',
    grid: XIAGUAN_GRID,
    createdAt: cst(40, 10, 0),
    steps: [
      [assess('low'), cst(40, 11, 0)],
      [ASSIGN, cst(40, 12, 0)],
      [acknowledge, cst(40, 13, 0)],
      [resolve, cst(38, 10, 0)],
      [followUp('satisfied'), cst(35, 10, 0)],
    ],
  },
  // a camera's alarm at 02:20, still a lead in sense: its 2 hours ran out long ago
  { id: 'xg-8', grid: XIAGUAN_GRID, createdAt: cst(0, 2, 20), cameraAlarm: true, steps: [] },
  // assign, medium, since 13:00: wartime allows 30 minutes (overdue), peacetime would allow 2 hours
  {
    id: 'th-1',
    grid: TAIHE_GRID,
    createdAt: cst(0, 11, 0),
    steps: [
      [assess('medium'), cst(0, 12, 0)],
      [ASSIGN, cst(0, 13, 0)],
    ],
  },
  // closed at follow-up without a call (no phone), 18.5 hours after it was reported
  {
    id: 'th-2',
    grid: TAIHE_GRID,
    createdAt: cst(2, 15, 30),
    noPhone: true,
    steps: [
      [assess('low'), cst(2, 16, 0)],
      [ASSIGN, cst(2, 16, 30)],
      [acknowledge, cst(2, 17, 0)],
      [resolve, cst(1, 9, 0)],
      [close, cst(1, 10, 0)],
    ],
  },
  // report, ungraded, from 23:45 seven days ago: the first day of the baseline week
  { id: 'th-3', grid: TAIHE_GRID, createdAt: cst(7, 23, 45), steps: [] },
  // assign, low, for eight days: before the baseline week, and overdue
  {
    id: 'th-4',
    grid: TAIHE_GRID,
    createdAt: cst(8, 10, 0),
    steps: [
      [assess('low'), cst(8, 10, 30)],
      [ASSIGN, cst(8, 11, 0)],
    ],
  },
  // reopened by a dissatisfied call at 09:00 today: resolve, medium, due at 21:00 even in wartime
  {
    id: 'th-5',
    grid: TAIHE_GRID,
    createdAt: cst(1, 14, 10),
    steps: [
      [assess('medium'), cst(1, 14, 20)],
      [ASSIGN, cst(1, 14, 30)],
      [acknowledge, cst(1, 15, 0)],
      [resolve, cst(1, 18, 0)],
      [followUp('dissatisfied'), cst(0, 9, 0)],
    ],
  },
];

function point(
  id: string,
  grid: string,
  kind: MonitoringPoint['kind'],
  status: MonitoringPoint['status'],
): MonitoringPoint {
  return {
    id,
    name: id,
    kind,
    cameraClass: kind === 'camera' ? 1 : null,
    jurisdictionCode: grid,
    location: [100.2, 25.6],
    status,
    statusAt: cst(10, 0, 0),
  };
}

/** 下关: 2 of 3 online once the checkpoint comes back; 太和: 1 of 4; 满江: none at all. */
const POINTS: MonitoringPoint[] = [
  point('xg-cam-1', XIAGUAN_GRID, 'camera', 'online'),
  point('xg-cam-2', XIAGUAN_GRID, 'camera', 'offline'),
  point('xg-checkpoint', XIAGUAN_GRID, 'vehicle-checkpoint', 'offline'),
  point('th-cam-1', TAIHE_GRID, 'camera', 'online'),
  point('th-cam-2', TAIHE_GRID, 'camera', 'offline'),
  point('th-cam-3', TAIHE_GRID, 'camera', 'fault'),
  point('th-face', TAIHE_GRID, 'face-capture', 'offline'),
];

/** East of every point by `metres`: the points all stand at [100.2, 25.6]. */
function east(metres: number): [number, number] {
  return [100.2 + metres / (111_320 * Math.cos((25.6 * Math.PI) / 180)), 25.6];
}

/** In view of 下关's online class-1 camera (150 m): a place beside it and a road 100 m off; 太和's are beyond. */
const PLACES: KeyPlace[] = [
  { id: 'xg-school', name: '下关小学', kind: 'school', jurisdictionCode: XIAGUAN_GRID, location: east(20) },
  { id: 'th-market', name: '太和市场', kind: 'market', jurisdictionCode: TAIHE_GRID, location: east(1000) },
];
const ROADS: RoadSegment[] = [
  { id: 'xg-road', name: '下关路', jurisdictionCode: XIAGUAN_GRID, from: east(0), to: east(200) },
  { id: 'th-road', name: '太和路', jurisdictionCode: TAIHE_GRID, from: east(100), to: east(300) },
];

function statusChange(target: MonitoringPoint, status: MonitoringPoint['status'], at: IsoDateTime) {
  const changed: MonitoringPoint = { ...target, status, statusAt: at };
  const draft: HubEventDraft = {
    type: 'monitoring.status-changed',
    jurisdiction: target.jurisdictionCode,
    at,
    payload: { point: changed, previousStatus: target.status },
  };
  return { changed, draft };
}

/** Runs a script through the domain's own lifecycle, under the mode in force at each step. */
function play(script: Script): { incident: Incident; drafts: HubEventDraft[] } {
  const opened = openIncident(
    {
      id: script.id,
      kind: 'dispute',
      category: 'neighbourhood',
      title: `邻里纠纷 ${script.id}`,
      description: '',
      jurisdictionCode: script.grid,
      location: [100.2, 25.6],
      address: '大理市',
      reporter: script.cameraAlarm
        ? null
        : { name: '李某', ...(script.noPhone ? {} : { phone: '13800000000' }) },
      source: script.cameraAlarm ? 'camera-alarm' : 'grid-worker',
      monitoringPointId: script.cameraAlarm ? 'xg-cam-1' : null,
    },
    script.createdAt,
  );
  let incident = opened.incident;
  const drafts = [...opened.events];
  for (const [step, at] of script.steps) {
    const action: LifecycleAction =
      step === ASSIGN
        ? { type: 'assign', unitIds: ['unit-police'], deadline: addMinutes(at, 7 * 24 * 60) }
        : step;
    const modes = Date.parse(at) >= Date.parse(WARTIME_IN_TAIHE.since) ? [WARTIME_IN_TAIHE] : [];
    const result = applyAction(incident, action, {
      actor: COMMANDER,
      at,
      mode: modeInForce(modes, incident.jurisdictionCode),
      sla: DEFAULT_SLA,
    });
    if (!result.ok) throw new Error(`${script.id}: ${result.reason}`);
    incident = result.incident;
    drafts.push(...result.events);
  }
  return { incident, drafts };
}

/** The record the cache is built from, kept whole so the tests can work the figures out for themselves. */
function fixture() {
  const played = SCRIPTS.map(play);
  const checkpointBack = statusChange(POINTS[2]!, 'online', cst(0, 8, 0));
  const wartimeSwitch: HubEventDraft = {
    type: 'mode.switched',
    jurisdiction: TAIHE,
    at: WARTIME_IN_TAIHE.since,
    payload: { state: WARTIME_IN_TAIHE, previous: 'peacetime' },
  };
  const drafts: HubEventDraft[] = [
    ...[XIAGUAN_GRID, TAIHE_GRID].map((grid): HubEventDraft => ({
      type: 'monitoring.registered',
      jurisdiction: grid,
      at: cst(10, 0, 0),
      payload: { points: POINTS.filter((p) => p.jurisdictionCode === grid) },
    })),
    {
      type: 'coverage.registered' as const,
      jurisdiction: '532901003001',
      at: cst(10, 0, 0),
      payload: { places: PLACES.slice(0, 1), roads: ROADS.slice(0, 1) },
    },
    {
      type: 'coverage.registered' as const,
      jurisdiction: '532901004001',
      at: cst(10, 0, 0),
      payload: { places: PLACES.slice(1), roads: ROADS.slice(1) },
    },
    checkpointBack.draft,
    wartimeSwitch,
    ...played.flatMap((p) => p.drafts),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return {
    incidents: played.map((p) => p.incident),
    points: POINTS.map((p) => (p.id === checkpointBack.changed.id ? checkpointBack.changed : p)),
    drafts,
  };
}

function stamp(drafts: readonly HubEventDraft[], after: number): HubEvent[] {
  return drafts.map((draft, i) => ({ ...draft, seq: after + i + 1, id: randomUUID() }) as HubEvent);
}

function cacheWith(drafts: readonly HubEventDraft[]): LocalCache {
  const cache = new LocalCache(join(tempDir('pingan-figures-'), 'cache.db'));
  cache.apply({ after: 0, through: drafts.length, events: stamp(drafts, 0) });
  return cache;
}

function figuresOf(cache: LocalCache, scope: string, now = NOW) {
  return computeFigures(cache.db, {
    scope,
    now: new Date(now),
    townships: TOWNSHIPS,
  });
}

/** The figures worked out plainly from the record, one definition at a time, for comparison. */
function expectedFigures(
  record: { incidents: Incident[]; points: MonitoringPoint[]; drafts: HubEventDraft[] },
  scope: string,
  now = NOW,
) {
  const incidents = record.incidents.filter((i) => i.jurisdictionCode.startsWith(scope));
  const open = incidents.filter((i) => i.stage !== 'closed');
  const chinaTime = (instant: string) => new Date(Date.parse(instant) + 8 * HOUR_MS);
  const chinaDate = (instant: string) => chinaTime(instant).toISOString().slice(0, 10);
  const chinaHour = (instant: string) => chinaTime(instant).getUTCHours();
  const today = chinaDate(now);
  const weekBefore = [1, 2, 3, 4, 5, 6, 7].map((n) =>
    chinaDate(new Date(Date.parse(now) - n * DAY_MS).toISOString()),
  );
  const hours = Array.from({ length: 24 }, (_, hour) => hour);
  const arrivedIn = (days: string[], hour: number) =>
    incidents.filter((i) => days.includes(chinaDate(i.createdAt)) && chinaHour(i.createdAt) === hour).length;
  const resolved = incidents.filter((i) => i.closure === 'followed-up' || i.closure === 'no-follow-up');
  const handled = resolved.filter(
    (i) => Date.parse(now) - Date.parse(i.stageEnteredAt.closed!) <= 30 * DAY_MS,
  );
  const verdicts = record.drafts.flatMap((d) =>
    d.type === 'incident.followed-up' && d.jurisdiction.startsWith(scope) ? [d.payload.satisfaction] : [],
  );
  const pleased = verdicts.filter((v) => v !== 'dissatisfied').length;
  const points = record.points.filter((p) => p.jurisdictionCode.startsWith(scope));
  const online = (list: MonitoringPoint[]) => list.filter((p) => p.status === 'online').length;
  // Every online point of the record asked of every place: a camera across a border sees all the same.
  const inView = (at: [number, number]) =>
    record.points.some((p) => p.status === 'online' && metresBetween(p.location, at) <= viewRangeOf(p));
  const tally = (seen: boolean[]) => {
    const covered = seen.filter(Boolean).length;
    return { covered, total: seen.length, rate: seen.length === 0 ? null : covered / seen.length };
  };
  const coverageOf = (code: string) => {
    const places = PLACES.filter((p) => p.jurisdictionCode.startsWith(code)).map((p) => inView(p.location));
    const roads = ROADS.filter((r) => r.jurisdictionCode.startsWith(code)).map((r) => inView(midpointOf(r)));
    return { places: tally(places), roads: tally(roads), overall: tally([...places, ...roads]) };
  };
  const townships = TOWNSHIPS.filter((t) => t.code.startsWith(scope) || scope.startsWith(t.code)).map((t) => {
    const inTownship = points.filter((p) => p.jurisdictionCode.startsWith(t.code));
    const rate = inTownship.length === 0 ? null : online(inTownship) / inTownship.length;
    return { ...t, online: online(inTownship), total: inTownship.length, rate, coverage: coverageOf(t.code) };
  });
  const cameras = points.filter((p) => p.kind === 'camera');
  return {
    open: {
      total: open.length,
      byStage: Object.fromEntries(
        TIMED_STAGES.map((stage) => [stage, open.filter((i) => i.stage === stage).length]),
      ),
      byRisk: {
        high: open.filter((i) => i.riskLevel === 'high').length,
        medium: open.filter((i) => i.riskLevel === 'medium').length,
        low: open.filter((i) => i.riskLevel === 'low').length,
        ungraded: open.filter((i) => i.riskLevel === null).length,
      },
    },
    arrivalsToday: hours.map((hour) => arrivedIn([today], hour)),
    arrivalsMean: hours.map((hour) => arrivedIn(weekBefore, hour) / 7),
    // Reported in the last 30 days and not dismissed; resolved once at least.
    kpiResolution: (() => {
      const recent = incidents.filter((i) => Date.parse(now) - Date.parse(i.createdAt) < 30 * DAY_MS);
      const taken = recent.filter((i) => i.closure !== 'dismissed');
      const wasResolved = new Set(
        record.drafts.flatMap((d) => (d.type === 'incident.resolved' ? [d.payload.incident.id] : [])),
      );
      const done = taken.filter((i) => wasResolved.has(i.id)).length;
      return { taken: taken.length, resolved: done, rate: taken.length === 0 ? null : done / taken.length };
    })(),
    capture: (() => {
      const disputes = incidents.filter(
        (i) => i.kind === 'dispute' && Date.parse(now) - Date.parse(i.createdAt) < 30 * DAY_MS,
      );
      const sensed = disputes.filter((i) =>
        ['grid-worker', 'sweep', 'camera-alarm'].includes(i.source),
      ).length;
      return {
        disputes: disputes.length,
        sensed,
        rate: disputes.length === 0 ? null : sensed / disputes.length,
      };
    })(),
    handledCount: handled.length,
    handlingHours:
      handled.reduce((sum, i) => sum + Date.parse(i.stageEnteredAt.closed!) - Date.parse(i.createdAt), 0) /
      handled.length /
      HOUR_MS,
    satisfaction: {
      satisfied: verdicts.filter((v) => v === 'satisfied').length,
      'basically-satisfied': verdicts.filter((v) => v === 'basically-satisfied').length,
      dissatisfied: verdicts.filter((v) => v === 'dissatisfied').length,
    },
    satisfiedShare: pleased / verdicts.length,
    overdue: open.filter((i) =>
      isOverdue(i, now, modeInForce([WARTIME_IN_TAIHE], i.jurisdictionCode), DEFAULT_SLA),
    ).length,
    toSupervise: open.filter((i) =>
      availableActions(i, 'commander', {
        at: now,
        mode: modeInForce([WARTIME_IN_TAIHE], i.jurisdictionCode),
        sla: DEFAULT_SLA,
      }).includes('issueSupervisionNotice'),
    ).length,
    online: online(points),
    total: points.length,
    townships,
    coverage: coverageOf(scope),
    health: { working: online(cameras), total: cameras.length },
  };
}

describe('the live figures of a jurisdiction', () => {
  const record = fixture();
  const cache = cacheWith(record.drafts);
  const figures = figuresOf(cache, COUNTY);
  const expected = expectedFigures(record, COUNTY);

  it('counts open incidents by stage and by risk, the ungraded apart', () => {
    expect(figures.open).toEqual(expected.open);
    expect(figures.open.total).toBe(8);
    expect(figures.open.byRisk).toEqual({ high: 1, medium: 3, low: 1, ungraded: 3 });
  });

  it('counts arrivals per hour of the day in China against the mean of the seven days before', () => {
    expect(figures.arrivals.today).toEqual(expected.arrivalsToday);
    expect(figures.arrivals.previousWeekMean).toEqual(expected.arrivalsMean);
    expect(figures.arrivals.currentHour).toBe(14);
    // Today: 02:20, 09:15, 11:00, 13:50. The week before: seven incidents, the one from eight days ago left out.
    expect(figures.arrivals.today.reduce((a, b) => a + b)).toBe(4);
    expect(figures.arrivals.previousWeekMean!.reduce((a, b) => a + b) * 7).toBeCloseTo(7);
    expect(figures.arrivals.previousWeekMean![23]).toBeCloseTo(1 / 7);
    expect(figures.arrivals.baselineDays).toBe(7);
  });

  it('compares today only with the days the log covers whole, and says when it covers none', () => {
    // The same record without its first ten days: the log now begins 2 days ago at 09:00.
    const since = Date.parse(cst(2, 9, 0));
    const recent = record.drafts.filter((draft) => Date.parse(draft.at) >= since);
    const short = figuresOf(cacheWith(recent), COUNTY);
    const yesterday = expectedFigures({ ...record, drafts: recent }, COUNTY);
    expect(short.arrivals.baselineDays).toBe(1);
    const arrivedYesterday = record.incidents.filter(
      (incident) =>
        Date.parse(incident.createdAt) >= Date.parse(cst(1, 0, 0)) &&
        Date.parse(incident.createdAt) < Date.parse(cst(0, 0, 0)),
    ).length;
    expect(short.arrivals.previousWeekMean!.reduce((a, b) => a + b)).toBe(arrivedYesterday);
    expect(short.arrivals.today).toEqual(yesterday.arrivalsToday);

    const todayOnly = record.drafts.filter((draft) => Date.parse(draft.at) >= Date.parse(cst(0, 0, 0)));
    const fresh = figuresOf(cacheWith(todayOnly), COUNTY);
    expect(fresh.arrivals).toMatchObject({ previousWeekMean: null, baselineDays: 0 });
  });

  it('gives the seed’s figures of the last 30 days from the log, with no stretch before it to compare', () => {
    const { current, previous, captureChange } = figures.kpis;
    expect(current.resolution).toEqual(expected.kpiResolution);
    expect(current.handling.closed).toBe(expected.handledCount);
    expect(current.handling.meanHours).toBeCloseTo(expected.handlingHours, 9);
    expect(current.handling.meanHours).toBeCloseTo((25.5 + 36 + 50 / 60 + 18.5) / 3, 9);
    // Of the five calls, the satisfied one 35 days ago is older than the stretch.
    expect(current.satisfaction).toEqual({ calls: 4, satisfied: 2, rate: 2 / 4 });
    expect(current.capture).toEqual(expected.capture);
    // The log began forty days ago: the 30 days before the last 30 are partly unknown.
    expect(previous).toBeNull();
    expect(captureChange).toBeNull();
    expect(figures.satisfaction.counts).toEqual(expected.satisfaction);
    expect(figures.satisfaction.counts).toEqual({ satisfied: 2, 'basically-satisfied': 1, dissatisfied: 2 });
    expect(figures.satisfaction.satisfiedShare).toBeCloseTo(expected.satisfiedShare, 12);
  });

  it('counts as overdue what is past the deadline of its stage under the mode in force', () => {
    expect(figures.overdue).toBe(expected.overdue);
    // xg-1, xg-8, th-3, th-4, and th-1 only because 太和 is on a war footing.
    expect(figures.overdue).toBe(5);
    // The alert to supervise counts only the overdue a notice can be issued on now, as the workspace offers it.
    expect(figures.toSupervise).toBe(expected.toSupervise);
    expect(figures.toSupervise).toBeLessThan(figures.overdue);
    // The same record without the switch to wartime: each incident's due time follows the mode in force.
    const peacetime = figuresOf(
      cacheWith(record.drafts.filter((draft) => draft.type !== 'mode.switched')),
      COUNTY,
    );
    expect(peacetime.overdue).toBe(4);
    // A minute later xg-2's 30 minutes of assessment have run out.
    expect(figuresOf(cache, COUNTY, addMinutes(NOW, 1)).overdue).toBe(6);
  });

  it('gives the online rate of every monitoring point and the coverage by township, worst first', () => {
    expect(figures.monitoring.online).toBe(expected.online);
    expect(figures.monitoring.total).toBe(expected.total);
    expect(figures.monitoring.rate).toBeCloseTo(3 / 7, 12);
    expect(figures.monitoring.townships.map(({ coverage: _, ...row }) => row)).toEqual([
      { code: MANJIANG, name: '满江街道', online: 0, total: 0, rate: null },
      { code: TAIHE, name: '太和街道', online: 1, total: 4, rate: 0.25 },
      { code: XIAGUAN, name: '下关街道', online: 2, total: 3, rate: 2 / 3 },
    ]);
    expect(new Set(figures.monitoring.townships)).toEqual(new Set(expected.townships));
  });

  it('gives beside the online rate the share of key places and roads in view of an online point, and camera health', () => {
    const { coverage, health, townships } = figures.monitoring;
    expect(coverage).toMatchObject(expected.coverage);
    expect(coverage.overall).toEqual({ covered: 2, total: 4, rate: 0.5 });
    expect(townships.find((t) => t.code === XIAGUAN)!.coverage.overall.rate).toBe(1);
    expect(townships.find((t) => t.code === TAIHE)!.coverage.overall.rate).toBe(0);
    expect(townships.find((t) => t.code === MANJIANG)!.coverage.overall).toEqual({
      covered: 0,
      total: 0,
      rate: null,
    });
    expect(health).toEqual({ ...expected.health, rate: 2 / 5, target: 0.98, meetsTarget: false });
    // Villages come named and least covered first.
    const withVillages = computeFigures(cache.db, {
      scope: COUNTY,
      now: new Date(NOW),
      townships: TOWNSHIPS,
      villages: [
        { code: '532901003001', name: '下关村' },
        { code: '532901004001', name: '太和村' },
      ],
    });
    expect(withVillages.monitoring.villages.map((v) => [v.name, v.coverage.overall.rate])).toEqual([
      ['太和村', 0],
      ['下关村', 1],
    ]);
  });

  it('works the coverage out again once a point changed and the refresh time has passed', () => {
    const fresh = cacheWith(record.drafts);
    const before = figuresOf(fresh, COUNTY);
    // 太和's fault camera, repaired and moved beside the market, now sees it.
    const repaired = statusChange({ ...record.points[5]!, location: east(990) }, 'online', cst(0, 14, 20));
    fresh.apply({
      after: fresh.cursor,
      through: fresh.cursor + 1,
      events: stamp([repaired.draft], fresh.cursor),
    });
    const soon = figuresOf(fresh, COUNTY, addMinutes(NOW, 0.2));
    expect(soon.monitoring.coverage).toEqual(before.monitoring.coverage);
    const later = figuresOf(fresh, COUNTY, addMinutes(NOW, 1));
    expect(later.monitoring.coverage.places).toEqual({ covered: 2, total: 2, rate: 1 });
    expect(later.monitoring.coverage.asOf).toBe(addMinutes(NOW, 1));
    expect(later.monitoring.health.working).toBe(before.monitoring.health.working + 1);
  });

  it('reads the coverage it saved when started again on an unchanged cache, and works it out again after a change', () => {
    const file = join(tempDir('pingan-figures-'), 'cache.db');
    const first = new LocalCache(file);
    first.apply({ after: 0, through: record.drafts.length, events: stamp(record.drafts, 0) });
    const before = figuresOf(first, COUNTY);
    const saved = () => first.db.prepare("SELECT value FROM sync_state WHERE key = 'coverage'").pluck();
    const { fingerprint } = JSON.parse(saved().get() as string) as { fingerprint: string };
    // What a second start reads is what was saved: marked here so the test can tell it from a fresh pass.
    const marked = { fingerprint, counts: [[XIAGUAN_GRID, { places: [7, 9], roads: [0, 0] }]], cameras: [] };
    first.db.prepare("UPDATE sync_state SET value = ? WHERE key = 'coverage'").run(JSON.stringify(marked));
    first.close();

    const second = new LocalCache(file);
    expect(figuresOf(second, COUNTY).monitoring.coverage.places).toEqual({
      covered: 7,
      total: 9,
      rate: 7 / 9,
    });
    second.close();

    for (const unreadable of ['{"fingerprint":', JSON.stringify({ ...marked, counts: 'all' })]) {
      const again = new LocalCache(file);
      again.db.prepare("UPDATE sync_state SET value = ? WHERE key = 'coverage'").run(unreadable);
      expect(figuresOf(again, COUNTY).monitoring.coverage).toEqual(before.monitoring.coverage);
      again.close();
    }

    const changed = new LocalCache(file);
    changed.db.prepare("UPDATE sync_state SET value = ? WHERE key = 'coverage'").run(JSON.stringify(marked));
    const repaired = statusChange({ ...record.points[5]!, location: east(990) }, 'online', cst(0, 14, 20));
    changed.apply({
      after: changed.cursor,
      through: changed.cursor + 1,
      events: stamp([repaired.draft], changed.cursor),
    });
    expect(figuresOf(changed, COUNTY).monitoring.coverage.places).toEqual({ covered: 2, total: 2, rate: 1 });
    changed.close();
  });

  it('narrows every figure to a scope', () => {
    const township = figuresOf(cache, XIAGUAN);
    const plain = expectedFigures(record, XIAGUAN);
    expect(township.scope).toBe(XIAGUAN);
    expect(township.open).toEqual(plain.open);
    expect(township.open.total).toBe(4);
    expect(township.arrivals.today).toEqual(plain.arrivalsToday);
    expect(township.arrivals.previousWeekMean).toEqual(plain.arrivalsMean);
    expect(township.kpis.current.resolution).toEqual(plain.kpiResolution);
    expect(township.kpis.current.handling.closed).toBe(plain.handledCount);
    expect(township.kpis.current.handling.meanHours).toBeCloseTo(plain.handlingHours, 9);
    expect(township.satisfaction.counts).toEqual(plain.satisfaction);
    expect(township.satisfaction.satisfiedShare).toBe(0.75);
    expect(township.overdue).toBe(plain.overdue);
    expect(township.overdue).toBe(2);
    expect(township.monitoring).toMatchObject({
      online: 2,
      total: 3,
      rate: 2 / 3,
      townships: [
        { code: XIAGUAN, name: '下关街道', online: 2, total: 3, rate: 2 / 3, coverage: plain.coverage },
      ],
      coverage: plain.coverage,
      health: { working: 1, total: 2, rate: 0.5, meetsTarget: false },
    });
    // A grid of 太和 holds only its own.
    const grid = figuresOf(cache, TAIHE_GRID);
    expect(grid.open.total).toBe(4);
    expect(grid.monitoring.townships.map((t) => t.code)).toEqual([TAIHE]);
  });

  it('has nothing to divide by in a jurisdiction without incidents or points', () => {
    const empty = figuresOf(cache, MANJIANG);
    expect(empty.open.total).toBe(0);
    expect(empty.kpis.current.resolution.rate).toBeNull();
    expect(empty.kpis.current.handling).toEqual({ closed: 0, meanHours: null });
    expect(empty.kpis.current.capture.rate).toBeNull();
    expect(empty.satisfaction.satisfiedShare).toBeNull();
    expect(empty.monitoring.rate).toBeNull();
  });
});

describe('figures over a changing cache', () => {
  it('follow new events, as a fresh reading of the same record would', () => {
    const record = fixture();
    const cache = cacheWith(record.drafts);
    figuresOf(cache, COUNTY);

    const camBack = statusChange(record.points[4]!, 'online', cst(0, 14, 0));
    const newcomer = play({ id: 'xg-9', grid: XIAGUAN_GRID, createdAt: cst(0, 14, 5), steps: [] });
    const dismissal = applyAction(record.incidents[0]!, close, {
      actor: COMMANDER,
      at: cst(0, 14, 10),
      mode: 'peacetime',
      sla: DEFAULT_SLA,
    });
    if (!dismissal.ok) throw new Error(dismissal.reason);
    const more = [camBack.draft, ...newcomer.drafts, ...dismissal.events];
    cache.apply({
      after: cache.cursor,
      through: cache.cursor + more.length,
      events: stamp(more, cache.cursor),
    });

    const changed = {
      incidents: [dismissal.incident, ...record.incidents.slice(1), newcomer.incident],
      points: record.points.map((p) => (p.id === camBack.changed.id ? camBack.changed : p)),
      drafts: [...record.drafts, ...more],
    };
    const after = figuresOf(cache, COUNTY);
    const plain = expectedFigures(changed, COUNTY);
    expect(after.open).toEqual(plain.open);
    expect(after.arrivals.today).toEqual(plain.arrivalsToday);
    expect(after.overdue).toBe(plain.overdue);
    expect(after.monitoring.online).toBe(plain.online);
    expect(after.monitoring.townships.find((t) => t.code === TAIHE)).toMatchObject({ online: 2, total: 4 });
  });

  it('follow a snapshot that replaced the state without events', () => {
    const record = fixture();
    const cache = cacheWith(record.drafts);
    const before = figuresOf(cache, COUNTY);

    // What the hub holds after events this cache never received: xg-3 resolved, a camera back online.
    const resolved = applyAction(record.incidents[2]!, resolve, {
      actor: COMMANDER,
      at: cst(0, 14, 0),
      mode: 'peacetime',
      sla: DEFAULT_SLA,
    });
    if (!resolved.ok) throw new Error(resolved.reason);
    const camBack = statusChange(record.points[1]!, 'online', cst(0, 14, 0)).changed;
    const rows = cache.db
      .prepare('SELECT kind, id, jurisdiction, version, doc FROM entities ORDER BY rowid')
      .all() as {
      kind: EntityState['kind'];
      id: string;
      jurisdiction: string;
      version: number;
      doc: string;
    }[];
    const entities: EntityState[] = rows.map((row) => {
      if (row.kind === 'incident' && row.id === resolved.incident.id) {
        return { ...row, version: resolved.incident.version, doc: resolved.incident };
      }
      if (row.kind === 'monitoring-point' && row.id === camBack.id) {
        return { ...row, version: row.version + 1, doc: camBack };
      }
      return { ...row, doc: JSON.parse(row.doc) as unknown };
    });
    cache.applySnapshot(cache.cursor + 10, entities);

    const after = figuresOf(cache, COUNTY);
    expect(after.open.byStage.resolve).toBe(before.open.byStage.resolve - 1);
    expect(after.open.byStage.followUp).toBe(before.open.byStage.followUp + 1);
    expect(after.monitoring.online).toBe(before.monitoring.online + 1);
  });
});
