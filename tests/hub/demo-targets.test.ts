import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hubEventSchema, isInspectionOverdue, type Target } from '../../src/domain';
import { demoTargetEvents } from '../../src/sim/seed/demo-targets';
import { RegionShapes } from '../../src/sim/seed/shapes';
import { readJurisdictions } from '../../src/regions/store';

describe('the demonstration’s dangerous objects and sensitive places', () => {
  const at = '2025-03-01T00:00:00.000Z';

  it.each(['dali', 'gulang'])(
    'are valid registrations in every county of %s, the same each time',
    (region) => {
      const drafts = demoTargetEvents(region, at);
      expect(demoTargetEvents(region, at)).toEqual(drafts);
      const targets: Target[] = drafts.map((draft, index) => {
        const event = hubEventSchema.parse({ ...draft, seq: index + 1, id: randomUUID() });
        if (event.type !== 'target.registered') throw new Error(`unexpected ${event.type}`);
        return event.payload.target;
      });
      const counties = readJurisdictions(region).filter((j) => j.level === 'county');
      const shapes = new RegionShapes(region, ['village']);
      for (const county of counties) {
        const own = targets.filter((target) => target.jurisdictionCode.startsWith(county.code));
        expect(own.filter((target) => target.kind === 'sensitive-place').length).toBeGreaterThanOrEqual(3);
        const objects = own.filter((target) => target.kind === 'dangerous-object');
        expect(objects.length).toBeGreaterThanOrEqual(2);
        // One store per county is past its inspection, so the risk list has something to show.
        expect(objects.filter((object) => isInspectionOverdue(object, Date.parse(at))).length).toBe(1);
      }
      for (const target of targets) {
        expect(shapes.contains(target.jurisdictionCode, [target.location.lng, target.location.lat])).toBe(
          true,
        );
      }
      expect(new Set(targets.map((target) => `${target.kind}/${target.id}`)).size).toBe(targets.length);
    },
  );
});
