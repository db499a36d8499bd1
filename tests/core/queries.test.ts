import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalCache } from '../../src/core/cache/local-cache';
import { CacheQueries } from '../../src/core/cache/queries';
import type { HubEvent, MonitoringPoint } from '../../src/domain';
import { COUNTY, NEIGHBOURING_COUNTY, incidentIn } from '../domain/fixtures';
import { tempDir } from './support/core-harness';
import { queueOver } from './support/queue-cache';

const AT = '2026-11-26T08:00:00.000Z';
const VILLAGE_A = '532901003001';
const VILLAGE_B = '532922100001';

function camera(
  id: string,
  village: string,
  location: [number, number],
  status: MonitoringPoint['status'] = 'online',
): MonitoringPoint {
  return {
    id,
    name: id,
    kind: 'camera',
    cameraClass: 1,
    jurisdictionCode: village,
    location,
    status,
    statusAt: AT,
  };
}

function cacheWithCameras() {
  const cache = new LocalCache(join(tempDir(), 'cache.db'));
  const points = [
    camera('near', VILLAGE_A, [100.2, 25.6]),
    camera('nearer', VILLAGE_A, [100.201, 25.6001], 'offline'),
    camera('far', VILLAGE_A, [100.5, 25.9]),
    camera('other-county', VILLAGE_B, [99.9, 25.7]),
  ];
  const event: HubEvent = {
    seq: 1,
    id: '00000000-0000-4000-8000-000000000001',
    type: 'monitoring.registered',
    jurisdiction: VILLAGE_A,
    at: AT,
    payload: { points },
  };
  cache.apply({ after: 0, through: 1, events: [event] });
  return { cache, queries: new CacheQueries(cache.db) };
}

/** The far camera reports a fault: the second event of the cache `cacheWithCameras` made. */
function farCameraFaults(cache: LocalCache) {
  return cache.apply({
    after: 1,
    through: 2,
    events: [
      {
        seq: 2,
        id: '00000000-0000-4000-8000-000000000002',
        type: 'monitoring.status-changed',
        jurisdiction: VILLAGE_A,
        at: AT,
        payload: { point: camera('far', VILLAGE_A, [100.5, 25.9], 'fault'), previousStatus: 'online' },
      },
    ],
  });
}

describe('questions the interface asks of the cache', () => {
  it('finds the nearest cameras to a point, nearest first, with distances in metres', () => {
    const { queries } = cacheWithCameras();
    const nearest = queries.nearest('monitoring-point', [100.2005, 25.6], 2);
    expect(nearest.map((p) => p.id)).toEqual(['near', 'nearer']);
    expect(nearest[0]!.distanceMeters).toBeGreaterThan(30);
    expect(nearest[0]!.distanceMeters).toBeLessThan(80);
  });

  it('lists what lies inside a viewport only', () => {
    const { queries } = cacheWithCameras();
    expect(
      queries
        .inBox('monitoring-point', [100.1, 25.5, 100.3, 25.7], 100)
        .map((p) => p.id)
        .sort(),
    ).toEqual(['near', 'nearer']);
  });

  it('gives map features in columns, limited to a scope, and names the ids it does not have', () => {
    const { queries } = cacheWithCameras();
    const all = queries.mapFeatures('monitoring-point', '532901');
    expect(all.ids.sort()).toEqual(['far', 'near', 'nearer']);
    const some = queries.mapFeatures('monitoring-point', '5329', ['nearer', 'gone']);
    expect(some.ids).toEqual(['nearer']);
    expect(some.coordinates).toEqual([100.201, 25.6001]);
    expect(some.properties.status).toEqual(['offline']);
    expect(some.properties.cameraClass).toEqual([1]);
    expect(some.missing).toEqual(['gone']);
  });

  it('keeps a point’s map columns as its document stands after a change, and pages them', () => {
    const { cache, queries } = cacheWithCameras();
    expect(queries.counts().monitoringByStatus).toEqual({ online: 3, offline: 1 });
    farCameraFaults(cache);
    expect(queries.counts().monitoringByStatus).toEqual({ online: 2, offline: 1, fault: 1 });
    const far = queries.mapFeatures('monitoring-point', '532901', ['far']);
    expect(far).toMatchObject({
      ids: ['far'],
      coordinates: [100.5, 25.9],
      properties: {
        pointKind: ['camera'],
        cameraClass: [1],
        status: ['fault'],
        name: ['far'],
        jurisdictionCode: [VILLAGE_A],
      },
    });
    const first = queries.mapFeatures('monitoring-point', '5329', undefined, { after: 0, limit: 3 });
    const rest = queries.mapFeatures('monitoring-point', '5329', undefined, { after: first.next!, limit: 3 });
    expect([first.ids.length, rest.ids.length, rest.next]).toEqual([3, 1, null]);
    expect([...first.ids, ...rest.ids].sort()).toEqual(['far', 'near', 'nearer', 'other-county']);
  });

  it('gives the wall the open incidents of a scope through the index, and a closed one only when asked by id', () => {
    const { cache } = queueOver([
      { ...incidentIn('assign'), id: 'open' },
      { ...incidentIn('followUp'), id: 'following-up' },
      { ...incidentIn('closed'), id: 'closed' },
      { ...incidentIn('assign'), id: 'next-door', jurisdictionCode: `${NEIGHBOURING_COUNTY}001001` },
    ]);
    const queries = new CacheQueries(cache.db, cache.personal);
    const wall = queries.mapFeatures('incident', COUNTY);
    expect(wall.ids.sort()).toEqual(['following-up', 'open']);
    expect(wall.properties.stage).toHaveLength(2);
    const changed = queries.mapFeatures('incident', COUNTY, ['closed', 'next-door']);
    expect(changed.ids).toEqual(['closed']);
    expect(changed.properties.stage).toEqual(['closed']);
    expect(changed.missing).toEqual(['next-door']);
  });

  it('gives the same features a page at a time, each page starting after the cursor the last one gave', () => {
    const open = Array.from({ length: 7 }, (_, n) => ({ ...incidentIn('assign'), id: `open-${n}` }));
    const { cache } = queueOver([...open, { ...incidentIn('closed'), id: 'closed' }]);
    const queries = new CacheQueries(cache.db, cache.personal);
    const pages = [];
    for (let after = 0, page; after !== null; after = page.next!) {
      page = queries.mapFeatures('incident', COUNTY, undefined, { after, limit: 3 });
      pages.push(page);
    }
    expect(pages.map((page) => page.ids.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap((page) => page.ids).sort()).toEqual(
      queries.mapFeatures('incident', COUNTY).ids.sort(),
    );
    expect(pages.flatMap((page) => page.coordinates)).toHaveLength(14);
    // A page that ends exactly at the last feature says so on the next ask, which is empty.
    const exact = queries.mapFeatures('incident', COUNTY, undefined, { after: 0, limit: 7 });
    expect(exact.next).not.toBeNull();
    expect(
      queries.mapFeatures('incident', COUNTY, undefined, { after: exact.next!, limit: 7 }),
    ).toMatchObject({
      ids: [],
      next: null,
    });
  });

  it('reports which ids each applied batch changed', () => {
    const { cache } = cacheWithCameras();
    const result = farCameraFaults(cache);
    expect(result).toMatchObject({ kind: 'applied', changedIds: { 'monitoring-point': ['far'] } });
  });
});
