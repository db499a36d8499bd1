import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_CODES } from '../../src/domain';
import { createAccount } from '../../src/hub/accounts';
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

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const TIME_PARAMS = new Set(['at', 'deadline', 'due', 'acknowledgeBy']);

type Role = 'operator' | 'viewer' | 'commander' | 'yangbi';

/** What a person is told when the hub refuses a command: a code the renderer words, and its parameters. */
describe.each(STORE_KINDS)('refusals a person reads, from a %s hub', (_store, createDatabase) => {
  let harness: Harness;
  let key: string;
  const clients = {} as Record<Role, StreamClient>;

  async function clientFor(role: string, jurisdiction: string) {
    const account = await addOperator(harness.hub, role, jurisdiction);
    const client = new StreamClient(
      harness.hub.url,
      await login(harness.hub, account.name, account.password),
    );
    await client.connected();
    return { client, name: account.name };
  }

  async function newIncident(): Promise<string> {
    const posted = await postReports(harness.hub.url, key, [report(placeIn(harness.hub.region, DALI_CITY))]);
    return posted.created[0]!;
  }

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase());
    key = await addKey(harness.hub, PREFECTURE);
    const { password } = await createAccount(
      harness.hub.store,
      {
        name: 'duty-liming',
        role: 'operator',
        jurisdiction: DALI_CITY,
        displayName: '李明',
        post: '值班员',
      },
      { mustChangePassword: false },
    );
    clients.operator = new StreamClient(harness.hub.url, await login(harness.hub, 'duty-liming', password));
    await clients.operator.connected();
    clients.viewer = (await clientFor('viewer', DALI_CITY)).client;
    clients.commander = (await clientFor('commander', PREFECTURE)).client;
    clients.yangbi = (await clientFor('operator', YANGBI)).client;
  });
  afterAll(async () => {
    Object.values(clients).forEach((client) => client.close());
    await harness?.close();
  });

  const cases: [string, Role, (incidentId: string) => Record<string, unknown>, string, object][] = [
    [
      'an action the stage does not allow',
      'operator',
      (incidentId) => ({
        type: 'resolve',
        incidentId,
        baseVersion: 1,
        summary: '双方达成调解协议',
        difficulty: 'ordinary',
      }),
      'illegalInStage',
      { action: 'resolve', stage: 'report' },
    ],
    [
      'a role that may not act',
      'viewer',
      (incidentId) => ({ type: 'assess', incidentId, baseVersion: 1, riskLevel: 'high' }),
      'roleMayNot',
      { role: 'viewer', action: 'assess' },
    ],
    [
      'an incident outside the operator’s county',
      'yangbi',
      (incidentId) => ({ type: 'assess', incidentId, baseVersion: 1, riskLevel: 'high' }),
      'outOfScope',
      {},
    ],
    [
      'an incident that does not exist',
      'operator',
      () => ({ type: 'assess', incidentId: 'no-such-incident', baseVersion: 1, riskLevel: 'high' }),
      'incidentNotFound',
      {},
    ],
    [
      'a malformed command',
      'operator',
      (incidentId) => ({ type: 'assess', incidentId, baseVersion: 1, riskLevel: 'extreme' }),
      'invalidCommand',
      {},
    ],
    [
      'a key person whose resident ID number has a digit mistyped',
      'commander',
      (incidentId) => ({
        type: 'registerKeyPerson',
        person: {
          id: `kp-${incidentId}`,
          name: '张三丰',
          idNumber: '532901199001091235',
          category: 'community-correction',
          jurisdictionCode: DALI_CITY,
          phone: '13800000000',
          reason: '社区矫正期间，需定期报到',
          measures: '每周电话报到，每月走访一次',
          responsible: '李某某',
        },
      }),
      'residentIdCheckCharacter',
      { expected: '4', actual: '5' },
    ],
    [
      'a switch to the mode already in force',
      'commander',
      () => ({ type: 'switchMode', jurisdictionCode: DALI_CITY, mode: 'peacetime', reason: '维持平时状态' }),
      'alreadyInMode',
      { mode: 'peacetime' },
    ],
    [
      'a mode switch by a role that may not',
      'operator',
      () => ({ type: 'switchMode', jurisdictionCode: DALI_CITY, mode: 'wartime', reason: '地震应急响应' }),
      'roleLacksPermission',
      { role: 'operator', permission: 'switch-mode' },
    ],
  ];

  it.each(cases)('%s', async (_case, role, build, code, params) => {
    const incidentId = await newIncident();
    const outcome = await clients[role].command({ commandId: newCommandId(), ...build(incidentId) });
    expect(outcome).toMatchObject({ ok: false, words: { code, params } });
    expect(Object.keys(outcome.words!.params).sort()).toEqual(Object.keys(params).sort());
  });

  it('a stale version names who changed the incident, by post and name, and when', async () => {
    const incidentId = await newIncident();
    await clients.operator.command({
      type: 'assess',
      commandId: newCommandId(),
      incidentId,
      baseVersion: 1,
      riskLevel: 'low',
    });
    const incident = await harness.hub.store.getEntity('incident', incidentId);
    const stale = await clients.commander.command({
      type: 'close',
      commandId: newCommandId(),
      incidentId,
      baseVersion: 1,
      reason: '重复上报，已合并',
    });
    expect(stale).toMatchObject({
      ok: false,
      code: 'stale-version',
      words: {
        code: 'changedBy',
        params: { by: '值班员 李明', at: (incident!.doc as { updatedAt: string }).updatedAt },
      },
    });
  });

  it('sends only codes the renderer words, and no ids among the parameters', async () => {
    const incidentId = await newIncident();
    const outcomes = await Promise.all(
      cases.map(([, role, build]) =>
        clients[role].command({ commandId: newCommandId(), ...build(incidentId) }),
      ),
    );
    for (const outcome of outcomes) {
      expect(MESSAGE_CODES).toContain(outcome.words!.code);
      for (const [name, value] of Object.entries(outcome.words!.params))
        if (!TIME_PARAMS.has(name)) expect(String(value)).not.toMatch(UUID);
    }
  });
});
