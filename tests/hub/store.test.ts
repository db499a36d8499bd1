import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHubStore, type HubStore, type NewEvent } from '../../src/hub/store';
import { STORE_KINDS, type TestDatabase } from './support/databases';

function event(n: number, jurisdiction: string): NewEvent {
  return {
    id: `evt-${n}-${jurisdiction}`,
    type: 'alarm.raised',
    jurisdiction,
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    subject: n % 2 === 0 ? 'incident-even' : null,
    payload: { n },
  };
}

describe.each(STORE_KINDS)('the %s hub store', (_name, createDatabase) => {
  let database: TestDatabase;
  let store: HubStore;

  beforeAll(async () => {
    database = await createDatabase();
    store = await openHubStore(database.url, { auditKey: randomBytes(32) });
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it('gives appended events strictly increasing seqs across transactions', async () => {
    const first = await store.transaction((tx) => tx.appendEvents([event(1, '532901'), event(2, '532922')]));
    const second = await store.transaction((tx) => tx.appendEvents([event(3, '532901')]));
    expect([...first, ...second].map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(await store.headSeq()).toBe(3);
  });

  it('keeps seq order when many transactions run at once', async () => {
    const batches = Array.from({ length: 20 }, (_, i) =>
      store.transaction((tx) =>
        tx.appendEvents([event(100 + i * 2, '532901'), event(101 + i * 2, '532923')]),
      ),
    );
    const stored = (await Promise.all(batches)).flat();
    const seqs = stored.map((e) => e.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => 4 + i));
    const all = await store.eventsBetween(0, Number.MAX_SAFE_INTEGER, '5329', 1000);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 43 }, (_, i) => i + 1));
  });

  it('reads events after a seq within a jurisdiction subtree only', async () => {
    const dali = await store.eventsBetween(0, Number.MAX_SAFE_INTEGER, '532901', 1000);
    expect(dali.length).toBeGreaterThan(0);
    expect(dali.every((e) => e.jurisdiction.startsWith('532901'))).toBe(true);
    const afterTwo = await store.eventsBetween(2, 100, '5329', 2);
    expect(afterTwo.map((e) => e.seq)).toEqual([3, 4]);
    expect(afterTwo[0]!.payload).toEqual({ n: 3 });
  });

  it('stores nothing from a transaction that fails', async () => {
    const head = await store.headSeq();
    await expect(
      store.transaction(async (tx) => {
        await tx.appendEvents([event(900, '532901')]);
        throw new Error('validation failed half-way');
      }),
    ).rejects.toThrow('validation failed half-way');
    expect(await store.headSeq()).toBe(head);
    expect(await store.eventsBetween(head, Number.MAX_SAFE_INTEGER, '', 10)).toEqual([]);
  });

  it('refuses an event id it already holds, and stores none of that batch', async () => {
    const head = await store.headSeq();
    await expect(
      store.transaction((tx) => tx.appendEvents([event(901, '532901'), event(1, '532901')])),
    ).rejects.toThrow();
    expect(await store.headSeq()).toBe(head);
  });

  it('lists the events about one subject in seq order', async () => {
    const about = await store.eventsAbout('incident-even');
    expect(about.length).toBeGreaterThan(0);
    expect(
      about.every((e) => e.subject === 'incident-even' && (e.payload as { n: number }).n % 2 === 0),
    ).toBe(true);
    expect(about.map((e) => e.seq)).toEqual([...about.map((e) => e.seq)].sort((a, b) => a - b));
  });

  it('reads up to a given seq only', async () => {
    const upToFive = await store.eventsBetween(2, 5, '', 100);
    expect(upToFive.map((e) => e.seq)).toEqual([3, 4, 5]);
  });

  it('upserts entities and lists them by scope and kind', async () => {
    await store.transaction((tx) =>
      tx.putEntities([
        { kind: 'incident', id: 'i-1', jurisdiction: '532901001001001', version: 1, doc: { title: 'a' } },
        { kind: 'incident', id: 'i-2', jurisdiction: '532922001001001', version: 1, doc: { title: 'b' } },
        { kind: 'force', id: 'f-1', jurisdiction: '532901001', version: 1, doc: {} },
      ]),
    );
    await store.transaction((tx) =>
      tx.putEntities([
        { kind: 'incident', id: 'i-1', jurisdiction: '532901001001001', version: 2, doc: { title: 'c' } },
      ]),
    );
    const inCounty = await store.entitiesInScope('532901');
    expect(inCounty.map((e) => `${e.kind}/${e.id}`)).toEqual(['force/f-1', 'incident/i-1']);
    expect(await store.getEntity('incident', 'i-1')).toMatchObject({ version: 2, doc: { title: 'c' } });
    expect((await store.entitiesInScope('5329', 'incident')).map((e) => e.id)).toEqual(['i-1', 'i-2']);
    const snapshot = await store.snapshot('532922');
    expect(snapshot.seq).toBe(await store.headSeq());
    expect(snapshot.entities.map((e) => e.id)).toEqual(['i-2']);
  });

  it('remembers command outcomes so a retried command returns the first outcome', async () => {
    await store.transaction((tx) =>
      tx.putCommandOutcome({ commandId: 'c-1', accountId: 'a-1', outcome: { ok: true, seq: 5 } }),
    );
    const found = await store.transaction((tx) => tx.getCommandOutcome('c-1'));
    expect(found).toEqual({ commandId: 'c-1', accountId: 'a-1', outcome: { ok: true, seq: 5 } });
  });

  it('reports replayed ingest ids per source', async () => {
    const first = await store.transaction((tx) => tx.claimIngestIds('camera-platform', ['x1', 'x2']));
    const second = await store.transaction((tx) => tx.claimIngestIds('camera-platform', ['x2', 'x3']));
    const otherSource = await store.transaction((tx) => tx.claimIngestIds('hotline', ['x1']));
    expect(first).toEqual([]);
    expect(second).toEqual(['x2']);
    expect(otherSource).toEqual([]);
  });

  it('keeps accounts, api keys, settings and the audit log', async () => {
    await store.transaction(async (tx) => {
      await tx.putAccount({
        id: 'a-1',
        name: 'duty-dali',
        passwordHash: 'scrypt$x',
        role: 'operator',
        jurisdiction: '532901',
        createdAt: '2026-01-01T00:00:00.000Z',
        displayName: '李明',
        post: '值班员',
      });
      await tx.putApiKey({
        id: 'k-1',
        source: 'camera-platform',
        jurisdiction: '5329',
        keyHash: 'hash-1',
        createdAt: '2026-01-01T00:00:00.000Z',
        displayName: '视频监控平台',
      });
      await tx.initSetting('jwt-secret', 's3cret');
      await tx.audit({
        at: '2026-01-01T00:00:00.000Z',
        actor: 'a-1',
        action: 'assess',
        target: 'i-1',
        outcome: 'refused',
        detail: { reason: 'stale' },
      });
    });
    expect(await store.accountByName('duty-dali')).toMatchObject({
      id: 'a-1',
      role: 'operator',
      displayName: '李明',
      post: '值班员',
    });
    expect(await store.accountById('a-1')).toMatchObject({ name: 'duty-dali' });
    expect(await store.countAccounts()).toBe(1);
    expect(await store.apiKeyByHash('hash-1')).toMatchObject({
      source: 'camera-platform',
      jurisdiction: '5329',
      displayName: '视频监控平台',
    });
    expect(await store.listApiKeys()).toEqual([await store.apiKeyByHash('hash-1')]);
    expect(await store.getSetting('jwt-secret')).toBe('s3cret');
    expect(await store.auditEntries(10)).toEqual([
      expect.objectContaining({ action: 'assess', outcome: 'refused', detail: { reason: 'stale' } }),
    ]);
  });

  it('keeps the first value of a setting that several writers initialise at once', async () => {
    await Promise.all(
      ['first', 'second', 'third'].map((value) =>
        store.transaction((tx) => tx.initSetting('race-secret', value)),
      ),
    );
    const kept = await store.getSetting('race-secret');
    expect(['first', 'second', 'third']).toContain(kept);
    await store.transaction((tx) => tx.initSetting('race-secret', 'later'));
    expect(await store.getSetting('race-secret')).toBe(kept);
  });

  it('counts a mode switched above the scope as part of it, since wartime covers everything below', async () => {
    const head = await store.headSeq();
    await store.transaction(async (tx) => {
      await tx.appendEvents([
        { ...event(700, '5329'), type: 'mode.switched' },
        { ...event(701, '5329'), type: 'alarm.raised' },
        { ...event(702, '532922'), type: 'mode.switched' },
      ]);
      await tx.putEntities([
        { kind: 'mode', id: '5329', jurisdiction: '5329', version: 1, doc: { mode: 'wartime' } },
      ]);
    });
    const seen = await store.eventsBetween(head, Number.MAX_SAFE_INTEGER, '532901', 10);
    expect(seen.map((e) => e.type)).toEqual(['mode.switched']);
    expect(seen[0]!.jurisdiction).toBe('5329');
    expect((await store.entitiesInScope('532901', 'mode')).map((e) => e.id)).toEqual(['5329']);
  });

  it('prunes old events and reports the oldest seq it still holds', async () => {
    const head = await store.headSeq();
    expect(await store.oldestRetainedSeq()).toBe(1);
    await store.pruneEventsThrough(10);
    expect(await store.oldestRetainedSeq()).toBe(11);
    expect(await store.headSeq()).toBe(head);
  });
});
