import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_COLUMNS } from '../../src/domain';
import type { AuditEntry } from '../../src/hub/store';
import { STORE_KINDS } from './support/databases';
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
} from './support/hub-harness';

const ID_NUMBER = '532901199001091234';
const isKeyPerson = (item: { type?: string; kind?: string }) =>
  item.type?.startsWith('key-person.') === true || item.kind === 'key-person';

describe.each(STORE_KINDS)('the key-person list on a %s hub', (_store, createDatabase) => {
  let harness: Harness;
  let key: string;
  let village: string;
  const accounts = new Map<string, Awaited<ReturnType<typeof addOperator>>>();
  const clients: StreamClient[] = [];
  let commander: StreamClient;
  let operator: StreamClient;
  let viewer: StreamClient;
  let outsider: StreamClient;
  let registeredSeq: number;

  async function clientFor(label: string, role: string, jurisdiction: string) {
    const account = accounts.get(label) ?? (await addOperator(harness.hub, role, jurisdiction));
    accounts.set(label, account);
    const client = new StreamClient(
      harness.hub.url,
      await login(harness.hub, account.name, account.password),
    );
    await client.connected();
    clients.push(client);
    return client;
  }

  const person = (overrides: Record<string, unknown> = {}) => ({
    id: 'kp-zhang',
    name: '张三丰',
    idNumber: ID_NUMBER,
    category: 'community-correction',
    jurisdictionCode: village,
    phone: '13800000000',
    reason: '社区矫正期间，需定期报到',
    measures: '每周电话报到，每月走访一次',
    responsible: '李某某',
    ...overrides,
  });

  /** An incident in Dali city, committed after whatever came before: proof that a stream went on past it. */
  async function reportInDaliCity(): Promise<number> {
    return (await postReports(harness.hub.url, key, [report(placeIn(harness.hub.region, DALI_CITY))]))
      .seqs[0]!;
  }

  const received = (client: StreamClient, seq: number) =>
    client.waitFor((events) => events.some((e) => e.seq === seq));

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase());
    key = await addKey(harness.hub, PREFECTURE);
    village = placeIn(harness.hub.region, DALI_CITY).village;
    commander = await clientFor('commander', 'commander', DALI_CITY);
    operator = await clientFor('operator', 'operator', DALI_CITY);
    viewer = await clientFor('viewer', 'viewer', DALI_CITY);
    outsider = await clientFor('outsider', 'commander', YANGBI);
    await reportInDaliCity();
    for (const client of [commander, operator, viewer, outsider]) await client.subscribe(0);
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await harness?.close();
  });

  it('streams a registration live to commanders in scope, and to nobody else, whose streams go on without a gap', async () => {
    const answer = await commander.command({
      type: 'registerKeyPerson',
      commandId: newCommandId(),
      person: person(),
    });
    expect(answer).toMatchObject({ ok: true, seqs: [expect.any(Number)] });
    registeredSeq = answer.seqs![0]!;
    // Broadcast on its own, so the operator's and the viewer's rooms are sent nothing for its stretch.
    await received(commander, registeredSeq);
    const next = await reportInDaliCity();

    const event = commander.events.find((e) => e.seq === registeredSeq)!;
    expect(event).toMatchObject({ type: 'key-person.registered', jurisdiction: village });
    expect(event.payload).toMatchObject({
      person: { name: '张三丰', idNumber: ID_NUMBER, registeredBy: accounts.get('commander')!.account.id },
    });

    for (const client of [operator, viewer]) {
      await received(client, next);
      expect(client.events.filter(isKeyPerson)).toEqual([]);
      expect(client.completeThrough(0)).toBeGreaterThanOrEqual(next);
    }
    await received(commander, next);
    expect(outsider.events.filter(isKeyPerson)).toEqual([]);
    expect(await harness.hub.store.getEntity('key-person', 'kp-zhang')).toMatchObject({
      jurisdiction: village,
      version: 1,
    });
  });

  it('leaves the registration out of a catch-up for operators and viewers, covering its stretch all the same', async () => {
    const head = await harness.hub.store.headSeq();
    for (const [label, role] of [
      ['operator', 'operator'],
      ['viewer', 'viewer'],
    ] as const) {
      const late = await clientFor(label, role, DALI_CITY);
      expect(await late.subscribe(0)).toMatchObject({ ok: true, mode: 'replay' });
      expect(late.events.filter(isKeyPerson)).toEqual([]);
      expect(late.completeThrough(0)).toBe(head);
      const backfilled = (await late.socket.emitWithAck('backfill', { after: 0, through: head })) as {
        through: number;
        events: { type: string }[];
      };
      expect(backfilled.through).toBe(head);
      expect(backfilled.events.filter(isKeyPerson)).toEqual([]);
    }
    const lateCommander = await clientFor('commander', 'commander', DALI_CITY);
    await lateCommander.subscribe(0);
    expect(lateCommander.events.filter(isKeyPerson).map((e) => e.seq)).toEqual([registeredSeq]);
  });

  it('refuses an operator’s registration as not permitted, and stores nothing', async () => {
    const answer = await operator.command({
      type: 'registerKeyPerson',
      commandId: newCommandId(),
      person: person({ id: 'kp-by-operator' }),
    });
    expect(answer).toMatchObject({
      ok: false,
      code: 'role-not-permitted',
      reason: 'role operator may not manage-key-persons',
    });
    expect(await harness.hub.store.getEntity('key-person', 'kp-by-operator')).toBeUndefined();
  });

  it('refuses a mistyped ID number as an invalid command with the reason, and stores nothing', async () => {
    const head = await harness.hub.store.headSeq();
    const answer = await commander.command({
      type: 'registerKeyPerson',
      commandId: newCommandId(),
      person: person({ id: 'kp-mistyped', idNumber: '532901199001091235' }),
    });
    expect(answer).toMatchObject({ ok: false, code: 'invalid-command' });
    expect(answer.reason).toContain(
      'person.idNumber: the check character of this resident ID number should be 4',
    );
    expect(await harness.hub.store.getEntity('key-person', 'kp-mistyped')).toBeUndefined();
    expect(await harness.hub.store.headSeq()).toBe(head);
  });

  it('writes an export to the audit log with the account and the count, and records no event', async () => {
    const head = await harness.hub.store.headSeq();
    const exported = {
      type: 'recordExport',
      commandId: newCommandId(),
      document: 'key-person-list',
      scope: DALI_CITY,
      format: 'csv',
      count: 1,
      exportedAt: new Date().toISOString(),
    };
    expect(await commander.command(exported)).toEqual({ ok: true, commandId: exported.commandId, seqs: [] });
    expect(await commander.command(exported)).toMatchObject({ ok: true, seqs: [], replayed: true });
    expect(await operator.command({ ...exported, commandId: newCommandId() })).toMatchObject({
      ok: false,
      code: 'role-not-permitted',
    });
    expect(await harness.hub.store.headSeq()).toBe(head);

    const audit = await harness.hub.store.auditEntries(10);
    const exports = audit.filter((entry: AuditEntry) => entry.action === 'command.recordExport');
    expect(exports.map((entry) => [entry.actor, entry.outcome])).toEqual([
      [accounts.get('operator')!.name, 'refused'],
      [accounts.get('commander')!.name, 'accepted'],
    ]);
    expect(exports[1]).toMatchObject({
      target: DALI_CITY,
      scope: DALI_CITY,
      detail: {
        commandId: exported.commandId,
        seqs: [],
        export: {
          document: 'key-person-list',
          format: 'csv',
          count: 1,
          // A desktop that does not say which columns it exported: the document's are recorded.
          columns: DOCUMENT_COLUMNS['key-person-list'],
          by: accounts.get('commander')!.account.id,
        },
      },
    });
  });

  it('takes a person off the list, keeping the record marked', async () => {
    const answer = await commander.command({
      type: 'removeKeyPerson',
      commandId: newCommandId(),
      keyPersonId: 'kp-zhang',
      reason: '矫正期满解除',
    });
    expect(answer).toMatchObject({ ok: true });
    await received(commander, answer.seqs![0]!);
    expect(await harness.hub.store.getEntity('key-person', 'kp-zhang')).toMatchObject({
      version: 2,
      doc: { removal: { by: accounts.get('commander')!.account.id, reason: '矫正期满解除' } },
    });
    expect(
      await commander.command({
        type: 'removeKeyPerson',
        commandId: newCommandId(),
        keyPersonId: 'kp-nobody',
        reason: '矫正期满解除',
      }),
    ).toMatchObject({ ok: false, code: 'not-found' });
  });

  it('leaves key persons out of an operator’s or a viewer’s snapshot, and their stream goes on from it', async () => {
    await commander.command({
      type: 'registerKeyPerson',
      commandId: newCommandId(),
      person: person({ id: 'kp-wang', name: '王某某' }),
    });
    // The last event is kept: a log pruned empty would have no head to go on from.
    await harness.hub.store.pruneEventsThrough((await harness.hub.store.headSeq()) - 1);
    for (const [label, role] of [
      ['operator', 'operator'],
      ['viewer', 'viewer'],
      ['commander', 'commander'],
    ] as const) {
      const stale = await clientFor(label, role, DALI_CITY);
      expect(await stale.subscribe(0)).toMatchObject({ ok: true, mode: 'snapshot' });
      const next = await reportInDaliCity();
      await received(stale, next);
      const snapshot = stale.snapshots[0]!;
      expect(snapshot.entities.some((entity) => entity.kind === 'incident')).toBe(true);
      const keyPersons = snapshot.entities.filter(isKeyPerson).map((entity) => entity.id);
      expect(keyPersons).toEqual(role === 'commander' ? ['kp-wang', 'kp-zhang'] : []);
      expect(stale.completeThrough(0)).toBeGreaterThanOrEqual(next);
    }
  });

  it('gives the system administrator the checksum of what a named account’s stream holds', async () => {
    const admin = await addOperator(harness.hub, 'sysadmin', PREFECTURE);
    const token = await login(harness.hub, admin.name, admin.password);
    const checksum = async (query: string) => {
      const response = await fetch(`${harness.hub.url}/api/v1/admin/checksum?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const asAdmin = await checksum(`scope=${DALI_CITY}`);
    const asCommander = await checksum(`account=${accounts.get('commander')!.name}`);
    const asOperator = await checksum(`account=${accounts.get('operator')!.name}`);
    // The system administrator, like an operator, does not see the key persons (三员分立); a commander does.
    expect(asOperator.body).toMatchObject({ scope: DALI_CITY, checksum: asAdmin.body.checksum });
    expect(asCommander.body.scope).toBe(DALI_CITY);
    expect(asCommander.body.entities).toBe((asAdmin.body.entities as number) + 2);
    expect(asCommander.body.checksum).not.toBe(asAdmin.body.checksum);
    expect((await checksum('account=nobody')).status).toBe(404);
    expect((await checksum(`account=${accounts.get('operator')!.name}&scope=${YANGBI}`)).status).toBe(403);
  });
});
