import { describe, expect, it } from 'vitest';
import {
  CAMERA_HEALTH_TARGET,
  ViewIndex,
  cameraHealthOf,
  coverageCounts,
  coverageWithin,
  furthestLatitude,
  keyPlaceSchema,
  metresBetween,
  midpointOf,
  roadSegmentSchema,
  viewRangeOf,
  type KeyPlace,
  type LngLat,
  type RoadSegment,
  type ViewPoint,
} from '../../src/domain';
import { seededRandom } from '../../src/regions/seeded-random';

const VILLAGES = ['532901003001', '532901003002', '532901004001'];

/** Points, places and roads scattered over a few square kilometres near Dali, dense enough to be both seen and missed. */
function randomRegion(seed: string) {
  const random = seededRandom(seed);
  const near = (): LngLat => [100.2 + random() * 0.03, 25.6 + random() * 0.03];
  const points: ViewPoint[] = Array.from({ length: 300 }, () => {
    const roll = random();
    const kind = roll < 0.8 ? 'camera' : roll < 0.9 ? 'vehicle-checkpoint' : 'face-capture';
    return {
      kind,
      cameraClass: kind === 'camera' ? ((1 + Math.floor(random() * 3)) as 1 | 2 | 3) : null,
      location: near(),
      status: random() < 0.9 ? 'online' : random() < 0.5 ? 'offline' : 'fault',
    };
  });
  const code = () => `${VILLAGES[Math.floor(random() * VILLAGES.length)]!}${random() < 0.5 ? '001' : ''}`;
  const places: KeyPlace[] = Array.from({ length: 400 }, (_, n) => ({
    id: `place-${n}`,
    name: `重点部位${n}`,
    kind: 'school',
    jurisdictionCode: code(),
    location: near(),
  }));
  const roads: RoadSegment[] = Array.from({ length: 400 }, (_, n) => {
    const from = near();
    return {
      id: `road-${n}`,
      name: `村道${n}`,
      jurisdictionCode: code(),
      from,
      to: [from[0] + (random() - 0.5) * 0.004, from[1] + (random() - 0.5) * 0.004],
    };
  });
  return { points, places, roads };
}

/** Every point asked of every place: what the index must agree with. */
function bruteForceSees(points: readonly ViewPoint[], at: LngLat): boolean {
  return points.some((p) => p.status === 'online' && metresBetween(p.location, at) <= viewRangeOf(p));
}

describe('monitoring coverage', () => {
  it.each(['a', 'b', 'c'])('agrees with every point asked of every place (random region %s)', (seed) => {
    const { points, places, roads } = randomRegion(`coverage/${seed}`);
    const index = new ViewIndex(points, furthestLatitude(points.map((p) => p.location)));
    const targets = [...places.map((p) => p.location), ...roads.map(midpointOf)];
    const seen = targets.map((at) => index.sees(at));
    expect(seen).toEqual(targets.map((at) => bruteForceSees(points, at)));
    // Both answers occur, so the comparison means something.
    expect(seen.filter(Boolean).length).toBeGreaterThan(50);
    expect(seen.filter((s) => !s).length).toBeGreaterThan(50);

    const counts = coverageCounts({ places, roads }, index);
    for (const code of ['', '532901003', '532901004', ...VILLAGES, `${VILLAGES[0]!}001`]) {
      const row = coverageWithin(counts, code);
      const mine = (at: string) => at.startsWith(code);
      const placesIn = places.filter((p) => mine(p.jurisdictionCode));
      const roadsIn = roads.filter((r) => mine(r.jurisdictionCode));
      const coveredPlaces = placesIn.filter((p) => bruteForceSees(points, p.location)).length;
      const coveredRoads = roadsIn.filter((r) => bruteForceSees(points, midpointOf(r))).length;
      expect(row.places).toEqual({
        covered: coveredPlaces,
        total: placesIn.length,
        rate: coveredPlaces / placesIn.length,
      });
      expect(row.roads.covered).toBe(coveredRoads);
      expect(row.overall.rate).toBeCloseTo(
        (coveredPlaces + coveredRoads) / (placesIn.length + roadsIn.length),
        12,
      );
    }
    expect(coverageWithin(counts, '532901005').overall).toEqual({ covered: 0, total: 0, rate: null });
  });

  it('counts only online points, each at the range of its class', () => {
    const place: LngLat = [100.25, 25.6];
    const east = (metres: number): LngLat => [
      place[0] + metres / (111_320 * Math.cos((place[1] * Math.PI) / 180)),
      place[1],
    ];
    const camera = (
      cameraClass: 1 | 2 | 3,
      metres: number,
      status: ViewPoint['status'] = 'online',
    ): ViewPoint => ({
      kind: 'camera',
      cameraClass,
      location: east(metres),
      status,
    });
    const sees = (point: ViewPoint) => new ViewIndex([point], 25.6).sees(place);
    expect(sees(camera(1, 149))).toBe(true);
    expect(sees(camera(1, 151))).toBe(false);
    expect(sees(camera(2, 99))).toBe(true);
    expect(sees(camera(2, 101))).toBe(false);
    expect(sees(camera(3, 59))).toBe(true);
    expect(sees(camera(3, 61))).toBe(false);
    expect(sees(camera(1, 10, 'offline'))).toBe(false);
    expect(sees(camera(1, 10, 'fault'))).toBe(false);
    expect(sees({ kind: 'face-capture', cameraClass: null, location: east(29), status: 'online' })).toBe(
      true,
    );
    expect(
      sees({ kind: 'vehicle-checkpoint', cameraClass: null, location: east(51), status: 'online' }),
    ).toBe(false);
  });

  it('holds camera health to the 98% key-area target', () => {
    expect(CAMERA_HEALTH_TARGET).toBe(0.98);
    expect(cameraHealthOf(98, 100)).toMatchObject({ rate: 0.98, meetsTarget: true });
    expect(cameraHealthOf(97, 100)).toMatchObject({ rate: 0.97, meetsTarget: false });
    expect(cameraHealthOf(0, 0)).toMatchObject({ rate: null, meetsTarget: null });
  });

  it.each([
    [{ id: 'p', name: '学校', kind: 'school', jurisdictionCode: '532901', location: [100, 25] }, 'village'],
    [
      { id: 'p', name: '学校', kind: 'stadium', jurisdictionCode: '532901003001', location: [100, 25] },
      'kind',
    ],
    [{ id: '', name: '学校', kind: 'school', jurisdictionCode: '532901003001', location: [100, 25] }, 'id'],
  ])('refuses a bad key place %j, naming what is wrong', (place, field) => {
    const result = keyPlaceSchema.safeParse(place);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error!.issues)).toContain(field);
  });

  it('refuses a road segment without both ends', () => {
    expect(
      roadSegmentSchema.safeParse({
        id: 'r',
        name: '村道',
        jurisdictionCode: '532901003001',
        from: [100, 25],
      }).success,
    ).toBe(false);
  });
});
