import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { Server } from 'socket.io';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalCache } from '../../src/core/cache/local-cache';
import type { MapFeatureColumns } from '../../src/core/cache/queries';
import type { HubSession } from '../../src/core/sync/hub-session';
import { APPLY_SLICE_EVENTS, HubSync, applySlices, type SyncStatus } from '../../src/core/sync/hub-sync';
import { LiveAhead } from '../../src/core/sync/live-ahead';
import { Outbox } from '../../src/core/sync/outbox';
import type { EntityState, HubEvent } from '../../src/domain';
import { createApiKey } from '../../src/hub/accounts';
import { startHub } from '../../src/hub/server';
import { DALI_CITY, PREFECTURE, placeIn, postReports, report } from '../hub/support/hub-harness';
import { until } from '../support/eventually';
import { tempDir } from './support/core-harness';

const noFeatures = (): MapFeatureColumns => ({
  ids: [],
  coordinates: [],
  properties: { title: [], stage: [], riskLevel: [], category: [], updatedAt: [], jurisdictionCode: [] },
  missing: [],
});

/** Real events from a real hub: `count` reports in Dali city, the log they make, and which report made which. */
async function reportedLog(count: number) {
  const hub = await startHub({
    db: `sqlite:${tempDir()}/hub.db`,
    region: 'dali',
    port: 0,
    logger: pino({ level: 'silent' }),
  });
  try {
    const key = (await createApiKey(hub.store, 'grid-app', PREFECTURE)).key;
    const place = placeIn(hub.region, DALI_CITY);
    for (let posted = 0; posted < count; posted += 500) {
      const reports = Array.from({ length: Math.min(500, count - posted) }, () =>
        report(place, randomUUID(), `历史 ${posted}`),
      );
      await postReports(hub.url, key, reports);
    }
    const live = await postReports(hub.url, key, [report(place, randomUUID(), '实时上报')]);
    const events = (await hub.store.eventsBetween(0, await hub.store.headSeq(), '', 1_000_000)) as HubEvent[];
    return { events, liveId: live.created[0]!, liveSeq: live.seqs[0]! };
  } finally {
    await hub.close();
  }
}

describe('applying a batch a slice at a time', () => {
  it('cuts a large batch into consecutive slices covering the same stretch', () => {
    const events = Array.from(
      { length: APPLY_SLICE_EVENTS * 2 + 5 },
      (_, i) => ({ seq: 101 + i }) as HubEvent,
    );
    const slices = applySlices({ after: 100, through: 3_000, events });
    expect(slices.map((slice) => slice.events.length)).toEqual([APPLY_SLICE_EVENTS, APPLY_SLICE_EVENTS, 5]);
    expect(slices[0]!.after).toBe(100);
    expect(slices.at(-1)!.through).toBe(3_000);
    for (let i = 1; i < slices.length; i += 1) {
      expect(slices[i]!.after).toBe(slices[i - 1]!.through);
      expect(slices[i - 1]!.through).toBe(slices[i - 1]!.events.at(-1)!.seq);
    }
  });

  it('leaves a batch within one slice whole', () => {
    const batch = { after: 0, through: 9, events: [{ seq: 3 } as HubEvent] };
    expect(applySlices(batch)).toEqual([batch]);
  });
});

describe('the live view ahead of a catch-up', () => {
  let log: Awaited<ReturnType<typeof reportedLog>>;
  beforeAll(async () => {
    log = await reportedLog(APPLY_SLICE_EVENTS + 500);
  }, 60_000);

  it('shows a live report over the cache, then gives way to the cache once it holds it', () => {
    const ahead = new LiveAhead();
    const cache = new Map<string, EntityState>();
    const live = log.events.filter((event) => event.seq === log.liveSeq);
    const changed = ahead.take(live, log.liveSeq - 10, (kind, id) => cache.get(`${kind}/${id}`));
    expect(changed.incident).toEqual([log.liveId]);

    const shown = ahead.overMapFeatures(noFeatures(), 'incident', DALI_CITY, [log.liveId, 'elsewhere']);
    expect(shown.ids).toEqual([log.liveId]);
    expect(shown.properties.title).toEqual(['实时上报']);
    expect(shown.coordinates).toHaveLength(2);
    expect(shown.missing).toEqual([]);
    expect(ahead.overMapFeatures(noFeatures(), 'incident', '532922', [log.liveId]).ids).toEqual([]);
    expect(ahead.overMapFeatures(noFeatures(), 'incident', DALI_CITY, ['other']).ids).toEqual([]);

    ahead.settle(log.liveSeq - 1);
    expect(ahead.size).toBe(1);
    ahead.settle(log.liveSeq);
    expect(ahead.size).toBe(0);
  });

  it('ignores what the cache already holds', () => {
    const ahead = new LiveAhead();
    const live = log.events.filter((event) => event.seq === log.liveSeq);
    expect(ahead.take(live, log.liveSeq, () => undefined)).toEqual({});
    expect(ahead.size).toBe(0);
  });

  it('reaches the screen while the catch-up beneath it is still being applied, and the cache stays in order', async () => {
    const catchUpThrough = log.liveSeq - 1;
    const backlog = log.events.filter((event) => event.seq <= catchUpThrough);
    const live = log.events.filter((event) => event.seq === log.liveSeq);
    // A hub that sends the whole catch-up in one batch and the live report right behind it.
    const http = createServer();
    const io = new Server(http);
    io.on('connection', (socket) => {
      socket.on('subscribe', (_request: unknown, answer: (reply: unknown) => void) => {
        socket.emit('catch-up', { from: 0, to: catchUpThrough });
        socket.emit('events', backlog, { after: 0, through: catchUpThrough });
        socket.emit('events', live, { after: catchUpThrough, through: log.liveSeq });
        answer({ ok: true, liveFrom: catchUpThrough });
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const cache = new LocalCache(':memory:');
    const seenAhead: { cursor: number; ids: string[] }[] = [];
    const statuses: SyncStatus[] = [];
    const session = { hubUrl: url, accessToken: async () => 'token' } as unknown as HubSession;
    const sync = new HubSync(session, cache, new Outbox(cache.db), {
      onStatus: (status) => statuses.push(status),
      onApplied: () => undefined,
      onCommandSettled: () => undefined,
      onAhead: ({ cursor, ids }) => {
        seenAhead.push({ cursor, ids: ids.incident ?? [] });
        // What the map reads at this moment: the live report, though the cache does not hold it yet.
        const shown = sync.liveAhead.overMapFeatures(noFeatures(), 'incident', DALI_CITY, [log.liveId]);
        expect(shown.properties.title).toEqual(['实时上报']);
        expect(cache.getEntity('incident', log.liveId)).toBeUndefined();
      },
    });
    try {
      sync.start();
      await until('the cache to hold the live report', () => cache.cursor >= log.liveSeq, {
        timeoutMs: 30_000,
        seen: () => ({ cursor: cache.cursor, seenAhead }),
      });
      expect(seenAhead).toHaveLength(1);
      expect(seenAhead[0]!.ids).toEqual([log.liveId]);
      expect(seenAhead[0]!.cursor).toBeLessThan(catchUpThrough);
      expect(sync.liveAhead.size).toBe(0);
      expect(cache.getEntity('incident', log.liveId)?.doc).toMatchObject({ title: '实时上报' });
      expect(cache.counts().events).toBe(log.events.length);
      // The cursor only ever moved forward, a slice at a time.
      const cursors = [...new Set(statuses.map((status) => status.cursor))];
      expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
      expect(cursors.length).toBeGreaterThan(2);
    } finally {
      sync.stop();
      cache.close();
      await io.close();
    }
  });
});
