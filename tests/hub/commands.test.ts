import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SLA } from '../../src/domain';
import { STORE_KINDS } from './support/databases';
import {
  DALI_CITY,
  PREFECTURE,
  StreamClient,
  YANGBI,
  addKey,
  addOperator,
  addUnitKey,
  login,
  newCommandId,
  placeIn,
  postJson,
  postReports,
  registerUnits,
  report,
  startTestHub,
  type Harness,
} from './support/hub-harness';

describe.each(STORE_KINDS)('operator commands on a %s hub', (_store, createDatabase) => {
  let harness: Harness;
  let key: string;
  let operator: StreamClient;
  let operatorName: string;
  let colleague: StreamClient;
  let viewer: StreamClient;
  let commander: StreamClient;
  const clients: StreamClient[] = [];

  async function clientFor(role: string, jurisdiction: string) {
    const account = await addOperator(harness.hub, role, jurisdiction);
    const c = new StreamClient(harness.hub.url, await login(harness.hub, account.name, account.password));
    await c.connected();
    clients.push(c);
    return { client: c, name: account.name };
  }

  async function newIncident(county = DALI_CITY): Promise<string> {
    const posted = await postReports(harness.hub.url, key, [report(placeIn(harness.hub.region, county))]);
    return posted.created[0]!;
  }

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase());
    key = await addKey(harness.hub, PREFECTURE);
    const op = await clientFor('operator', DALI_CITY);
    operator = op.client;
    operatorName = op.name;
    colleague = (await clientFor('operator', DALI_CITY)).client;
    viewer = (await clientFor('viewer', DALI_CITY)).client;
    commander = (await clientFor('commander', PREFECTURE)).client;
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await harness?.close();
  });

  it('applies a command once however often it is retried, returning the first outcome', async () => {
    const incidentId = await newIncident();
    const command = {
      type: 'assess',
      commandId: newCommandId(),
      incidentId,
      baseVersion: 1,
      riskLevel: 'high',
    };
    const first = await operator.command(command);
    expect(first).toMatchObject({ ok: true });
    const retries = await Promise.all([
      operator.command(command),
      operator.command(command),
      operator.command(command),
    ]);
    for (const retry of retries) expect(retry).toEqual({ ...first, replayed: true });
    const history = await harness.hub.store.eventsAbout(incidentId);
    expect(history.map((e) => e.type)).toEqual(['incident.reported', 'incident.assessed']);
    expect((await harness.hub.store.getEntity('incident', incidentId))?.version).toBe(2);
  });

  it('refuses a command based on a stale version, saying who changed it and when', async () => {
    const incidentId = await newIncident();
    await operator.command({
      type: 'assess',
      commandId: newCommandId(),
      incidentId,
      baseVersion: 1,
      riskLevel: 'low',
    });
    const stale = await colleague.command({
      type: 'close',
      commandId: newCommandId(),
      incidentId,
      baseVersion: 1,
      reason: '重复上报，已合并',
    });
    expect(stale).toMatchObject({ ok: false, code: 'stale-version' });
    expect(stale.reason).toContain(`changed by ${operatorName} at`);
  });

  it.each([
    ['a viewer acting at all', 'viewer', 'role-not-permitted', 'may not'],
    ['resolving before assignment', 'operator-resolve', 'illegal-in-stage', 'resolve'],
    ['a command naming no incident that exists', 'operator-unknown', 'not-found', 'no incident'],
    ['a command without a command id', 'operator-no-id', 'invalid-command', 'commandId'],
  ])('refuses %s with a precise reason', async (_case, variant, code, fragment) => {
    const incidentId = await newIncident();
    const base = { commandId: newCommandId(), incidentId, baseVersion: 1 };
    const outcome =
      variant === 'viewer'
        ? await viewer.command({ ...base, type: 'assess', riskLevel: 'high' })
        : variant === 'operator-resolve'
          ? await operator.command({
              ...base,
              type: 'resolve',
              summary: '双方达成调解协议',
              difficulty: 'ordinary',
            })
          : variant === 'operator-unknown'
            ? await operator.command({
                ...base,
                incidentId: 'no-such-incident',
                type: 'assess',
                riskLevel: 'high',
              })
            : await operator.command({ type: 'assess', incidentId, baseVersion: 1, riskLevel: 'high' });
    expect(outcome).toMatchObject({ ok: false, code });
    expect(outcome.reason).toContain(fragment);
  });

  describe('an operator scoped to 532901 (大理市)', () => {
    const commandsFor = (incidentId: string) => [
      { type: 'assess', commandId: newCommandId(), incidentId, baseVersion: 1, riskLevel: 'medium' },
      { type: 'close', commandId: newCommandId(), incidentId, baseVersion: 1, reason: '不属于矛盾纠纷' },
      { type: 'addNote', commandId: newCommandId(), incidentId, text: '已电话联系当事人' },
    ];

    it.each([
      { where: 'its own county', county: DALI_CITY, accepted: true },
      { where: 'the neighbouring county 532922 (漾濞)', county: YANGBI, accepted: false },
    ])('acting on an incident in $where: accepted = $accepted', async ({ county, accepted }) => {
      for (const commandType of ['assess', 'close', 'addNote']) {
        const command = commandsFor(await newIncident(county)).find((c) => c.type === commandType)!;
        const outcome = await operator.command(command);
        if (accepted) {
          expect(outcome.ok, `${command.type}: ${outcome.reason}`).toBe(true);
        } else {
          expect(outcome).toMatchObject({ ok: false, code: 'out-of-scope' });
          expect(outcome.reason).toContain(YANGBI);
        }
      }
    });

    it('cannot switch wartime mode, which a commander can, for its own jurisdiction only', async () => {
      const refused = await operator.command({
        type: 'switchMode',
        commandId: newCommandId(),
        jurisdictionCode: DALI_CITY,
        mode: 'wartime',
        reason: '地震应急响应',
      });
      expect(refused).toMatchObject({ ok: false, code: 'role-not-permitted' });
      const switched = await commander.command({
        type: 'switchMode',
        commandId: newCommandId(),
        jurisdictionCode: PREFECTURE,
        mode: 'wartime',
        reason: '漾濞6.4级地震，启动战时指挥',
      });
      expect(switched.ok).toBe(true);
      expect(await harness.hub.store.getEntity('mode', PREFECTURE)).toMatchObject({
        doc: { mode: 'wartime' },
      });
    });
  });

  it('stores the system administrator’s SLA tables as an event the screens below receive, and refuses anyone else', async () => {
    const admin = (await clientFor('sysadmin', PREFECTURE)).client;
    const county = (await clientFor('operator', YANGBI)).client;
    await county.subscribe(await harness.hub.store.headSeq());
    const config = structuredClone(DEFAULT_SLA);
    config.peacetime.assess.low = 12 * 60;
    const command = { type: 'configureSla', jurisdictionCode: PREFECTURE, config };

    const cases: [string, StreamClient, Record<string, unknown>, string | null][] = [
      ['an operator', operator, command, 'role-not-permitted'],
      [
        'wartime more lenient than peacetime',
        admin,
        { ...command, config: { ...config, wartime: config.peacetime, peacetime: config.wartime } },
        'invalid-command',
      ],
      ['the system administrator', admin, command, null],
    ];
    for (const [who, client, body, code] of cases) {
      const answer = await client.command({ ...body, commandId: newCommandId() });
      expect(code === null ? answer.ok : answer.code, who).toBe(code === null ? true : code);
    }
    // The county screen learns its prefecture's tables, though the prefecture lies outside its scope.
    await county.waitFor((events) => events.some((event) => event.type === 'sla.configured'));
    expect(await harness.hub.store.getEntity('sla', PREFECTURE)).toMatchObject({ doc: config });
  });

  it('takes a member unit’s acknowledgement from the unit’s own system, once', async () => {
    const incidentId = await newIncident();
    await operator.command({
      type: 'assess',
      commandId: newCommandId(),
      incidentId,
      baseVersion: 1,
      riskLevel: 'medium',
    });
    const deadline = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
    const assigned = await operator.command({
      type: 'assign',
      commandId: newCommandId(),
      incidentId,
      baseVersion: 2,
      unitIds: ['unit-532901-police', 'unit-532901-justice-bureau'],
      deadline,
    });
    expect(assigned.ok, assigned.reason).toBe(true);
    await registerUnits(harness.hub, 'unit-532901-police');
    const unitKey = await addUnitKey(harness.hub, 'unit-532901-police', 'unit-portal');
    const acknowledge = (id: string) =>
      postJson(`${harness.hub.url}/api/v1/orders/acknowledgements`, unitKey, {
        acknowledgements: [{ id, orderId: `${incidentId}/unit-532901-police`, note: '已签收，民警前往现场' }],
      });
    expect((await acknowledge('ack-1')).status).toBe(201);
    const incident = await harness.hub.store.getEntity('incident', incidentId);
    expect(incident?.doc).toMatchObject({ stage: 'resolve', acknowledgedUnitIds: ['unit-532901-police'] });
    const again = await acknowledge('ack-2');
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('refused');
  });

  it('writes every accepted and refused command to the audit log', async () => {
    const entries = await harness.hub.store.auditEntries(500);
    expect(entries.some((e) => e.action === 'command.assess' && e.outcome === 'accepted')).toBe(true);
    expect(entries.some((e) => e.action === 'command.assess' && e.outcome === 'refused')).toBe(true);
    expect(entries.some((e) => e.action === 'command' && e.outcome === 'refused')).toBe(true);
    expect(entries.some((e) => e.action === 'command.switchMode' && e.outcome === 'accepted')).toBe(true);
  });
});
