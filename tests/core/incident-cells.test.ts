import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalCache } from '../../src/core/cache/local-cache';
import { POSITION_SCALE, cellX, cellY, cellZoomFor } from '../../src/core/cache/projections/incident-cells';
import { CacheQueries } from '../../src/core/cache/queries';
import { chinaDayStart, HOUR_MS, type HubEvent, type Operator } from '../../src/domain';
import { pastDays } from '../../src/sim/history';
import { testRandom } from '../support/test-seed';
import { tempDir } from './support/core-harness';

const actor: Operator = { id: 'sim', name: '模拟指挥长', role: 'commander', jurisdictionCode: '5329' };
const until = chinaDayStart('2026-03-10') + 15 * HOUR_MS;
const SCOPES = ['', '5329', '532901', '532901003', '532923'];
/** Views of Dali: the whole prefecture, a county seat, a town's streets, and one that crosses the prefecture's edge. */
const VIEWS: { zoom: number; bbox: [number, number, number, number] }[] = [
  { zoom: 6.4, bbox: [98, 24, 102, 28] },
  { zoom: 9, bbox: [100.0, 25.4, 100.5, 25.9] },
  { zoom: 12.5, bbox: [100.15, 25.55, 100.3, 25.65] },
  { zoom: 16, bbox: [99.5, 25.0, 101, 26.5] },
];

const byPlace = (a: { lng: number; lat: number }, b: { lng: number; lat: number }) =>
  a.lng - b.lng || a.lat - b.lat;

/** The clusters of a view worked out plainly: every open incident the wall would load, grouped by cell. */
function fromScratch(queries: CacheQueries, scope: string, zoom: number, bbox: readonly number[]) {
  const features = queries.mapFeatures('incident', scope);
  const cellZoom = cellZoomFor(zoom);
  const [west, south, east, north] = bbox as [number, number, number, number];
  const [x0, x1, y0, y1] = [
    cellX(west, cellZoom),
    cellX(east, cellZoom),
    cellY(north, cellZoom),
    cellY(south, cellZoom),
  ];
  const cells = new Map<
    string,
    { lng: number; lat: number; count: number; high: number; medium: number; low: number }
  >();
  features.ids.forEach((_, i) => {
    const [lng, lat] = [features.coordinates[2 * i]!, features.coordinates[2 * i + 1]!];
    const [x, y] = [cellX(lng, cellZoom), cellY(lat, cellZoom)];
    if (x < x0 || x > x1 || y < y0 || y > y1) return;
    const cell = cells.get(`${x}/${y}`) ?? { lng: 0, lat: 0, count: 0, high: 0, medium: 0, low: 0 };
    const risk = features.properties.riskLevel![i];
    cell.lng += Math.round(lng * POSITION_SCALE);
    cell.lat += Math.round(lat * POSITION_SCALE);
    cell.count += 1;
    if (risk === 'high' || risk === 'medium' || risk === 'low') cell[risk] += 1;
    cells.set(`${x}/${y}`, cell);
  });
  return {
    total: queries.mapFeatures('incident', scope).ids.length,
    cells: [...cells.values()].map((cell) => ({
      ...cell,
      lng: cell.lng / cell.count / POSITION_SCALE,
      lat: cell.lat / cell.count / POSITION_SCALE,
    })),
  };
}

function kept(queries: CacheQueries, scope: string, zoom: number, bbox: readonly number[]) {
  const answer = queries.incidentCells(scope, zoom, bbox);
  return { total: answer.total, cells: answer.cells };
}

describe('the map cells of open incidents, kept as the cache applies events', () => {
  it('equal the open incidents clustered from scratch after every batch of a long random log', () => {
    const { random } = testRandom('map cells kept as the cache applies events');
    const drafts = pastDays({ regionId: 'dali', seed: 2025, days: 2, until, actor });
    const events = drafts.map((draft, i) => ({ ...draft, seq: i + 1, id: randomUUID() }) as HubEvent);
    const file = join(tempDir('pingan-incident-cells-'), 'cache.db');
    const cache = new LocalCache(file);
    const queries = new CacheQueries(cache.db);
    const compare = (label: string) => {
      for (const scope of SCOPES)
        for (const { zoom, bbox } of VIEWS) {
          const want = fromScratch(queries, scope, zoom, bbox);
          const got = kept(queries, scope, zoom, bbox);
          expect(got.total, `${label}: total of ${scope}`).toBe(want.total);
          expect(got.cells.sort(byPlace), `${label}: ${scope} at zoom ${zoom}`).toEqual(
            want.cells.sort(byPlace),
          );
        }
    };
    let through = 0;
    while (through < events.length) {
      const batch = events.slice(through, through + 1 + Math.floor(random() * 800));
      cache.apply({ after: through, through: batch.at(-1)!.seq, events: batch });
      through = batch.at(-1)!.seq;
      compare(`after seq ${through}`);
    }
    // Enough to mean something: many open incidents, of every grade, and closed ones no longer counted.
    const whole = kept(queries, '5329', 6.4, VIEWS[0]!.bbox);
    expect(whole.total).toBeGreaterThan(50);
    expect(whole.cells.some((cell) => cell.high > 0) && whole.cells.some((cell) => cell.low > 0)).toBe(true);
    const closed = cache.db
      .prepare(
        "SELECT COUNT(*) FROM entities WHERE kind = 'incident' AND json_extract(doc, '$.stage') = 'closed'",
      )
      .pluck()
      .get() as number;
    expect(closed).toBeGreaterThan(0);
    // Built again from the entities, as after an upgrade: the same cells.
    cache.db.prepare("DELETE FROM sync_state WHERE key = 'projection:incident-cells'").run();
    cache.close();
    const reopened = new LocalCache(file);
    const reread = new CacheQueries(reopened.db);
    for (const scope of SCOPES)
      expect(kept(reread, scope, 9, VIEWS[1]!.bbox).cells.sort(byPlace)).toEqual(
        fromScratch(reread, scope, 9, VIEWS[1]!.bbox).cells.sort(byPlace),
      );
    reopened.close();
  }, 240_000);

  it('serves a display zoom from a cell zoom one to two steps finer, and the finest kept past it', () => {
    expect([0, 5, 6, 6.9, 7, 8, 10, 12.5, 14, 17].map(cellZoomFor)).toEqual([
      7, 7, 7, 7, 9, 9, 11, 13, 15, 15,
    ]);
  });

  it('numbers cells as the Web Mercator tiles do, clamped at the edges of the world', () => {
    expect([cellX(-180, 2), cellX(0, 2), cellX(179.9999, 2), cellX(180, 2)]).toEqual([0, 2, 3, 3]);
    expect([cellY(85.1, 2), cellY(0.0001, 2), cellY(-0.0001, 2), cellY(-89, 2)]).toEqual([0, 1, 2, 3]);
    // The slippy-map formula at z13 for Dali's old town (100.16° E, 25.69° N).
    expect([cellX(100.16, 13), cellY(25.69, 13)]).toEqual([6375, 3490]);
  });
});
