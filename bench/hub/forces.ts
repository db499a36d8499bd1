import { FORCE_KINDS, FORCE_KIND_LABELS, type Force, type HubEventDraft } from '../../src/domain';
import type { LngLat } from './dali';

/** `count` forces spread over the region's villages, the same ones on every run. */
export function benchForces(count: number, villages: readonly string[]): Force[] {
  return Array.from({ length: count }, (_, i): Force => {
    const kind = FORCE_KINDS[i % FORCE_KINDS.length]!;
    return {
      id: `bench-force-${i + 1}`,
      kind,
      name: `${FORCE_KIND_LABELS[kind].zh}${i + 1}`,
      jurisdictionCode: villages[i % villages.length]!,
      members: 1 + (i % 5),
      position: null,
    };
  });
}

/** One `forces.registered` event per village, as the hub's seed registers them. */
export function registrationDrafts(forces: readonly Force[], at: string): HubEventDraft[] {
  const byVillage = new Map<string, Force[]>();
  for (const force of forces) {
    const group = byVillage.get(force.jurisdictionCode);
    if (group) group.push(force);
    else byVillage.set(force.jurisdictionCode, [force]);
  }
  return [...byVillage].map(([village, villageForces]) => ({
    type: 'forces.registered',
    jurisdiction: village,
    at,
    payload: { forces: villageForces },
  }));
}

export interface Movement {
  force: Force;
  lngLat: LngLat;
}

/** The n-th movement of the benchmark: forces and points taken in turn. */
export function movement(forces: readonly Force[], points: readonly LngLat[], n: number): Movement {
  return { force: forces[n % forces.length]!, lngLat: points[n % points.length]! };
}

export function movementDrafts(
  forces: readonly Force[],
  points: readonly LngLat[],
  first: number,
  count: number,
  at: string,
): HubEventDraft[] {
  return Array.from({ length: count }, (_, i) => {
    const { force, lngLat } = movement(forces, points, first + i);
    return {
      type: 'force.moved',
      jurisdiction: force.jurisdictionCode,
      at,
      payload: { forceId: force.id, position: { lng: lngLat[0], lat: lngLat[1], at } },
    };
  });
}
