import {
  addChinaDays,
  chinaDayOf,
  chinaDayStart,
  CODE_LENGTH,
  HOUR_MS,
  pointAlongRoute,
  type Force,
  type HubEventDraft,
  type MonitoringPoint,
} from '../domain';
import { seededRandom } from '../regions/seeded-random';
import { COORDINATE_DECIMALS } from '../regions/store';
import { volunteerTurn } from './force-fleet';

const MINUTE_MS = 60_000;
/**
 * Patrols walk their beats from 08:00 to 22:00; the past keeps a fix every two hours of each, enough for a
 * replay to show them moving without doubling the history a fresh demo records.
 */
const PATROL_HOURS = [8, 22] as const;
const PATROL_FIX_EVERY_HOURS = 2;
const PATROL_KM_PER_HOUR = 4;
/** A few cameras go dark each day, for half an hour to four hours. */
const OUTAGES_PER_DAY = 24;
const OUTAGE_MINUTES = { min: 30, max: 240 };

export interface PastFieldRequest {
  seed: number;
  days: number;
  until: number;
  forces: readonly Force[];
  points: readonly MonitoringPoint[];
}

const round = (value: number) => Number(value.toFixed(COORDINATE_DECIMALS));
const iso = (ms: number) => new Date(ms).toISOString();

function moved(
  force: Force,
  at: number,
  [lng, lat]: readonly [number, number],
  onDuty?: boolean,
): HubEventDraft {
  return {
    type: 'force.moved',
    jurisdiction: force.jurisdictionCode,
    at: iso(at),
    payload: {
      forceId: force.id,
      position: { lng: round(lng), lat: round(lat), at: iso(at) },
      ...(onDuty === undefined ? {} : { onDuty }),
    },
  };
}

/** A patrol's hourly fixes along its beat on the day starting at `dayStart`. */
function patrolDay(force: Force, dayStart: number, until: number): HubEventDraft[] {
  const drafts: HubEventDraft[] = [];
  for (let hour = PATROL_HOURS[0]; hour <= PATROL_HOURS[1]; hour += PATROL_FIX_EVERY_HOURS) {
    const at = dayStart + hour * HOUR_MS;
    if (at > until) break;
    const km = PATROL_KM_PER_HOUR * (hour - PATROL_HOURS[0]);
    drafts.push(moved(force, at, pointAlongRoute(force.route!, km)));
  }
  return drafts;
}

/** A volunteer team reports in at the start of its turn and stands down at its end. */
function volunteerDay(force: Force, dayStart: number, until: number): HubEventDraft[] {
  const [from, to] = volunteerTurn(force.id);
  const at = force.position ? ([force.position.lng, force.position.lat] as const) : null;
  if (!at) return [];
  return [
    moved(force, dayStart + from * HOUR_MS, at, true),
    moved(force, dayStart + to * HOUR_MS, at, false),
  ].filter((draft) => Date.parse(draft.at) <= until);
}

/** The day's camera outages: each a point going offline and, unless the day ran out first, back online. */
function outagesOn(day: string, points: readonly MonitoringPoint[], seed: number, until: number) {
  const random = seededRandom(`history/${seed}/outages/${day}`);
  const dayStart = chinaDayStart(day);
  const drafts: HubEventDraft[] = [];
  for (let n = 0; n < OUTAGES_PER_DAY && points.length > 0; n += 1) {
    const point = points[Math.floor(random() * points.length)]!;
    const down = dayStart + Math.floor(random() * 22 * 60) * MINUTE_MS;
    const minutes = OUTAGE_MINUTES.min + Math.floor(random() * (OUTAGE_MINUTES.max - OUTAGE_MINUTES.min));
    const up = down + minutes * MINUTE_MS;
    if (down > until) continue;
    const dark: MonitoringPoint = { ...point, status: 'offline', statusAt: iso(down) };
    drafts.push({
      type: 'monitoring.status-changed',
      jurisdiction: point.jurisdictionCode,
      at: iso(down),
      payload: { point: dark, previousStatus: 'online' },
    });
    if (up > until) continue;
    drafts.push({
      type: 'monitoring.status-changed',
      jurisdiction: point.jurisdictionCode,
      at: iso(up),
      payload: { point: { ...point, status: 'online', statusAt: iso(up) }, previousStatus: 'offline' },
    });
  }
  return drafts;
}

/**
 * The field's past days beside the incidents': the patrols walking their beats, the volunteers' turns on duty,
 * and cameras going dark and coming back, so a replay of a past shift shows the forces moving and the outages.
 */
export function pastFieldEvents(request: PastFieldRequest): HubEventDraft[] {
  const today = chinaDayOf(request.until);
  const patrols = request.forces.filter((force) => force.kind === 'patrol-team' && force.route);
  // One volunteer team per township (its first village's) keeps its turns in the past, for the same reason.
  const seen = new Set<string>();
  const volunteers = request.forces.filter((force) => {
    const township = force.jurisdictionCode.slice(0, CODE_LENGTH.township);
    if (force.kind !== 'volunteer' || seen.has(township)) return false;
    seen.add(township);
    return true;
  });
  const cameras = request.points.filter((point) => point.status === 'online');
  const drafts: HubEventDraft[] = [];
  for (let back = request.days; back >= 1; back -= 1) {
    const day = addChinaDays(today, -back);
    const dayStart = chinaDayStart(day);
    for (const force of patrols) drafts.push(...patrolDay(force, dayStart, request.until));
    for (const force of volunteers) drafts.push(...volunteerDay(force, dayStart, request.until));
    drafts.push(...outagesOn(day, cameras, request.seed, request.until));
  }
  return drafts;
}
