import type Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalCache } from '../../src/core/cache/local-cache';
import type { CacheProjection } from '../../src/core/cache/projections';
import type { EntityKind, HubEvent, MonitoringPoint } from '../../src/domain';

const VILLAGE = '532901003001';
const AT = '2026-11-26T08:00:00.000Z';

const camera = (id: string, status: MonitoringPoint['status']): MonitoringPoint => ({
  id,
  name: id,
  kind: 'camera',
  cameraClass: 2,
  jurisdictionCode: VILLAGE,
  location: [100.2, 25.6],
  status,
  statusAt: AT,
});

const event = (seq: number, type: HubEvent['type'], payload: unknown): HubEvent =>
  ({
    seq,
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    type,
    jurisdiction: VILLAGE,
    at: AT,
    payload,
  }) as HubEvent;

/** Cameras by status, and what each batch told it. */
function statusTally(version: number, batches: Set<EntityKind>[] = []): CacheProjection {
  return {
    name: 'status-tally',
    version,
    kinds: ['monitoring-point'],
    reset(db: Database.Database) {
      db.exec(`DROP TABLE IF EXISTS status_tally;
        CREATE TABLE status_tally (id TEXT PRIMARY KEY, status TEXT NOT NULL)`);
    },
    open(db: Database.Database) {
      const put = db.prepare(
        'INSERT INTO status_tally (id, status) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET status = excluded.status',
      );
      return {
        write: (entity) => put.run(entity.id, (entity.doc as MonitoringPoint).status),
        afterBatch: (kinds) => batches.push(new Set(kinds)),
      };
    },
  };
}

const tally = (cache: LocalCache) =>
  cache.db.prepare('SELECT status, COUNT(*) AS n FROM status_tally GROUP BY status ORDER BY status').all();

describe('the cache’s projections', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'pingan-projections-')), 'cache.db');

  it('are written in the transaction that writes the entities, and told which kinds a batch wrote', () => {
    const batches: Set<EntityKind>[] = [];
    const cache = new LocalCache(file, { projections: [statusTally(1, batches)] });
    cache.apply({
      after: 0,
      through: 2,
      events: [
        event(1, 'monitoring.registered', { points: [camera('a', 'online'), camera('b', 'online')] }),
        event(2, 'monitoring.status-changed', { point: camera('a', 'offline'), previousStatus: 'online' }),
      ],
    });
    expect(tally(cache)).toEqual([
      { status: 'offline', n: 1 },
      { status: 'online', n: 1 },
    ]);
    expect(batches.at(-1)).toEqual(new Set(['monitoring-point']));
    cache.close();
  });

  it('are built again from the entities when their version changes, and not when it does not', () => {
    const cache = new LocalCache(file, { projections: [statusTally(1)] });
    cache.db.exec('DELETE FROM status_tally');
    cache.close();
    const same = new LocalCache(file, { projections: [statusTally(1)] });
    expect(tally(same)).toEqual([]);
    same.close();
    const raised = new LocalCache(file, { projections: [statusTally(2)] });
    expect(tally(raised)).toEqual([
      { status: 'offline', n: 1 },
      { status: 'online', n: 1 },
    ]);
    raised.close();
  });

  it('start empty under a snapshot and hold what it holds', () => {
    const cache = new LocalCache(file, { projections: [statusTally(2)] });
    cache.applySnapshot(10, [
      { kind: 'monitoring-point', id: 'c', jurisdiction: VILLAGE, version: 1, doc: camera('c', 'fault') },
    ]);
    expect(tally(cache)).toEqual([{ status: 'fault', n: 1 }]);
    cache.close();
  });
});
