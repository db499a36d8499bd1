import { describe, expect, it } from 'vitest';
import { pointAlongRoute, routeLengthKm, type LngLat } from '../../src/domain';
import { ForceFleet, volunteerTurn, type PositionFix } from '../../src/sim/force-fleet';
import { simRegion } from '../../src/sim/region-model';

const region = simRegion('dali');
const STEP = 5 * 60;

/** A day of five-minute steps from midnight: the fixes of each step with the hour it fell in. */
function day(fleet: ForceFleet): { hour: number; fixes: PositionFix[] }[] {
  return Array.from({ length: (24 * 3600) / STEP }, (_, k) => {
    const hour = Math.floor((k * STEP) / 3600);
    return { hour, fixes: fleet.step(k, k * STEP, STEP, hour) };
  });
}

const steps = day(new ForceFleet(region, 'fleet-test'));
const forces = new Map(region.inventory.forces.map((force) => [force.id, force]));
const fixesOf = (kind: string) =>
  steps.flatMap(({ hour, fixes }) =>
    fixes.filter((fix) => forces.get(fix.forceId)!.kind === kind).map((fix) => ({ hour, ...fix })),
  );

/** Distance in km from a point to the nearest of a closed route's legs, sampled every 10 m. */
function offRouteKm(route: readonly LngLat[], [lng, lat]: LngLat): number {
  let best = Infinity;
  for (let km = 0; km <= routeLengthKm(route); km += 0.01) {
    const [x, y] = pointAlongRoute(route, km);
    best = Math.min(best, Math.hypot((x - lng) * 100.5, (y - lat) * 111.32));
  }
  return best;
}

describe('patrol teams', () => {
  it('exist, one per township, each with a beat of its own', () => {
    const patrols = region.inventory.forces.filter((force) => force.kind === 'patrol-team');
    expect(patrols.length).toBe(112);
    for (const patrol of patrols) expect(patrol.route?.length).toBeGreaterThanOrEqual(2);
  });

  it('report only between 08:00 and 22:00, every fix on their beat, and move along it', () => {
    const fixes = fixesOf('patrol-team');
    expect(fixes.length).toBeGreaterThan(112 * 14 * 3);
    for (const fix of fixes) expect(fix.hour >= 8 && fix.hour < 22, `hour ${fix.hour}`).toBe(true);
    for (const fix of fixes.slice(0, 200)) {
      const route = forces.get(fix.forceId)!.route!;
      expect(offRouteKm(route, [fix.lng, fix.lat])).toBeLessThan(0.02);
    }
    const one = fixes.filter((fix) => fix.forceId === fixes[0]!.forceId);
    expect(new Set(one.map((fix) => `${fix.lng},${fix.lat}`)).size).toBeGreaterThan(5);
  });

  it('walk the same beat for the same seed', () => {
    expect(day(new ForceFleet(region, 'fleet-test'))).toEqual(steps);
  });
});

describe('volunteers', () => {
  it('report only on their turn, saying they are on duty, and stand down once with a last fix', () => {
    const fixes = fixesOf('volunteer');
    expect(fixes.length).toBeGreaterThan(1000);
    for (const fix of fixes) {
      const [from, to] = volunteerTurn(fix.forceId);
      if (fix.onDuty) expect(fix.hour >= from && fix.hour < to).toBe(true);
      else expect(fix.hour).toBe(to);
    }
    const byForce = new Map<string, typeof fixes>();
    for (const fix of fixes) byForce.set(fix.forceId, [...(byForce.get(fix.forceId) ?? []), fix]);
    for (const own of [...byForce.values()].slice(0, 50)) {
      expect(own.filter((fix) => fix.onDuty === false)).toHaveLength(1);
      expect(own.at(-1)!.onDuty).toBe(false);
    }
  });

  it('are off duty until they report in', () => {
    for (const force of region.inventory.forces.filter((f) => f.kind === 'volunteer').slice(0, 100))
      expect(force.onDuty).toBe(false);
  });
});
