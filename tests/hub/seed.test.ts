import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROAD_SEGMENT_MAX_METRES,
  ViewIndex,
  furthestLatitude,
  keyPlaceSchema,
  metresBetween,
  roadSegmentSchema,
  forceSchema,
  hubEventSchema,
  memberUnitSchema,
  monitoringPointSchema,
  type HubEvent,
} from '../../src/domain';
import { demoKeyPersonEvents } from '../../src/sim/seed/demo-key-persons';
import { generateInventory, type Inventory } from '../../src/sim/seed/inventory';
import { seedHub } from '../../src/cli/seed-demo';
import { openHubStore, type HubStore } from '../../src/hub/store';
import { readBoundaries, readJurisdictions } from '../../src/regions/store';

describe('the generated inventory', () => {
  let gulang: Inventory;
  beforeAll(() => {
    gulang = generateInventory('gulang');
  });

  it('is the same on every run', () => {
    expect(generateInventory('gulang')).toEqual(gulang);
  });

  it("has Dali's published totals exactly", () => {
    const dali = generateInventory('dali');
    const count = (predicate: (p: Inventory['points'][number]) => boolean) =>
      dali.points.filter(predicate).length;
    expect(count((p) => p.kind === 'camera')).toBe(140_000);
    expect(count((p) => p.kind === 'vehicle-checkpoint')).toBe(2561);
    expect(count((p) => p.kind === 'face-capture')).toBe(3951);
    const teams = dali.forces.filter((f) => f.kind === 'joint-defence-team');
    expect(teams).toHaveLength(826);
    expect(teams.reduce((sum, f) => sum + f.members, 0)).toBe(4287);
    const gridWorkers = dali.forces.filter((f) => f.kind === 'grid-worker');
    expect(gridWorkers.reduce((sum, f) => sum + f.members, 0)).toBe(19_000);
    const volunteers = dali.forces.filter((f) => f.kind === 'volunteer');
    expect(volunteers.reduce((sum, f) => sum + f.members, 0)).toBe(36_000);
    expect(dali.units.find((u) => u.id === 'unit-532901-police')?.name).toBe('大理市公安局');
    expect(dali.units.find((u) => u.id === 'unit-532922-justice-bureau')?.name).toBe('漾濞彝族自治县司法局');
  });

  it('has key places in their grids and roads cut into short segments, for the monitoring coverage', () => {
    const grids = new Map(readBoundaries('gulang', 'grid')!.features.map((f) => [f.properties.code, f]));
    const townships = readJurisdictions('gulang').filter((j) => j.level === 'township');
    const { places, roads } = gulang.coverage;
    // Each township's government, school, health centre and market; each village's committee.
    expect(places.filter((p) => p.id.endsWith('-government'))).toHaveLength(townships.length);
    expect(places.filter((p) => p.id.endsWith('-committee')).length).toBeGreaterThan(150);
    for (const place of places) {
      expect(keyPlaceSchema.safeParse(place).success).toBe(true);
      expect(booleanPointInPolygon(place.location, grids.get(place.jurisdictionCode)!.geometry)).toBe(true);
    }
    expect(new Set(roads.map((r) => r.jurisdictionCode)).size).toBe(grids.size);
    for (const road of roads) {
      expect(roadSegmentSchema.safeParse(road).success).toBe(true);
      expect(metresBetween(road.from, road.to)).toBeLessThanOrEqual(ROAD_SEGMENT_MAX_METRES + 1);
    }
    // Cameras stand where the spots are, so a good share of the spots are in view of one, though not all.
    const index = new ViewIndex(gulang.points, furthestLatitude(gulang.points.map((p) => p.location)));
    const seen = places.filter((p) => index.sees(p.location)).length / places.length;
    expect(seen).toBeGreaterThan(0.3);
    expect(seen).toBeLessThan(1);
  });

  it("keeps Gulang's own camera classes", () => {
    const byClass = [1, 2, 3].map((c) => gulang.points.filter((p) => p.cameraClass === c).length);
    expect(byClass).toEqual([1932, 1159, 3980]);
  });

  it('places every point inside its grid, and every point, force and unit is valid', () => {
    const grids = new Map(readBoundaries('gulang', 'grid')!.features.map((f) => [f.properties.code, f]));
    for (const point of gulang.points) {
      expect(monitoringPointSchema.safeParse(point).success).toBe(true);
      expect(booleanPointInPolygon(point.location, grids.get(point.jurisdictionCode)!.geometry)).toBe(true);
    }
    for (const force of gulang.forces) expect(forceSchema.safeParse(force).success).toBe(true);
    for (const unit of gulang.units) expect(memberUnitSchema.safeParse(unit).success).toBe(true);
    const online = gulang.points.filter((p) => p.status === 'online').length / gulang.points.length;
    expect(online).toBeGreaterThan(0.92);
    expect(online).toBeLessThan(0.96);
  });

  it('gives every entity a distinct id', () => {
    const ids = [...gulang.units, ...gulang.points, ...gulang.forces].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('the demonstration’s key persons', () => {
  it('are a handful of valid registrations in Dali villages, and none elsewhere', () => {
    const at = '2025-03-01T00:00:00.000Z';
    const events = demoKeyPersonEvents('dali', at).map((draft, index) =>
      hubEventSchema.parse({ ...draft, seq: index + 1, id: randomUUID() }),
    );
    expect(events.length).toBeGreaterThanOrEqual(5);
    const villages = new Set(
      readJurisdictions('dali')
        .filter((j) => j.level === 'village')
        .map((j) => j.code),
    );
    for (const event of events) {
      if (event.type !== 'key-person.registered') throw new Error(`unexpected ${event.type}`);
      expect(villages.has(event.jurisdiction)).toBe(true);
      expect(event.payload.person.name).toMatch(/^.某某$/);
    }
    expect(demoKeyPersonEvents('gulang', at)).toEqual([]);
  });
});

describe('seeding a hub', () => {
  let dir: string;
  let store: HubStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingan-seed-'));
    store = await openHubStore(`sqlite:${join(dir, 'hub.db')}`);
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers the whole inventory on an empty log, and nothing the second time', async () => {
    const inventory = generateInventory('gulang');
    const result = await seedHub(store, 'gulang');
    expect(result).toMatchObject({
      seeded: true,
      units: inventory.units.length,
      points: inventory.points.length,
      forces: inventory.forces.length,
    });
    expect((await store.entitiesInScope('', 'member-unit')).length).toBe(inventory.units.length);
    expect((await store.entitiesInScope('', 'monitoring-point')).length).toBe(inventory.points.length);
    expect((await store.entitiesInScope('', 'force')).length).toBe(inventory.forces.length);
    expect((await store.entitiesInScope('', 'key-place')).length).toBe(inventory.coverage.places.length);
    expect((await store.entitiesInScope('', 'road-segment')).length).toBe(inventory.coverage.roads.length);

    const head = await store.headSeq();
    expect(head).toBe(result.events);
    expect((await seedHub(store, 'gulang')).seeded).toBe(false);
    expect(await store.headSeq()).toBe(head);
  });

  it('registers grid-level things under their village, so village-scoped operators receive them', async () => {
    const events = await store.eventsBetween(0, Number.MAX_SAFE_INTEGER, '', 10_000);
    for (const event of events as unknown as HubEvent[]) {
      if (event.type === 'monitoring.registered') {
        expect(event.jurisdiction).toHaveLength(12);
        expect(event.payload.points.every((p) => p.jurisdictionCode.startsWith(event.jurisdiction))).toBe(
          true,
        );
      }
      if (event.type === 'forces.registered') {
        expect([9, 12]).toContain(event.jurisdiction.length);
        expect(event.payload.forces.every((f) => f.jurisdictionCode.startsWith(event.jurisdiction))).toBe(
          true,
        );
      }
    }
  });
});
