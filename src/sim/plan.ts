import {
  chinaMinuteOfDay,
  type IncidentCategory,
  type IncidentKind,
  type IncidentSource,
  type Jurisdiction,
  type LngLat,
  type MemberUnitKind,
  type Mode,
  type NewIncident,
  type Reporter,
  type RiskLevel,
} from '../domain';
import { memberUnitId } from './seed/member-units';
import { distanceKm } from '../domain/geo';
import { placeNameOfVillage } from '../regions/names';
import { seededRandom, type Random } from '../regions/seeded-random';
import {
  CAMERA_ALARMS,
  DAILY_CATEGORIES,
  EARTHQUAKE_CATEGORIES,
  titleFor,
  type CategoryProfile,
} from './catalogue';
import { chance, exponential, pick, pickWeighted, poisson, weightedIndexPicker } from './draw';
import { REPORT_DISTANCE_SCALE_KM, REPORT_RADIUS_KM, YANGBI_EARTHQUAKE } from './earthquake';
import { reporterFor } from './people';
import { simRegion, type SimRegion } from './region-model';
import { hourlyRate, isNight } from './rhythm';
import { scriptFor, type Step } from './script';

export type Scenario = 'normal' | 'earthquake';
export type Channel = 'report' | 'hotline' | 'alarm';

/** An incident as it will reach the hub, and the life the centre will give it once it has an id. */
export interface PlannedIncident {
  /** Unique within the run: the day and the arrival's rank in it. */
  key: string;
  channel: Channel;
  source: IncidentSource;
  kind: IncidentKind;
  category: IncidentCategory;
  title: string;
  description: string;
  /** The grid it happened in. */
  jurisdictionCode: string;
  location: LngLat;
  address: string;
  reporter: Reporter | null;
  /** The camera that raised it, for an alarm. */
  pointId: string | null;
  script: Step[];
}

/** The incident a planned one becomes once it is opened under `id`, as the hub opens a report. */
export function newIncidentOf(planned: PlannedIncident, id: string): NewIncident {
  return {
    id,
    kind: planned.kind,
    category: planned.category,
    title: planned.title,
    description: planned.description,
    jurisdictionCode: planned.jurisdictionCode,
    location: planned.location,
    address: planned.address,
    reporter: planned.reporter,
    source: planned.source,
    monitoringPointId: planned.pointId,
  };
}

export type PlanItem =
  | { at: number; type: 'incident'; incident: PlannedIncident }
  | { at: number; type: 'switch-mode'; key: string; jurisdictionCode: string; mode: Mode; reason: string }
  | { at: number; type: 'earthquake'; epicentre: LngLat; magnitude: number };

/** One simulated day: `at` counts simulated seconds from the start of the run, which begins at `startMinuteOfDay`. */
export interface DayPlan {
  regionId: string;
  seed: number;
  scenario: Scenario;
  day: number;
  startMinuteOfDay: number;
  items: PlanItem[];
}

export const DAY_SECONDS = 86_400;
/** Reports and hotline tickets a day for every village, and camera alarms: a lively but plausible centre. */
const REPORTS_PER_VILLAGE_PER_DAY = 0.2;
const ALARMS_PER_VILLAGE_PER_DAY = 0.03;
/** Reports in the six hours after the earthquake, per village of the region (Dali: about 140). */
const EARTHQUAKE_REPORTS_PER_VILLAGE = 0.12;
const EARTHQUAKE_REPORT_MEAN_DELAY = 50 * 60;
const EARTHQUAKE_REPORT_WINDOW = 6 * 3600;
const WARTIME_SWITCH_DELAY = 6 * 60;
/** A normal plan asked for without a start runs from the beginning of the working day. */
const NORMAL_PLAN_START_MINUTE = 8 * 60;

/**
 * A normal run starts at the China time of day it is started at (`now`), so that the day's rhythm of arrivals
 * falls on the hours it belongs to; the earthquake run starts shortly before the shock.
 */
export function startMinuteOfDay(scenario: Scenario, now: number): number {
  return scenario === 'earthquake' ? YANGBI_EARTHQUAKE.minuteOfDay - 18 : chinaMinuteOfDay(now);
}

const RISK_MIX: Record<Mode, readonly (readonly [RiskLevel, number])[]> = {
  peacetime: [
    ['high', 0.12],
    ['medium', 0.38],
    ['low', 0.5],
  ],
  wartime: [
    ['high', 0.45],
    ['medium', 0.4],
    ['low', 0.15],
  ],
};

type FieldSource = 'grid-worker' | 'citizen-qr' | 'hotline';

/** By day grid workers find most of it; at night people ring the hotline or scan the QR code. */
function fieldSource(random: Random, hour: number): FieldSource {
  return isNight(hour)
    ? pickWeighted<FieldSource>(random, [
        ['grid-worker', 0.1],
        ['citizen-qr', 0.3],
        ['hotline', 0.6],
      ])
    : pickWeighted<FieldSource>(random, [
        ['grid-worker', 0.5],
        ['citizen-qr', 0.2],
        ['hotline', 0.3],
      ]);
}

const SOURCE_PHRASES: Record<IncidentSource, string> = {
  'grid-worker': '网格员巡查发现',
  'citizen-qr': '群众扫码上报',
  hotline: '12345热线来电反映',
  'camera-alarm': '视频监控智能分析告警',
  sweep: '矛盾纠纷排查发现',
};

function unitsFor(random: Random, profile: CategoryProfile, grid: Jurisdiction): string[] {
  const kinds = profile.units.slice(0, profile.units.length > 1 && chance(random, 0.4) ? 2 : 1);
  return kinds.map((kind: MemberUnitKind) =>
    kind === 'township-government'
      ? memberUnitId(grid.code.slice(0, 9), kind)
      : memberUnitId(grid.code.slice(0, 6), kind),
  );
}

interface Placed {
  grid: Jurisdiction;
  location: LngLat;
  place: string;
  address: string;
}

function placeIn(region: SimRegion, grid: Jurisdiction, random: Random): Placed | null {
  const location = region.randomPlaceIn(grid.code, random);
  if (!location) return null;
  const village = region.tree.get(grid.parentCode!)!;
  const township = region.tree.get(village.parentCode!)!;
  return { grid, location, place: placeNameOfVillage(village.name), address: `${township.name}${grid.name}` };
}

/** One of the grid's workers mediates a dispute; a case is handled by its units. */
function resolverFor(random: Random, region: SimRegion, kind: IncidentKind, gridCode: string): string | null {
  const roll = region.gridWorkers(gridCode);
  return kind === 'dispute' && roll.length > 0 ? pick(random, roll) : null;
}

function fieldIncident(
  random: Random,
  region: SimRegion,
  placed: Placed,
  profile: CategoryProfile,
  hour: number,
  mode: Mode,
): Omit<PlannedIncident, 'key'> {
  const source = fieldSource(random, hour);
  const reporter = reporterFor(source, random);
  const title = titleFor(pick(random, profile.titles), placed.place);
  return {
    channel: source === 'hotline' ? 'hotline' : 'report',
    source,
    kind: profile.kind,
    category: profile.category,
    title,
    description: `${SOURCE_PHRASES[source]}：${title}，请中心研判处置。`,
    jurisdictionCode: placed.grid.code,
    location: placed.location,
    address: placed.address,
    reporter,
    pointId: null,
    script: scriptFor(random, {
      riskLevel: pickWeighted(random, RISK_MIX[mode]),
      unitIds: unitsFor(random, profile, placed.grid),
      summary: pick(random, profile.summaries),
      resolver: resolverFor(random, region, profile.kind, placed.grid.code),
      canCallBack: reporter?.phone !== undefined,
      fromCamera: false,
      mode,
    }),
  };
}

function alarmIncident(random: Random, region: SimRegion): Omit<PlannedIncident, 'key'> {
  const camera = pick(random, region.cameras);
  const alarm = pick(random, CAMERA_ALARMS);
  const profile = DAILY_CATEGORIES.find((p) => p.category === alarm.category)!;
  const grid = region.tree.get(camera.jurisdictionCode)!;
  return {
    channel: 'alarm',
    source: 'camera-alarm',
    kind: 'case',
    category: alarm.category,
    title: `${camera.name}：${alarm.title}`,
    description: `${SOURCE_PHRASES['camera-alarm']}：${alarm.title}，请值班员调阅视频核实。`,
    jurisdictionCode: camera.jurisdictionCode,
    location: camera.location,
    address: camera.name,
    reporter: null,
    pointId: camera.id,
    script: scriptFor(random, {
      riskLevel: pickWeighted(random, RISK_MIX.peacetime),
      unitIds: unitsFor(random, profile, grid),
      summary: pick(random, profile.summaries),
      resolver: null,
      canCallBack: false,
      fromCamera: true,
      mode: 'peacetime',
    }),
  };
}

type Unkeyed =
  | { at: number; type: 'incident'; incident: Omit<PlannedIncident, 'key'> }
  | Exclude<PlanItem, { type: 'incident' }>;

/** Reports and alarms of an ordinary day, hour by hour following the daily rhythm. */
function dailyArrivals(region: SimRegion, random: Random, day: number, startMinute: number): Unkeyed[] {
  const villages = region.tree.villages.length;
  const items: Unkeyed[] = [];
  const categories = DAILY_CATEGORIES.map((p) => [p, p.weight] as const);
  for (let slot = 0; slot < 24; slot += 1) {
    const slotStart = day * DAY_SECONDS + slot * 3600;
    const hour = Math.floor((startMinute + slot * 60) / 60) % 24;
    const rate = hourlyRate(hour) / 24;
    for (let n = poisson(random, villages * REPORTS_PER_VILLAGE_PER_DAY * rate); n > 0; n -= 1) {
      const placed = placeIn(region, region.randomGrid(random), random);
      if (!placed) continue;
      const incident = fieldIncident(
        random,
        region,
        placed,
        pickWeighted(random, categories),
        hour,
        'peacetime',
      );
      items.push({ at: slotStart + Math.floor(random() * 3600), type: 'incident', incident });
    }
    for (let n = poisson(random, villages * ALARMS_PER_VILLAGE_PER_DAY * rate); n > 0; n -= 1) {
      items.push({
        at: slotStart + Math.floor(random() * 3600),
        type: 'incident',
        incident: alarmIncident(random, region),
      });
    }
  }
  return items;
}

/** The shock, the wartime switch a few minutes later, and a burst of reports concentrated near the epicentre. */
function earthquakeItems(region: SimRegion, random: Random, startMinute: number): Unkeyed[] {
  if (!region.tree.get(YANGBI_EARTHQUAKE.countyCode)) {
    throw new Error(
      `the earthquake scenario takes place in Yangbi (漾濞, ${YANGBI_EARTHQUAKE.countyCode}), which is not in region ${region.regionId}; use --region dali`,
    );
  }
  const quakeAt = (YANGBI_EARTHQUAKE.minuteOfDay - startMinute) * 60;
  const { epicentre } = YANGBI_EARTHQUAKE;
  const items: Unkeyed[] = [
    { at: quakeAt, type: 'earthquake', epicentre, magnitude: YANGBI_EARTHQUAKE.magnitude },
    {
      at: quakeAt + WARTIME_SWITCH_DELAY,
      type: 'switch-mode',
      key: 'wartime',
      jurisdictionCode: region.tree.root.code,
      mode: 'wartime',
      reason: '漾濞县发生6.4级地震，启动战时指挥机制：力量集结、合署办公、每日研判调度通报',
    },
  ];
  const nearby = region.tree.grids.map((grid) => {
    const distance = distanceKm(region.shapes.centre(grid.code), epicentre);
    return distance > REPORT_RADIUS_KM ? 0 : Math.exp(-distance / REPORT_DISTANCE_SCALE_KM);
  });
  const pickGrid = weightedIndexPicker(nearby);
  const categories = EARTHQUAKE_CATEGORIES.map((p) => [p, p.weight] as const);
  const count = Math.round(region.tree.villages.length * EARTHQUAKE_REPORTS_PER_VILLAGE);
  for (let n = 0; n < count; n += 1) {
    const delay = Math.min(EARTHQUAKE_REPORT_WINDOW, exponential(random, EARTHQUAKE_REPORT_MEAN_DELAY));
    const placed = placeIn(region, region.tree.grids[pickGrid(random)]!, random);
    if (!placed) continue;
    const at = quakeAt + 60 + Math.floor(delay);
    const hour = Math.floor((startMinute * 60 + at) / 3600) % 24;
    const incident = fieldIncident(random, region, placed, pickWeighted(random, categories), hour, 'wartime');
    items.push({ at, type: 'incident', incident });
  }
  return items;
}

/**
 * What happens on day `day` of a run: the same region, seed and scenario always give the same plan, so a
 * run can be replayed; the hub's answers (ids, refusals) are all that differ between runs.
 */
export function planDay(
  regionId: string,
  seed: number,
  scenario: Scenario = 'normal',
  day = 0,
  regionsDir?: string,
  startMinute = scenario === 'earthquake' ? startMinuteOfDay(scenario, 0) : NORMAL_PLAN_START_MINUTE,
): DayPlan {
  const region = simRegion(regionId, regionsDir);
  const random = seededRandom(`plan/${regionId}/${seed}/${scenario}/${day}`);
  const items = dailyArrivals(region, random, day, startMinute);
  if (scenario === 'earthquake' && day === 0) items.push(...earthquakeItems(region, random, startMinute));
  items.sort((a, b) => a.at - b.at);
  return {
    regionId,
    seed,
    scenario,
    day,
    startMinuteOfDay: startMinute,
    items: items.map((item, rank) =>
      item.type === 'incident' ? { ...item, incident: { key: `${day}-${rank}`, ...item.incident } } : item,
    ),
  };
}
