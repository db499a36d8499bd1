import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from './support/databases';
import {
  DALI_CITY,
  PREFECTURE,
  StreamClient,
  YANGBI,
  addKey,
  addOperator,
  login,
  placeIn,
  postReports,
  report,
  startTestHub,
  type Harness,
} from './support/hub-harness';
import { until } from '../support/eventually';
import { recordEvents } from '../../src/hub/projector';
import { REPLAY_FRAME_BYTES } from '../../src/hub/stream/subscription';
import type { HubEventDraft, MonitoringPoint } from '../../src/domain';

describe.each(STORE_KINDS)('the live stream on a %s hub', (_store, createDatabase) => {
  let harness: Harness;
  let key: string;
  let prefectureToken: string;
  let cityToken: string;
  const clients: StreamClient[] = [];

  function client(token: string) {
    const c = new StreamClient(harness.hub.url, token);
    clients.push(c);
    return c;
  }

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase());
    key = await addKey(harness.hub, PREFECTURE);
    const prefecture = await addOperator(harness.hub, 'viewer', PREFECTURE);
    const city = await addOperator(harness.hub, 'operator', DALI_CITY);
    prefectureToken = await login(harness.hub, prefecture.name, prefecture.password);
    cityToken = await login(harness.hub, city.name, city.password);
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await harness?.close();
  });

  it('refuses a connection without a valid token', async () => {
    const stranger = client('not-a-token');
    await expect(stranger.connected()).rejects.toThrow(/unauthorized/);
  });

  it('replays from since in seq order, then streams new events live', async () => {
    const dali = placeIn(harness.hub.region, DALI_CITY);
    const first = await postReports(harness.hub.url, key, [report(dali), report(dali), report(dali)]);
    const watcher = client(prefectureToken);
    const answer = await watcher.subscribe(0);
    expect(answer).toMatchObject({ ok: true, mode: 'replay' });
    await watcher.waitFor((events) => events.length >= 3);
    expect(watcher.seqs()).toEqual(first.seqs);

    const second = await postReports(harness.hub.url, key, [report(dali), report(dali)]);
    await watcher.waitFor((events) => events.length >= 5);
    expect(watcher.seqs()).toEqual([...first.seqs, ...second.seqs]);
  });

  it('replays only what came after the given seq', async () => {
    const head = await harness.hub.store.headSeq();
    const dali = placeIn(harness.hub.region, DALI_CITY);
    const later = await postReports(harness.hub.url, key, [report(dali)]);
    const resumer = client(prefectureToken);
    await resumer.subscribe(head);
    // A sentinel after it: the stream is in seq order, so whatever else it would wrongly send comes before.
    const sentinel = await postReports(harness.hub.url, key, [report(dali)]);
    await resumer.waitFor((events) => events.some((event) => event.seq === sentinel.seqs[0]));
    expect(resumer.seqs()).toEqual([...later.seqs, ...sentinel.seqs]);
  });

  it('never delivers an event outside the subscriber’s jurisdiction, live or replayed', async () => {
    const dali = placeIn(harness.hub.region, DALI_CITY);
    const yangbi = placeIn(harness.hub.region, YANGBI);
    const cityWatcher = client(cityToken);
    await cityWatcher.subscribe(0);
    const mixed = await postReports(harness.hub.url, key, [report(yangbi), report(dali), report(yangbi)]);
    // A sentinel in scope after the mix: once it is here, anything out of scope would have arrived before it.
    const sentinel = await postReports(harness.hub.url, key, [report(dali)]);
    await cityWatcher.waitFor((events) => events.some((e) => e.seq === sentinel.seqs[0]));
    expect(cityWatcher.seqs()).toContain(mixed.seqs[1]);
    expect(cityWatcher.events.every((event) => event.jurisdiction.startsWith(DALI_CITY))).toBe(true);
    expect(cityWatcher.seqs()).not.toContain(mixed.seqs[0]);
    expect(cityWatcher.seqs()).not.toContain(mixed.seqs[2]);
  });

  it('refuses a subscription wider than the account’s jurisdiction', async () => {
    const cityWatcher = client(cityToken);
    const answer = await cityWatcher.subscribe(0, PREFECTURE);
    expect(answer.ok).toBe(false);
    expect(answer.error).toContain('outside your jurisdiction');
  });

  it('loses nothing and repeats nothing for a client subscribing while events pour in', async () => {
    const dali = placeIn(harness.hub.region, DALI_CITY);
    const before = await harness.hub.store.headSeq();
    const pouring = (async () => {
      const seqs: number[] = [];
      for (let batch = 0; batch < 20; batch += 1) {
        seqs.push(...(await postReports(harness.hub.url, key, [report(dali), report(dali)])).seqs);
      }
      return seqs;
    })();
    // Subscribes once the pouring has begun, while the rest of it is still on its way.
    await until('the first reports in the log', async () => (await harness.hub.store.headSeq()) > before);
    const late = client(prefectureToken);
    await late.subscribe(before);
    const posted = await pouring;
    const sentinel = await postReports(harness.hub.url, key, [report(dali)]);
    await late.waitFor((events) => events.some((event) => event.seq === sentinel.seqs[0]));
    expect(late.seqs()).toEqual([...posted, ...sentinel.seqs]);
  });

  it('replays a log of large events in frames of at most a megabyte each, and everything once', async () => {
    const dali = placeIn(harness.hub.region, DALI_CITY);
    const before = await harness.hub.store.headSeq();
    // Six villages' worth of cameras registered at once, about 200 kB of payload each, as the seeding logs them.
    const drafts: HubEventDraft[] = Array.from({ length: 6 }, (_, n) => ({
      type: 'monitoring.registered',
      jurisdiction: dali.village,
      at: new Date().toISOString(),
      payload: {
        points: Array.from({ length: 1000 }, (_, i): MonitoringPoint => ({
          id: `frame-test-${n}-${i}`,
          name: `大理市下关镇第${i}号治安监控点（高清球机，朝向十字路口东北角）`,
          kind: 'camera',
          cameraClass: 1,
          jurisdictionCode: dali.village,
          location: dali.location,
          status: 'online',
          statusAt: new Date().toISOString(),
        })),
      },
    }));
    const recorded = await harness.hub.store.transaction((tx) => recordEvents(tx, drafts));
    const sentinel = await postReports(harness.hub.url, key, [report(dali)]);
    const resumer = client(prefectureToken);
    let largestFrame = 0;
    resumer.socket.on('events', (batch: unknown[]) => {
      largestFrame = Math.max(largestFrame, JSON.stringify(batch).length);
    });
    await resumer.subscribe(before);
    await resumer.waitFor((events) => events.some((event) => event.seq === sentinel.seqs[0]));
    expect(resumer.seqs()).toEqual([...recorded.map((event) => event.seq), ...sentinel.seqs]);
    expect(resumer.completeThrough(before)).toBe(sentinel.seqs[0]);
    // Together they are well over the limit: they come in several frames, each about the limit at most (the
    // limit counts payloads; a frame adds each event's few hundred bytes of envelope).
    const payloads = drafts.reduce((sum, draft) => sum + JSON.stringify(draft.payload).length, 0);
    expect(payloads).toBeGreaterThan(1.2 * REPLAY_FRAME_BYTES);
    expect(resumer.stretches.length).toBeGreaterThanOrEqual(Math.ceil(payloads / REPLAY_FRAME_BYTES));
    expect(largestFrame).toBeLessThan(1.01 * REPLAY_FRAME_BYTES);
  });

  it('sends a snapshot and the tail when since is older than the log keeps, and says so', async () => {
    const dali = placeIn(harness.hub.region, DALI_CITY);
    const head = await harness.hub.store.headSeq();
    await harness.hub.store.pruneEventsThrough(head - 2);
    const stale = client(cityToken);
    const answer = await stale.subscribe(1);
    expect(answer).toMatchObject({ ok: true, mode: 'snapshot' });
    const next = await postReports(harness.hub.url, key, [report(dali)]);
    await stale.waitFor((events) => events.some((e) => e.seq === next.seqs[0]));
    expect(stale.snapshots).toHaveLength(1);
    const snapshot = stale.snapshots[0]!;
    expect(snapshot.seq).toBeGreaterThanOrEqual(head);
    const incidents = (snapshot.entities as { kind: string; jurisdiction: string }[]).filter(
      (e) => e.kind === 'incident',
    );
    expect(incidents.length).toBeGreaterThan(0);
    expect(incidents.every((e) => e.jurisdiction.startsWith(DALI_CITY))).toBe(true);
    expect(stale.events.every((e) => e.seq > snapshot.seq)).toBe(true);
  });
});
