import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from './support/databases';
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

const HOUR = 3_600_000;
const shiftEndedAnHourAgo = () => ({
  start: new Date(Date.now() - 13 * HOUR).toISOString(),
  end: new Date(Date.now() - HOUR).toISOString(),
});
const today = () => new Date(Date.now() + 8 * HOUR).toISOString().slice(0, 10);

describe.each(STORE_KINDS)('the handover and the bulletin on a %s hub', (_store, createDatabase) => {
  let harness: Harness;
  let outgoing: StreamClient;
  let incoming: StreamClient;
  let bystander: StreamClient;
  let commander: StreamClient;
  let outsider: StreamClient;
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
    outgoing = await clientFor('operator', DALI_CITY);
    incoming = await clientFor('operator', DALI_CITY);
    bystander = await clientFor('viewer', DALI_CITY);
    commander = await clientFor('commander', DALI_CITY);
    outsider = await clientFor('operator', YANGBI);
    await bystander.subscribe(0);
    await outsider.subscribe(0);
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await harness?.close();
  });

  it('records the handed-in shift and its sign-off, and streams both to everyone in scope but no one outside', async () => {
    const handoverId = newCommandId();
    const submitted = await outgoing.command({
      type: 'submitHandover',
      commandId: handoverId,
      jurisdictionCode: DALI_CITY,
      shift: shiftEndedAnHourAgo(),
      notes: '两件超时待督办',
    });
    expect(submitted).toMatchObject({ ok: true });
    const accepted = await incoming.command({
      type: 'acceptHandover',
      commandId: newCommandId(),
      handoverId,
      note: '已接收',
    });
    expect(accepted).toMatchObject({ ok: true });

    const types = (client: StreamClient) =>
      client.events.filter((event) => event.type.startsWith('handover.')).map((event) => event.type);
    await bystander.waitFor(() => types(bystander).length === 2);
    expect(types(bystander)).toEqual(['handover.submitted', 'handover.accepted']);
    const stored = await harness.hub.store.getEntity('handover', handoverId);
    expect(stored?.doc).toMatchObject({ notes: '两件超时待督办', acceptance: { note: '已接收' } });
    expect(stored?.version).toBe(2);
    expect(types(outsider)).toEqual([]);
  });

  it.each([
    {
      what: 'a viewer handing in a shift',
      by: () => bystander,
      command: () => ({
        type: 'submitHandover',
        jurisdictionCode: DALI_CITY,
        shift: shiftEndedAnHourAgo(),
        notes: '无',
      }),
      code: 'role-not-permitted',
    },
    {
      what: 'a shift that has not started',
      by: () => outgoing,
      command: () => ({
        type: 'submitHandover',
        jurisdictionCode: DALI_CITY,
        shift: {
          start: new Date(Date.now() + HOUR).toISOString(),
          end: new Date(Date.now() + 13 * HOUR).toISOString(),
        },
        notes: '无',
      }),
      code: 'precondition-failed',
    },
    {
      what: 'a shift longer than a day',
      by: () => outgoing,
      command: () => ({
        type: 'submitHandover',
        jurisdictionCode: DALI_CITY,
        shift: {
          start: new Date(Date.now() - 30 * HOUR).toISOString(),
          end: new Date(Date.now()).toISOString(),
        },
        notes: '无',
      }),
      code: 'invalid-command',
    },
    {
      what: 'signing off a handover that does not exist',
      by: () => incoming,
      command: () => ({ type: 'acceptHandover', handoverId: 'no-such-handover', note: '' }),
      code: 'not-found',
    },
    {
      what: 'an operator issuing a bulletin',
      by: () => outgoing,
      command: () => ({
        type: 'saveBulletin',
        jurisdictionCode: DALI_CITY,
        period: 'day',
        day: today(),
        title: '大理市综治中心每日通报',
        body: '一、总体情况',
      }),
      code: 'role-not-permitted',
    },
    {
      what: 'a bulletin for a period yet to come',
      by: () => commander,
      command: () => ({
        type: 'saveBulletin',
        jurisdictionCode: DALI_CITY,
        period: 'day',
        day: '2099-01-01',
        title: '大理市综治中心每日通报',
        body: '一、总体情况',
      }),
      code: 'precondition-failed',
    },
    {
      what: 'a bulletin with no text',
      by: () => commander,
      command: () => ({
        type: 'saveBulletin',
        jurisdictionCode: DALI_CITY,
        period: 'week',
        day: today(),
        title: '大理市综治中心每周分析',
        body: '   ',
      }),
      code: 'invalid-command',
    },
  ])('refuses $what, and records nothing', async ({ by, command, code }) => {
    const before = await harness.hub.store.headSeq();
    const outcome = await by().command({ ...command(), commandId: newCommandId() });
    expect(outcome).toMatchObject({ ok: false, code });
    expect(await harness.hub.store.headSeq()).toBe(before);
  });

  it('refuses a second sign-off and the outgoing operator’s own', async () => {
    const handoverId = newCommandId();
    await outgoing.command({
      type: 'submitHandover',
      commandId: handoverId,
      jurisdictionCode: DALI_CITY,
      shift: shiftEndedAnHourAgo(),
      notes: '平稳',
    });
    const own = await outgoing.command({
      type: 'acceptHandover',
      commandId: newCommandId(),
      handoverId,
      note: '',
    });
    expect(own).toMatchObject({
      ok: false,
      code: 'precondition-failed',
      reason: expect.stringMatching(/own shift/),
    });
    await incoming.command({ type: 'acceptHandover', commandId: newCommandId(), handoverId, note: '' });
    const again = await commander.command({
      type: 'acceptHandover',
      commandId: newCommandId(),
      handoverId,
      note: '',
    });
    expect(again).toMatchObject({
      ok: false,
      code: 'precondition-failed',
      reason: expect.stringMatching(/already/),
    });
  });

  it('keeps one bulletin per jurisdiction and period, the latest text replacing the one before', async () => {
    const save = (body: string, day: string) =>
      commander.command({
        type: 'saveBulletin',
        commandId: newCommandId(),
        jurisdictionCode: DALI_CITY,
        period: 'month',
        day,
        title: '大理市综治中心每月调度',
        body,
      });
    const monthStart = `${today().slice(0, 8)}01`;
    expect(await save('一、总体情况\n\u3000\u3000初稿', monthStart)).toMatchObject({ ok: true });
    expect(await save('一、总体情况\n\u3000\u3000定稿', today())).toMatchObject({ ok: true });
    const stored = await harness.hub.store.getEntity('bulletin', `${DALI_CITY}/month/${monthStart}`);
    expect(stored).toMatchObject({
      version: 2,
      doc: { body: '一、总体情况\n\u3000\u3000定稿', from: monthStart },
    });
    expect(PREFECTURE.length).toBeLessThan(DALI_CITY.length);
  });
});
