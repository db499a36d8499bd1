import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalCache, type EventBatch } from '../../src/core/cache/local-cache';
import type { CacheProjection } from '../../src/core/cache/projections';
import type { Force, HubEvent, MonitoringPoint } from '../../src/domain';

const VILLAGE = '532901003001';
const AT = '2026-11-26T08:00:00.000Z';

function cacheFile() {
  return join(mkdtempSync(join(tmpdir(), 'pingan-cache-')), 'cache.db');
}

function uuid(n: number) {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

const camera = (id: string, status: MonitoringPoint['status'] = 'online'): MonitoringPoint => ({
  id,
  name: id,
  kind: 'camera',
  cameraClass: 2,
  jurisdictionCode: VILLAGE,
  location: [100.2, 25.6],
  status,
  statusAt: AT,
});

const worker: Force = {
  id: 'gw-1',
  kind: 'grid-worker',
  name: '网格员',
  jurisdictionCode: VILLAGE,
  members: 1,
  position: null,
};

function registered(seq: number): HubEvent {
  return {
    seq,
    id: uuid(seq),
    type: 'monitoring.registered',
    jurisdiction: VILLAGE,
    at: AT,
    payload: { points: [camera('cam-1'), camera('cam-2')] },
  };
}

function statusChanged(seq: number, status: MonitoringPoint['status']): HubEvent {
  return {
    seq,
    id: uuid(seq),
    type: 'monitoring.status-changed',
    jurisdiction: VILLAGE,
    at: AT,
    payload: { point: camera('cam-1', status), previousStatus: 'online' },
  };
}

function moved(seq: number, lng: number): HubEvent {
  return {
    seq,
    id: uuid(seq),
    type: 'force.moved',
    jurisdiction: VILLAGE,
    at: AT,
    payload: { forceId: 'gw-1', position: { lng, lat: 25.6, at: AT } },
  };
}

const forcesRegistered = (seq: number): HubEvent => ({
  seq,
  id: uuid(seq),
  type: 'forces.registered',
  jurisdiction: VILLAGE,
  at: AT,
  payload: { forces: [worker] },
});

describe('the local cache', () => {
  it('applies a batch in seq order and moves its cursor to the batch end', () => {
    const cache = new LocalCache(cacheFile());
    const result = cache.apply({
      after: 0,
      through: 10,
      events: [registered(3), statusChanged(7, 'offline')],
    });
    expect(result).toMatchObject({ kind: 'applied', cursor: 10, applied: 2 });
    expect(cache.cursor).toBe(10);
    expect(cache.getEntity('monitoring-point', 'cam-1')).toMatchObject({
      version: 2,
      doc: { status: 'offline' },
    });
  });

  it('ignores a batch it already applied, whole or in part', () => {
    const cache = new LocalCache(cacheFile());
    const batch: EventBatch = { after: 0, through: 7, events: [registered(3), statusChanged(7, 'offline')] };
    cache.apply(batch);
    const checksum = cache.checksum();
    expect(cache.apply(batch)).toMatchObject({ kind: 'duplicate', cursor: 7 });
    const overlapping = cache.apply({
      after: 3,
      through: 9,
      events: [statusChanged(7, 'offline'), statusChanged(9, 'fault')],
    });
    expect(overlapping).toMatchObject({ kind: 'applied', applied: 1 });
    expect(cache.getEntity('monitoring-point', 'cam-1')).toMatchObject({
      version: 3,
      doc: { status: 'fault' },
    });
    expect(checksum).not.toBe(cache.checksum());
  });

  it('reports a gap instead of applying a batch that starts after its cursor', () => {
    const cache = new LocalCache(cacheFile());
    cache.apply({ after: 0, through: 3, events: [registered(3)] });
    const result = cache.apply({ after: 8, through: 9, events: [statusChanged(9, 'fault')] });
    expect(result).toEqual({ kind: 'gap', cursor: 3, missingAfter: 3, missingThrough: 8 });
    expect(cache.cursor).toBe(3);
    expect(cache.getEntity('monitoring-point', 'cam-1')).toMatchObject({ doc: { status: 'online' } });
  });

  it('keeps its state and cursor across a reopen', () => {
    const file = cacheFile();
    const first = new LocalCache(file);
    first.apply({ after: 0, through: 5, events: [forcesRegistered(1), moved(5, 100.25)] });
    const checksum = first.checksum();
    first.close();
    const reopened = new LocalCache(file);
    expect(reopened.cursor).toBe(5);
    expect(reopened.checksum()).toBe(checksum);
    expect(reopened.getEntity('force', 'gw-1')).toMatchObject({ doc: { position: { lng: 100.25 } } });
  });

  it('gives equal checksums for equal state reached by different routes, whatever the key order', () => {
    const viaEvents = new LocalCache(cacheFile());
    viaEvents.apply({ after: 0, through: 2, events: [registered(1), statusChanged(2, 'offline')] });
    const viaSnapshot = new LocalCache(cacheFile());
    const [one, two] = ['cam-1', 'cam-2'].map((id) => viaEvents.getEntity('monitoring-point', id)!);
    const reordered = { ...one!, doc: Object.fromEntries(Object.entries(one!.doc as object).reverse()) };
    viaSnapshot.applySnapshot(2, [two!, reordered]);
    expect(viaSnapshot.checksum()).toBe(viaEvents.checksum());
    expect(viaSnapshot.cursor).toBe(2);
  });

  it('folds each batch onto the state it committed, never onto one a failed batch left in memory', () => {
    // A projection that fails the write of one force's position, as a full disk or a bug would mid-batch.
    let failAt: number | null = null;
    const failing: CacheProjection = {
      name: 'fails-on-demand',
      version: 1,
      kinds: ['force'],
      reset: () => undefined,
      open: () => ({
        write: (entity) => {
          const position = (entity.doc as Force).position;
          if (position && position.lng === failAt) throw new Error('disk full');
        },
      }),
    };
    const cache = new LocalCache(cacheFile(), { projections: [failing] });
    cache.apply({ after: 0, through: 2, events: [forcesRegistered(1), moved(2, 100.1)] });
    failAt = 100.3;
    expect(() => cache.apply({ after: 2, through: 4, events: [moved(3, 100.2), moved(4, 100.3)] })).toThrow(
      'disk full',
    );
    expect(cache.cursor).toBe(2);
    expect(cache.getEntity('force', 'gw-1')).toMatchObject({ version: 2, doc: { position: { lng: 100.1 } } });
    // The same stretch again, and more: each version counts from the last one committed.
    failAt = null;
    cache.apply({ after: 2, through: 3, events: [moved(3, 100.2)] });
    cache.apply({ after: 3, through: 5, events: [moved(4, 100.3), moved(5, 100.4)] });
    const fresh = new LocalCache(cacheFile());
    fresh.apply({
      after: 0,
      through: 5,
      events: [forcesRegistered(1), moved(2, 100.1), moved(3, 100.2), moved(4, 100.3), moved(5, 100.4)],
    });
    expect(cache.getEntity('force', 'gw-1')).toEqual(fresh.getEntity('force', 'gw-1'));
    expect(cache.checksum()).toBe(fresh.checksum());
  });

  it('refuses to open a cache written by a newer version of the app', () => {
    const file = cacheFile();
    const cache = new LocalCache(file);
    cache.db.pragma('user_version = 99');
    cache.close();
    expect(() => new LocalCache(file)).toThrow(/newer Pingan Command/);
  });
});
