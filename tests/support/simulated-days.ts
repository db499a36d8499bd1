import {
  DEFAULT_SLA,
  addChinaDays,
  applyAction,
  chinaDayStart,
  modeInForce,
  openIncident,
  type ChinaDay,
  type HubEvent,
  type HubEventDraft,
  type Incident,
  type IncidentCategory,
  type IncidentSource,
  type LifecycleAction,
  type MemberUnit,
  type ModeState,
  type Operator,
  type Order,
  type RiskLevel,
  type Satisfaction,
} from '../../src/domain';
import { seededRandom, type Random } from '../../src/regions/seeded-random';
import { drawDifficulty } from '../../src/sim/difficulty-mix';
import { between, chance, pick } from '../../src/sim/draw';

/**
 * Days of a county's log, made up from a seed by playing each incident through the domain's own lifecycle,
 * with the truth kept beside the events: every state each incident passed through and when. Reports built
 * from the events are checked against figures worked out from that truth, not from the log.
 *
 * What the subsidy by case needs (kinds, village-level filings, difficulty grades, second resolutions) is drawn
 * from a second random source, and who filed a report from a third, so that adding them left every other draw,
 * and so each earlier log, as it was.
 */
export const COUNTY = '532901';
export const XIAGUAN = '532901003';
export const TAIHE = '532901004';
const GRIDS = ['532901003001001', '532901003002001', '532901004001001', '532901004003002'];
const CATEGORIES: IncidentCategory[] = [
  'neighbourhood',
  'land-and-forest',
  'marriage-and-family',
  'labour-wages',
];
const RISKS: RiskLevel[] = ['high', 'medium', 'medium', 'low', 'low', 'low'];
const SATISFACTIONS: Satisfaction[] = ['satisfied', 'satisfied', 'basically-satisfied', 'dissatisfied'];
/** Who filed a report that no camera raised: a grid worker's patrol, a sweep, or the public. */
const FIELD_SOURCES: IncidentSource[] = ['grid-worker', 'grid-worker', 'sweep', 'citizen-qr', 'hotline'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const UNITS: MemberUnit[] = [
  { id: 'unit-police', name: '下关派出所', kind: 'police', jurisdictionCode: XIAGUAN },
  { id: 'unit-justice', name: '司法所', kind: 'justice-bureau', jurisdictionCode: COUNTY },
  { id: 'unit-labour', name: '人社局', kind: 'human-resources', jurisdictionCode: COUNTY },
  { id: 'unit-taihe', name: '太和街道办', kind: 'township-government', jurisdictionCode: TAIHE },
];

const COMMANDER: Operator = {
  id: 'commander-1',
  name: '值班指挥长',
  role: 'commander',
  jurisdictionCode: COUNTY,
};

/** One state an incident passed through: what was done, when, and the incident after it. */
export interface Step {
  at: number;
  action: LifecycleAction['type'] | 'open';
  incident: Incident;
  /** The orders as they stood after this step, by unit. */
  orders: ReadonlyMap<string, Order>;
}

export interface SimulatedDays {
  events: HubEvent[];
  histories: Step[][];
  /** The wartime switch of 太和街道 on the last day. */
  wartime: ModeState;
  lastDay: ChinaDay;
  /** The instant of the log's first event: the units registered the evening before the first day. */
  startsAt: number;
}

function playIncident(
  random: Random,
  grading: Random,
  sourcing: Random,
  n: number,
  createdAt: number,
  until: number,
  wartime: ModeState,
): { steps: Step[]; drafts: HubEventDraft[] } {
  const grid = pick(random, GRIDS);
  const camera = chance(random, 0.2);
  const kind = chance(grading, 0.15) ? 'case' : 'dispute';
  // Some reports are filed against the village rather than one of its grids.
  const place = chance(grading, 0.1) ? grid.slice(0, 12) : grid;
  const opened = openIncident(
    {
      id: `sim-${String(n).padStart(4, '0')}`,
      kind,
      category: pick(random, CATEGORIES),
      title: `模拟事件 ${n}`,
      description: '',
      jurisdictionCode: place,
      location: [100.2 + random() * 0.1, 25.6 + random() * 0.1],
      address: '大理市',
      reporter: camera ? null : { name: '李某', phone: '13800000000' },
      source: camera ? 'camera-alarm' : pick(sourcing, FIELD_SOURCES),
      monitoringPointId: camera ? 'cam-1' : null,
    },
    new Date(createdAt).toISOString(),
  );
  const steps: Step[] = [{ at: createdAt, action: 'open', incident: opened.incident, orders: new Map() }];
  const drafts = [...opened.events];
  let at = createdAt;
  let orders = new Map<string, Order>();

  const act = (delay: number, action: LifecycleAction): boolean => {
    at += delay;
    if (at > until) return false;
    const incident = steps.at(-1)!.incident;
    const modes = at >= Date.parse(wartime.since) ? [wartime] : [];
    const result = applyAction(incident, action, {
      actor: COMMANDER,
      at: new Date(at).toISOString(),
      mode: modeInForce(modes, incident.jurisdictionCode),
      sla: DEFAULT_SLA,
    });
    if (!result.ok) throw new Error(`${incident.id} ${action.type}: ${result.reason}`);
    orders = new Map(orders);
    for (const event of result.events) {
      if (event.type === 'incident.assigned')
        for (const order of event.payload.orders) orders.set(order.unitId, order);
      if (event.type === 'order.acknowledged') {
        const order = orders.get(event.payload.unitId)!;
        orders.set(order.unitId, { ...order, acknowledgement: event.payload.acknowledgement });
      }
    }
    steps.push({ at, action: action.type, incident: result.incident, orders });
    drafts.push(...result.events);
    return true;
  };

  if (camera && !act(between(random, 5, 90) * MINUTE, { type: 'report' })) return { steps, drafts };
  if (chance(random, 0.1)) return { steps, drafts }; // never graded
  if (!act(between(random, 5, 300) * MINUTE, { type: 'assess', riskLevel: pick(random, RISKS) }))
    return { steps, drafts };
  if (chance(random, 0.1)) return { steps, drafts }; // graded, never assigned
  const unitIds = chance(random, 0.3) ? [pick(random, UNITS).id, 'unit-justice'] : [pick(random, UNITS).id];
  const assignAt = at;
  if (
    !act(between(random, 10, 200) * MINUTE, {
      type: 'assign',
      unitIds: [...new Set(unitIds)],
      deadline: new Date(assignAt + between(random, 1, 4) * 24 * HOUR).toISOString(),
    })
  )
    return { steps, drafts };
  for (const unitId of new Set(unitIds)) {
    if (chance(random, 0.15)) continue; // this unit never reports in
    if (!act(between(random, 5, 150) * MINUTE, { type: 'acknowledge', unitId })) return { steps, drafts };
  }
  // Still being handled, or no unit has reported in to handle it.
  if (chance(random, 0.25) || steps.at(-1)!.incident.stage !== 'resolve') return { steps, drafts };
  if (
    chance(random, 0.15) &&
    !act(between(random, 1, 12) * HOUR, { type: 'escalate', reason: '涉及多部门需协调' })
  )
    return { steps, drafts };
  const resolve = (): LifecycleAction => {
    const { kind, riskLevel } = steps.at(-1)!.incident;
    // Disputes are graded for their subsidy; cases are left ungraded, as they may be.
    return kind === 'dispute'
      ? { type: 'resolve', summary: '调解成功', difficulty: drawDifficulty(grading, riskLevel!) }
      : { type: 'resolve', summary: '依法办结完毕' };
  };
  if (!act(between(random, 4, 60) * HOUR, resolve())) return { steps, drafts };
  act(between(random, 1, 10) * HOUR, {
    type: 'recordFollowUp',
    satisfaction: pick(random, SATISFACTIONS),
    note: '电话回访',
  });
  // A dissatisfied reporter reopens it; most are resolved a second time and called back again.
  if (steps.at(-1)!.incident.stage !== 'resolve' || chance(grading, 0.3)) return { steps, drafts };
  if (!act(between(grading, 2, 48) * HOUR, resolve())) return { steps, drafts };
  act(between(grading, 1, 10) * HOUR, {
    type: 'recordFollowUp',
    satisfaction: 'satisfied',
    note: '再次回访',
  });
  return { steps, drafts };
}

/**
 * `days` days ending with `lastDay`, about 30 incidents a day; 太和街道 goes to wartime at 10:00 on the last
 * day. Nothing happens after the last day's end.
 */
export function simulateDays(seed: string, lastDay: ChinaDay, days: number): SimulatedDays {
  const random = seededRandom(seed);
  const grading = seededRandom(`${seed}/grading`);
  const sourcing = seededRandom(`${seed}/sourcing`);
  const firstStart = chinaDayStart(addChinaDays(lastDay, 1 - days));
  const until = chinaDayStart(addChinaDays(lastDay, 1)) - 1;
  const startsAt = firstStart - HOUR;
  const wartime: ModeState = {
    jurisdictionCode: TAIHE,
    mode: 'wartime',
    since: new Date(chinaDayStart(lastDay) + 10 * HOUR).toISOString(),
    reason: '暴雨山洪应急响应',
    switchedBy: COMMANDER.id,
  };
  const drafts: HubEventDraft[] = [
    {
      type: 'units.registered',
      jurisdiction: COUNTY,
      at: new Date(startsAt).toISOString(),
      payload: { units: UNITS },
    },
    {
      type: 'mode.switched',
      jurisdiction: TAIHE,
      at: wartime.since,
      payload: { state: wartime, previous: 'peacetime' },
    },
  ];
  const histories: Step[][] = [];
  const count = days * 30;
  for (let n = 0; n < count; n += 1) {
    const createdAt = Math.floor(firstStart + random() * (until - firstStart));
    const played = playIncident(random, grading, sourcing, n, createdAt, until, wartime);
    histories.push(played.steps);
    drafts.push(...played.drafts);
  }
  drafts.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const events = drafts.map((draft, i) => ({ ...draft, seq: i + 1, id: `event-${i + 1}` }) as HubEvent);
  return { events, histories, wartime, lastDay, startsAt };
}
