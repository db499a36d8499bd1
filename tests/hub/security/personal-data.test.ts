import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS, type TestDatabase } from '../support/databases';
import {
  DALI_CITY,
  PREFECTURE,
  StreamClient,
  YANGBI,
  addKey,
  addOperator,
  login,
  newCommandId,
  placeIn,
  postReports,
  report,
  startTestHub,
  type Harness,
} from '../support/hub-harness';

const ID_NUMBER = '532901199001091234';
const PERSON_PHONE = '13800000000';
const REPORTER_PHONE = '13912345678';
const PLAINTEXTS = [ID_NUMBER, PERSON_PHONE, REPORTER_PHONE];

/** Every text the hub's database holds where events, state, outcomes and the audit trail are kept. */
async function rawTexts(database: TestDatabase): Promise<string[]> {
  const queries = [
    'SELECT payload AS text FROM events',
    'SELECT doc AS text FROM entities',
    'SELECT outcome AS text FROM command_outcomes',
    'SELECT detail AS text FROM audit_log',
  ];
  if (database.url.startsWith('sqlite:')) {
    const db = new Database(database.url.slice('sqlite:'.length), { readonly: true });
    try {
      return queries.flatMap((query) => db.prepare(query).pluck().all() as string[]);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const texts: string[] = [];
    for (const query of queries) {
      const { rows } = await client.query<{ text: string }>(query.replace('AS text', '::text AS text'));
      texts.push(...rows.map((row) => row.text));
    }
    return texts;
  } finally {
    await client.end();
  }
}

describe.each(STORE_KINDS)('personal data on a %s hub', (_store, createDatabase) => {
  let harness: Harness;
  let village: string;
  let incidentId: string;
  const clients: StreamClient[] = [];
  const byRole = new Map<string, StreamClient>();

  async function clientFor(role: string, jurisdiction = DALI_CITY) {
    const account = await addOperator(harness.hub, role, jurisdiction);
    const client = new StreamClient(
      harness.hub.url,
      await login(harness.hub, account.name, account.password),
    );
    await client.connected();
    clients.push(client);
    return client;
  }

  const unmask = (client: StreamClient, overrides: Record<string, unknown> = {}) =>
    client.command({
      type: 'recordUnmask',
      commandId: newCommandId(),
      record: 'key-person',
      recordId: 'kp-zhang',
      fields: ['idNumber', 'phone'],
      unmaskedAt: new Date().toISOString(),
      ...overrides,
    });

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase());
    const place = placeIn(harness.hub.region, DALI_CITY);
    village = place.village;
    for (const role of ['commander', 'operator', 'viewer', 'wall']) byRole.set(role, await clientFor(role));
    for (const client of byRole.values()) await client.subscribe(0);
    byRole.set('outsider', await clientFor('commander', YANGBI));
    const key = await addKey(harness.hub, PREFECTURE);
    const reported = { ...report(place), reporter: { name: '赵某', phone: REPORTER_PHONE } };
    incidentId = (await postReports(harness.hub.url, key, [reported])).created[0]!;
    const answer = await byRole.get('commander')!.command({
      type: 'registerKeyPerson',
      commandId: newCommandId(),
      person: {
        id: 'kp-zhang',
        name: '张三丰',
        idNumber: ID_NUMBER,
        category: 'community-correction',
        jurisdictionCode: village,
        phone: PERSON_PHONE,
        reason: '社区矫正期间，需定期报到',
        measures: '每周电话报到，每月走访一次',
        responsible: '李某某',
      },
    });
    expect(answer).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await harness?.close();
  });

  it('keeps no ID number or phone in plain text in the database, only sealed values', async () => {
    const texts = await rawTexts(harness.database);
    expect(texts.length).toBeGreaterThan(0);
    for (const plain of PLAINTEXTS) expect(texts.filter((text) => text.includes(plain))).toEqual([]);
    expect(texts.filter((text) => text.includes('"sm4:')).length).toBeGreaterThanOrEqual(4);
  });

  it('streams the values whole to a commander, and key persons to no viewer or wall', async () => {
    const commander = byRole.get('commander')!;
    await commander.waitFor((events) => events.some((event) => event.type === 'key-person.registered'));
    const registered = commander.events.find((event) => event.type === 'key-person.registered')!;
    expect(registered.payload).toMatchObject({ person: { idNumber: ID_NUMBER, phone: PERSON_PHONE } });
    for (const role of ['commander', 'operator', 'viewer', 'wall']) {
      const client = byRole.get(role)!;
      await client.waitFor((events) => events.some((event) => event.type === 'incident.reported'));
      const reported = client.events.find((event) => event.type === 'incident.reported')!;
      expect(reported.payload).toMatchObject({ incident: { reporter: { phone: REPORTER_PHONE } } });
    }
    for (const role of ['viewer', 'wall']) {
      const stream = byRole.get(role)!;
      expect(stream.events.filter((event) => event.type.startsWith('key-person.'))).toEqual([]);
    }
    expect(await harness.hub.store.getEntity('key-person', 'kp-zhang')).toMatchObject({
      doc: { idNumber: ID_NUMBER, phone: PERSON_PHONE },
    });
  });

  it('records a commander’s unmasking in the audit trail under the record', async () => {
    const commander = byRole.get('commander')!;
    expect(await unmask(commander)).toMatchObject({ ok: true, seqs: [] });
    expect(
      await unmask(commander, { record: 'incident', recordId: incidentId, fields: ['phone'] }),
    ).toMatchObject({ ok: true });
    const trail = await harness.hub.store.auditEntries(5);
    expect(trail.filter((entry) => entry.action === 'personal-data.unmasked')).toEqual([
      expect.objectContaining({
        target: incidentId,
        outcome: 'accepted',
        detail: expect.objectContaining({ record: 'incident', fields: ['phone'] }),
      }),
      expect.objectContaining({
        target: 'kp-zhang',
        outcome: 'accepted',
        detail: expect.objectContaining({ record: 'key-person', fields: ['idNumber', 'phone'] }),
      }),
    ]);
  });

  it.each(['operator', 'viewer', 'wall'])(
    'refuses unmasking to a %s, and audits the refusal',
    async (role) => {
      const answer = await unmask(byRole.get(role)!);
      expect(answer).toMatchObject({ ok: false, code: 'role-not-permitted' });
      const [latest] = await harness.hub.store.auditEntries(1);
      expect(latest).toMatchObject({
        action: 'command.recordUnmask',
        target: 'kp-zhang',
        outcome: 'refused',
      });
    },
  );

  it.each([
    ['a record outside the commander’s scope', 'outsider', {}, 'out-of-scope'],
    ['a key person nobody registered', 'commander', { recordId: 'kp-nobody' }, 'not-found'],
    ['no fields', 'commander', { fields: [] }, 'invalid-command'],
    ['a record of another kind', 'commander', { record: 'account' }, 'invalid-command'],
  ])('refuses unmasking %s', async (_case, who, overrides, code) => {
    expect(await unmask(byRole.get(who)!, overrides)).toMatchObject({ ok: false, code });
  });

  it('sends a commander’s snapshot with the values whole', async () => {
    await harness.hub.store.pruneEventsThrough((await harness.hub.store.headSeq()) - 1);
    const stale = await clientFor('commander');
    expect(await stale.subscribe(0)).toMatchObject({ ok: true, mode: 'snapshot' });
    const entities = stale.snapshots[0]!.entities as unknown as { kind: string; id: string; doc: unknown }[];
    expect(entities.find((entity) => entity.kind === 'key-person')?.doc).toMatchObject({
      idNumber: ID_NUMBER,
      phone: PERSON_PHONE,
    });
    expect(entities.find((entity) => entity.id === incidentId)?.doc).toMatchObject({
      reporter: { phone: REPORTER_PHONE },
    });
  });
});
