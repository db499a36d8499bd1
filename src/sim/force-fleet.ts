import { pointAlongRoute, type Force, type ForceKind, type LngLat } from '../domain';
import { COORDINATE_DECIMALS } from '../regions/store';
import { distanceKm } from '../domain/geo';
import { hashSeed, seededRandom, type Random } from '../regions/seeded-random';
import { chance } from './draw';
import { CONVERGENCE_RADIUS_KM } from './earthquake';
import type { SimRegion } from './region-model';

export interface PositionFix {
  forceId: string;
  lng: number;
  lat: number;
  /** Volunteers only: true while on duty, false on the fix they stand down with. */
  onDuty?: boolean;
}

/** How each kind of force moves and reports on an ordinary day. */
interface Habit {
  /** Hours of the day it is out (start inclusive, end exclusive, may wrap past midnight). */
  onDuty: readonly [number, number];
  reportEverySeconds: number;
  kmPerHour: number;
}

/** Grid workers walk their grids by day; joint-defence teams patrol their townships in the evening. */
const HABITS: Partial<Record<ForceKind, Habit>> = {
  'grid-worker': { onDuty: [8, 18], reportEverySeconds: 20 * 60, kmPerHour: 3 },
  'joint-defence-team': { onDuty: [19, 2], reportEverySeconds: 10 * 60, kmPerHour: 5 },
  'patrol-team': { onDuty: [8, 22], reportEverySeconds: 10 * 60, kmPerHour: 4 },
};

/** Red-armband volunteers take a morning or an afternoon turn, the team's by its id: the same every day. */
const VOLUNTEER_TURNS: readonly (readonly [number, number])[] = [
  [7, 12],
  [14, 19],
];
const VOLUNTEER_REPORT_EVERY_SECONDS = 15 * 60;
const VOLUNTEER_KM_PER_HOUR = 2;

export function volunteerTurn(forceId: string): readonly [number, number] {
  return VOLUNTEER_TURNS[hashSeed(forceId) % VOLUNTEER_TURNS.length]!;
}

/** Heading for the epicentre: teams drive, grid workers and volunteers nearby go on foot or by bike. */
const CONVERGING_KM_PER_HOUR: Record<ForceKind, number> = {
  'joint-defence-team': 25,
  'patrol-team': 25,
  'grid-worker': 6,
  volunteer: 5,
};
const CONVERGING_REPORT_EVERY_SECONDS = 5 * 60;
/** Only people close by go in on foot; teams come from further. */
const LOCAL_RESPONSE_KM = 15;
const ASSEMBLY_AREA_KM = 3;
const ARRIVED_KM = 1;
/** A random walk between two fixes never strays further than this, however long ago the last fix was. */
const MAX_WANDER_KM = 2;

interface Mover {
  force: Force;
  position: LngLat;
  lastFixAt: number;
  target: LngLat | null;
  /** Volunteers: whether the team last said it was on duty. */
  onDuty: boolean;
}

function onDuty([start, end]: readonly [number, number], hour: number): boolean {
  return start < end ? hour >= start && hour < end : hour >= start || hour < end;
}

function round(value: number): number {
  return Number(value.toFixed(COORDINATE_DECIMALS));
}

/** A patrol's place after walking `km` of its beat, rounded as fixes are. */
function onRoute(route: readonly LngLat[], km: number): LngLat {
  const [lng, lat] = pointAlongRoute(route, km);
  return [round(lng), round(lat)];
}

/** `km` from `from`, bearing `angle` (radians from east): near enough on the scale of a township. */
function offset([lng, lat]: LngLat, km: number, angle: number): LngLat {
  const kmPerDegreeLat = 111.32;
  const kmPerDegreeLng = kmPerDegreeLat * Math.cos((lat * Math.PI) / 180);
  return [
    round(lng + (km * Math.cos(angle)) / kmPerDegreeLng),
    round(lat + (km * Math.sin(angle)) / kmPerDegreeLat),
  ];
}

/**
 * Where the forces are: grid workers and patrols moving about their own areas while on duty, and after the
 * earthquake everyone nearby heading for the epicentre. Fixes stay inside the region, as the hub requires.
 */
export class ForceFleet {
  private readonly movers: Mover[];

  constructor(
    private readonly region: SimRegion,
    private readonly seedLabel: string,
  ) {
    this.movers = region.inventory.forces.map((force) => ({
      force,
      position: force.position
        ? [force.position.lng, force.position.lat]
        : region.shapes.centre(force.jurisdictionCode),
      lastFixAt: 0,
      target: null,
      onDuty: force.onDuty ?? false,
    }));
  }

  /** The fixes reported in step `k`, which starts at simulated second `startsAt`, lasts `seconds`, in hour `hour`. */
  step(k: number, startsAt: number, seconds: number, hour: number): PositionFix[] {
    const random = seededRandom(`${this.seedLabel}/forces/${k}`);
    const fixes: PositionFix[] = [];
    for (const mover of this.movers) {
      if (mover.force.kind === 'volunteer' && !mover.target) {
        const fix = this.volunteerStep(mover, startsAt, seconds, hour, random);
        if (fix) fixes.push(fix);
        continue;
      }
      const habit = HABITS[mover.force.kind];
      const every = mover.target ? CONVERGING_REPORT_EVERY_SECONDS : habit?.reportEverySeconds;
      if (every === undefined || (!mover.target && !onDuty(habit!.onDuty, hour))) continue;
      if (!chance(random, Math.min(1, seconds / every))) continue;
      const elapsedHours = (startsAt + seconds - mover.lastFixAt) / 3600;
      mover.position = mover.target
        ? this.towardTarget(mover, elapsedHours, random)
        : mover.force.route
          ? onRoute(mover.force.route, habit!.kmPerHour * ((startsAt + seconds) / 3600))
          : this.wander(mover, Math.min(MAX_WANDER_KM, habit!.kmPerHour * elapsedHours), random);
      mover.lastFixAt = startsAt + seconds;
      // A start on a sliver of the area outside the region's outline is not reported until it moves in.
      if (!this.region.insideRegion(mover.position)) continue;
      fixes.push({ forceId: mover.force.id, lng: mover.position[0], lat: mover.position[1] });
    }
    return fixes;
  }

  /**
   * A volunteer team on its turn reports now and then, saying it is on duty; the first step after its turn it
   * stands down with a last fix; off its turn it says nothing.
   */
  private volunteerStep(
    mover: Mover,
    startsAt: number,
    seconds: number,
    hour: number,
    random: Random,
  ): PositionFix | null {
    const onTurn = onDuty(volunteerTurn(mover.force.id), hour);
    if (!onTurn && !mover.onDuty) return null;
    if (onTurn && mover.onDuty && !chance(random, Math.min(1, seconds / VOLUNTEER_REPORT_EVERY_SECONDS)))
      return null;
    const elapsedHours = (startsAt + seconds - mover.lastFixAt) / 3600;
    mover.position = this.wander(
      mover,
      Math.min(MAX_WANDER_KM, VOLUNTEER_KM_PER_HOUR * elapsedHours),
      random,
    );
    mover.lastFixAt = startsAt + seconds;
    mover.onDuty = onTurn;
    if (!this.region.insideRegion(mover.position)) return null;
    return { forceId: mover.force.id, lng: mover.position[0], lat: mover.position[1], onDuty: onTurn };
  }

  /** Sends the forces near the epicentre there: teams from across the area, people on foot from close by. */
  converge(epicentre: LngLat, seed: string): number {
    const random = seededRandom(`${this.seedLabel}/converge/${seed}`);
    let heading = 0;
    for (const mover of this.movers) {
      const distance = distanceKm(mover.position, epicentre);
      const reach = mover.force.kind === 'joint-defence-team' ? CONVERGENCE_RADIUS_KM : LOCAL_RESPONSE_KM;
      if (distance > reach) continue;
      mover.target = this.assemblyPoint(epicentre, random);
      heading += 1;
    }
    return heading;
  }

  private assemblyPoint(epicentre: LngLat, random: Random): LngLat {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const point = offset(epicentre, random() * ASSEMBLY_AREA_KM, random() * 2 * Math.PI);
      if (this.region.insideRegion(point)) return point;
    }
    return epicentre;
  }

  private towardTarget(mover: Mover, elapsedHours: number, random: Random): LngLat {
    const target = mover.target!;
    const remaining = distanceKm(mover.position, target);
    if (remaining <= ARRIVED_KM) return this.wander(mover, Math.min(0.3, remaining + 0.1), random, false);
    const travel = Math.min(remaining, CONVERGING_KM_PER_HOUR[mover.force.kind] * elapsedHours);
    const fraction = travel / remaining;
    const next: LngLat = [
      round(mover.position[0] + (target[0] - mover.position[0]) * fraction),
      round(mover.position[1] + (target[1] - mover.position[1]) * fraction),
    ];
    return this.region.insideRegion(next) ? next : mover.position;
  }

  /** A step in a random direction that stays in the force's own area (and the region); else it stays put. */
  private wander(mover: Mover, km: number, random: Random, keepToArea = true): LngLat {
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const next = offset(mover.position, km / (attempt + 1), random() * 2 * Math.PI);
      const inArea = !keepToArea || this.region.shapes.contains(mover.force.jurisdictionCode, next);
      if (inArea && this.region.insideRegion(next)) return next;
    }
    return mover.position;
  }
}
