import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INHERITED_EVENT_TYPES, INHERITED_KINDS, type SubsidyRates } from '../../src/domain';
import { openHubStore, type HubStore } from '../../src/hub/store';
import { STORE_KINDS, type TestDatabase } from './support/databases';
import {
  DALI_CITY,
  PREFECTURE,
  StreamClient,
  YANGBI,
  addOperator,
  login,
  newCommandId,
  startTestHub,
  type Harness,
} from './support/hub-harness';

const RATES: SubsidyRates = { simple: 50, ordinary: 150, complex: 350, major: 600 };

describe.each(STORE_KINDS)('subsidy rates on a %s hub', (_store, createDatabase) => {
  let harness: Harness;
  const clients: StreamClient[] = [];

  async function clientFor(role: string, jurisdiction: string) {
    const account = await addOperator(harness.hub, role, jurisdiction);
    const client = new StreamClient(
      harness.hub.url,
      await login(harness.hub, account.name, account.password),
    );
    await client.connected();
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase());
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await harness?.close();
  });

  it('refuses anyone but the system administrator, one out of scope, and rates out of bounds', async () => {
    const command = { type: 'configureSubsidyRates', jurisdictionCode: PREFECTURE, rates: RATES };
    const cases: [string, StreamClient, Record<string, unknown>, string, RegExp][] = [
      ['an operator', await clientFor('operator', PREFECTURE), command, 'role-not-permitted', /operator/],
      ['a commander', await clientFor('commander', PREFECTURE), command, 'role-not-permitted', /commander/],
      [
        'a county system administrator, for the prefecture',
        await clientFor('sysadmin', DALI_CITY),
        command,
        'out-of-scope',
        /5329/,
      ],
      [
        'the system administrator, with a negative rate',
        await clientFor('sysadmin', PREFECTURE),
        { ...command, rates: { ...RATES, simple: -1 } },
        'invalid-command',
        /rates\.simple: a rate is not negative/,
      ],
    ];
    const head = await harness.hub.store.headSeq();
    for (const [who, client, body, code, reason] of cases) {
      const answer = await client.command({ ...body, commandId: newCommandId() });
      expect(answer.code, who).toBe(code);
      expect(answer.reason, who).toMatch(reason);
    }
    expect(await harness.hub.store.headSeq()).toBe(head);
  });

  it('records the system administrator’s rates, which the jurisdictions below read from the store', async () => {
    const admin = await clientFor('sysadmin', PREFECTURE);
    const before = await harness.hub.store.headSeq();
    const answer = await admin.command({
      type: 'configureSubsidyRates',
      commandId: newCommandId(),
      jurisdictionCode: PREFECTURE,
      rates: RATES,
    });
    expect(answer.ok, answer.reason).toBe(true);

    // A county screen catching up from before the change reads it from the store, though it lies above its scope.
    const county = await clientFor('operator', YANGBI);
    expect((await county.subscribe(before)).ok).toBe(true);
    await county.waitFor((events) => events.some((event) => event.type === 'subsidy.configured'));
    const inherited = await harness.hub.store.entitiesInScope(YANGBI, 'subsidy-rates');
    expect(inherited).toEqual([
      { kind: 'subsidy-rates', id: PREFECTURE, jurisdiction: PREFECTURE, version: 1, doc: RATES },
    ]);
    const snapshot = await harness.hub.store.snapshot(YANGBI);
    expect(snapshot.entities.filter((entity) => entity.kind === 'subsidy-rates')).toEqual(inherited);
  });
});

describe.each(STORE_KINDS)('the %s store’s scope', (_store, createDatabase) => {
  let database: TestDatabase;
  let store: HubStore;

  beforeAll(async () => {
    database = await createDatabase();
    store = await openHubStore(database.url);
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it('includes every inherited type of event and kind of entity from above, and nothing from beside', async () => {
    const at = '2026-03-01T00:00:00.000Z';
    await store.transaction(async (tx) => {
      await tx.appendEvents(
        [PREFECTURE, YANGBI].flatMap((jurisdiction) =>
          INHERITED_EVENT_TYPES.map((type) => ({
            id: `${type}-${jurisdiction}`,
            type,
            jurisdiction,
            at,
            subject: null,
            payload: {},
          })),
        ),
      );
      await tx.putEntities(
        [PREFECTURE, YANGBI].flatMap((jurisdiction) =>
          INHERITED_KINDS.map((kind) => ({ kind, id: jurisdiction, jurisdiction, version: 1, doc: {} })),
        ),
      );
    });
    const events = await store.eventsBetween(0, Number.MAX_SAFE_INTEGER, DALI_CITY, 100);
    expect(events.map((event) => `${event.type}@${event.jurisdiction}`).sort()).toEqual(
      INHERITED_EVENT_TYPES.map((type) => `${type}@${PREFECTURE}`).sort(),
    );
    const expectedKinds = [...INHERITED_KINDS].sort();
    const entities = await store.entitiesInScope(DALI_CITY);
    expect(entities.map((entity) => entity.kind).sort()).toEqual(expectedKinds);
    expect(entities.every((entity) => entity.id === PREFECTURE)).toBe(true);
    const snapshot = await store.snapshot(DALI_CITY);
    expect(snapshot.entities.map((entity) => entity.kind).sort()).toEqual(expectedKinds);
    for (const kind of INHERITED_KINDS)
      expect((await store.entitiesInScope(DALI_CITY, kind)).map((entity) => entity.id)).toEqual([PREFECTURE]);
  });
});
