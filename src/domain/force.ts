import { z } from 'zod';
import { latitudeSchema, lngLatSchema, longitudeSchema, type LngLat } from './geo';
import { jurisdictionCodeSchema } from './jurisdiction';
import { isoDateTimeSchema, toMillis } from './time';

/** The people on the ground: grid workers, patrol teams, red-armband volunteers and joint-defence teams. */
export const FORCE_KINDS = ['grid-worker', 'patrol-team', 'volunteer', 'joint-defence-team'] as const;
export type ForceKind = (typeof FORCE_KINDS)[number];

export const FORCE_KIND_LABELS: Record<ForceKind, { zh: string; en: string }> = {
  'grid-worker': { zh: '网格员', en: 'Grid worker' },
  'patrol-team': { zh: '巡逻队', en: 'Patrol team' },
  volunteer: { zh: '红袖标志愿者', en: 'Red-armband volunteer' },
  'joint-defence-team': { zh: '联防队', en: 'Joint-defence team' },
};

/** A last known fix: positions age, so the time travels with the coordinates. */
export const forcePositionSchema = z.object({
  lng: longitudeSchema,
  lat: latitudeSchema,
  at: isoDateTimeSchema,
});
export type ForcePosition = z.infer<typeof forcePositionSchema>;

export const forceSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(FORCE_KINDS),
  name: z.string().min(1),
  jurisdictionCode: jurisdictionCodeSchema,
  members: z.number().int().positive(),
  /** A grid's workers by name (its roll), one per member; absent for forces that keep no roll. */
  memberNames: z.array(z.string().min(1)).optional(),
  /** Null until the force has reported a position. */
  position: forcePositionSchema.nullable(),
  /** A patrol team's beat: the loop it walks, point to point and back to the first. */
  route: z.array(lngLatSchema).min(2).max(50).optional(),
  /**
   * Volunteers go on and off duty and say so with their fixes; absent for the forces whose duty is read from how
   * recent their last fix is.
   */
  onDuty: z.boolean().optional(),
});
export type Force = z.infer<typeof forceSchema>;

/** A force whose last fix is older than this is not counted as out on the ground. */
export const ACTIVE_WITHIN_MS = 15 * 60_000;

/**
 * 在岗: a force that says whether it is on duty (volunteers) is on duty when it last said so; any other force is
 * when its last fix is recent.
 */
export function isOnDuty(force: Force, now: number): boolean {
  if (force.onDuty !== undefined) return force.onDuty;
  return force.position !== null && toMillis(force.position.at) >= now - ACTIVE_WITHIN_MS;
}

const KM_PER_DEGREE_LAT = 111.32;

function legKm([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
  const kmPerDegreeLng = KM_PER_DEGREE_LAT * Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180);
  return Math.hypot((lng2 - lng1) * kmPerDegreeLng, (lat2 - lat1) * KM_PER_DEGREE_LAT);
}

/** The length of a closed route, in km. */
export function routeLengthKm(route: readonly LngLat[]): number {
  return route.reduce((sum, point, i) => sum + legKm(point, route[(i + 1) % route.length]!), 0);
}

/** Where a patrol is after walking `km` around its closed route from the first point. */
export function pointAlongRoute(route: readonly LngLat[], km: number): LngLat {
  const total = routeLengthKm(route);
  if (total === 0) return route[0]!;
  let left = ((km % total) + total) % total;
  for (let i = 0; i < route.length; i += 1) {
    const from = route[i]!;
    const to = route[(i + 1) % route.length]!;
    const leg = legKm(from, to);
    if (left <= leg) {
      const f = leg === 0 ? 0 : left / leg;
      return [from[0] + (to[0] - from[0]) * f, from[1] + (to[1] - from[1]) * f];
    }
    left -= leg;
  }
  return route[0]!;
}
