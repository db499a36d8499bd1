import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  availableActions,
  deadlineFor,
  DEFAULT_SLA,
  LIFECYCLE_ACTION_TYPES,
  ROLES,
  can,
  STAGES,
  toMillis,
  type Incident,
  type LifecycleActionType,
  type MonitoringPoint,
  type Mode,
  type Role,
  type Stage,
} from '../../src/domain';
import { recordEvents } from '../../src/hub/projector';
import { createSqliteDatabase, STORE_KINDS } from './support/databases';
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
  postJson,
  postReports,
  report,
  startTestHub,
  type Harness,
} from './support/hub-harness';

const MODES: readonly Mode[] = ['peacetime', 'wartime'];
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A command of each type, valid in its own right, for an incident at `version`. */
function commandFor(type: LifecycleActionType, incident: Incident, at: number): Record<string, unknown> {
  const envelope = { commandId: newCommandId(), incidentId: incident.id, baseVersion: incident.version };
  const waiting = incident.assignedUnitIds.find((id) => !incident.acknowledgedUnitIds.includes(id));
  const actions: Record<LifecycleActionType, Record<string, unknown>> = {
    report: { type: 'report' },
    assess: { type: 'assess', riskLevel: 'medium' },
    assign: {
      type: 'assign',
      unitIds: [`unit-${incident.jurisdictionCode.slice(0, 6)}-police`],
      deadline: new Date(at + 10 * DAY).toISOString(),
    },
    acknowledge: { type: 'acknowledge', unitId: waiting ?? incident.assignedUnitIds[0] ?? 'unit-none' },
    escalate: { type: 'escalate', reason: '涉及多部门需协调' },
    issueSupervisionNotice: { type: 'issueSupervisionNotice', requirement: '三日内化解到位并报告' },
    resolve: { type: 'resolve', summary: '双方达成调解协议', difficulty: 'ordinary' },
    recordFollowUp: { type: 'recordFollowUp', satisfaction: 'satisfied', note: '电话回访，当事人满意' },
    close: { type: 'close', reason: '重复上报，已并案处理' },
  };
  return { ...envelope, ...actions[type] };
}

/** The way each stage is reached from a report, by a commander, who may take every step. */
const ROUTE: Record<Stage, readonly LifecycleActionType[]> = {
  sense: [],
  report: [],
  assess: ['assess'],
  assign: ['assess', 'assign'],
  resolve: ['assess', 'assign', 'acknowledge'],
  supervise: ['assess', 'assign', 'acknowledge', 'escalate'],
  followUp: ['assess', 'assign', 'acknowledge', 'resolve'],
  closed: ['assess', 'assign', 'acknowledge', 'resolve', 'recordFollowUp'],
};

describe.each(STORE_KINDS)('supervision on a %s hub', (_store, createDatabase) => {
  let harness: Harness;
  let key: string;
  /** The hub's clock: commands and sweeps happen when the test says. */
  let clock = Date.now();
  const clients: StreamClient[] = [];
  /** Every role that sees the situation; the security and audit administrators are refused the stream. */
  const STREAM_ROLES = ROLES.filter((role) => can(role, 'read'));
  const byRole = {} as Record<(typeof STREAM_ROLES)[number], StreamClient>;

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

  const incidentDoc = async (id: string) =>
    (await harness.hub.store.getEntity('incident', id))!.doc as Incident;

  async function act(client: StreamClient, type: LifecycleActionType, id: string) {
    return client.command(commandFor(type, await incidentDoc(id), clock));
  }

  async function incidentIn(stage: Stage, county: string): Promise<string> {
    const place = placeIn(harness.hub.region, county);
    const id =
      stage === 'sense'
        ? (
            (
              await postJson(`${harness.hub.url}/api/v1/monitoring/alarms`, key, {
                alarms: [
                  { id: randomUUID(), pointId: `cam-${county}`, category: 'public-order', title: '人员聚集' },
                ],
              })
            ).body.created as string[]
          )[0]!
        : (await postReports(harness.hub.url, key, [report(place)])).created[0]!;
    for (const step of ROUTE[stage]) {
      const outcome = await act(byRole.commander, step, id);
      if (!outcome.ok) throw new Error(`${step} on the way to ${stage}: ${outcome.reason}`);
    }
    return id;
  }

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase(), { clock: () => clock, escalationSweepMs: 0 });
    key = await addKey(harness.hub, PREFECTURE);
    for (const role of STREAM_ROLES) byRole[role] = await clientFor(role, PREFECTURE);
    const cameras: MonitoringPoint[] = [DALI_CITY, YANGBI].map((county) => {
      const place = placeIn(harness.hub.region, county);
      return {
        id: `cam-${county}`,
        name: '路口摄像机',
        kind: 'camera',
        cameraClass: 1,
        jurisdictionCode: place.village,
        location: place.location,
        status: 'online',
        statusAt: new Date().toISOString(),
      };
    });
    await harness.hub.store.transaction((tx) =>
      recordEvents(
        tx,
        cameras.map((point) => ({
          type: 'monitoring.registered' as const,
          jurisdiction: point.jurisdictionCode,
          at: new Date().toISOString(),
          payload: { points: [point] },
        })),
      ),
    );
    const wartime = await byRole.commander.command({
      type: 'switchMode',
      commandId: newCommandId(),
      jurisdictionCode: YANGBI,
      mode: 'wartime',
      reason: '地震应急响应',
    });
    expect(wartime.ok, wartime.reason).toBe(true);
  });
  afterAll(async () => {
    clients.forEach((client) => client.close());
    await harness?.close();
  });

  it('accepts exactly the actions the screen offers, in every stage, for every role, on time or late, in both modes', async () => {
    const mismatches: string[] = [];
    for (const stage of STAGES)
      for (const mode of MODES)
        for (const overdue of [false, true]) {
          clock = Date.now();
          const county = mode === 'wartime' ? YANGBI : DALI_CITY;
          const probe = await incidentIn(stage, county);
          const shape = await incidentDoc(probe);
          const deadline = deadlineFor(shape, stage, mode, DEFAULT_SLA);
          const checkAt = !overdue
            ? clock
            : deadline === null
              ? clock + 30 * DAY
              : toMillis(deadline) + MINUTE;
          const ctx = { at: new Date(checkAt).toISOString(), mode, sla: DEFAULT_SLA };
          const offered = Object.fromEntries(
            STREAM_ROLES.map((role) => [role, availableActions(shape, role, ctx)]),
          ) as Record<Role, LifecycleActionType[]>;
          // Each offered action is taken on a case of its own, all prepared before the clock moves.
          const fresh = new Map<string, string>();
          for (const role of STREAM_ROLES)
            for (const type of offered[role]) fresh.set(`${role}/${type}`, await incidentIn(stage, county));
          clock = checkAt;
          for (const role of STREAM_ROLES)
            for (const type of LIFECYCLE_ACTION_TYPES) {
              const target = fresh.get(`${role}/${type}`) ?? probe;
              const outcome = await act(byRole[role], type, target);
              const isOffered = offered[role].includes(type);
              if (outcome.ok !== isOffered)
                mismatches.push(
                  `${stage} · ${mode} · ${overdue ? 'late' : 'on time'} · ${role} · ${type}: ` +
                    `offered ${isOffered}, hub ${outcome.ok ? 'accepted' : `refused (${outcome.reason})`}`,
                );
            }
        }
    expect(mismatches).toEqual([]);
  }, 240_000);

  const escalationsOf = async (id: string) =>
    (await harness.hub.store.eventsAbout(id))
      .filter((event) => event.type === 'incident.overdue-escalated')
      .map((event) => (event.payload as { escalation: Record<string, unknown> }).escalation);

  it('escalates a case overdue at its stage one centre up, once per missed deadline, as far as its table allows', async () => {
    clock = Date.now();
    const county = await clientFor('commander', DALI_CITY);
    await county.subscribe(await harness.hub.store.headSeq());
    const id = await incidentIn('resolve', DALI_CITY);
    const incident = await incidentDoc(id);
    const enteredAt = toMillis(incident.stageEnteredAt.resolve!);
    const due = toMillis(deadlineFor(incident, 'resolve', 'peacetime', DEFAULT_SLA)!);
    const allowed = due - enteredAt;

    clock = due;
    await harness.hub.sweepEscalations();
    expect(await escalationsOf(id)).toEqual([]);
    // Two sweeps at once, as two hubs on one database would run them: the case goes up once.
    clock = due + MINUTE;
    await Promise.all([harness.hub.sweepEscalations(), harness.hub.sweepEscalations()]);
    await harness.hub.sweepEscalations();
    expect(await escalationsOf(id)).toHaveLength(1);
    clock = due + allowed + MINUTE;
    await harness.hub.sweepEscalations();
    clock = due + 10 * allowed;
    await harness.hub.sweepEscalations();

    const village = incident.jurisdictionCode.slice(0, 12);
    expect(await escalationsOf(id)).toEqual([
      {
        level: 1,
        reason: 'overdue-at-stage',
        stage: 'resolve',
        stageEnteredAt: incident.stageEnteredAt.resolve,
        deadline: new Date(due).toISOString(),
        to: village.slice(0, 9),
        at: new Date(due + MINUTE).toISOString(),
      },
      {
        level: 2,
        reason: 'overdue-at-stage',
        stage: 'resolve',
        stageEnteredAt: incident.stageEnteredAt.resolve,
        deadline: new Date(due + allowed).toISOString(),
        to: DALI_CITY,
        at: new Date(due + allowed + MINUTE).toISOString(),
      },
    ]);
    expect((await incidentDoc(id)).version).toBe(incident.version + 2);
    // The county's screens hear of it like of any change to the case.
    await county.waitFor(
      (events) =>
        events.filter((event) => event.type === 'incident.overdue-escalated' && event.subject === id)
          .length === 2,
    );
  });

  it('leaves escalation to people where the table in force says so', async () => {
    const config = structuredClone(DEFAULT_SLA);
    config.wartime.escalation = { automatic: false, maxLevels: 2 };
    const configured = await byRole.sysadmin.command({
      type: 'configureSla',
      commandId: newCommandId(),
      jurisdictionCode: YANGBI,
      config,
    });
    expect(configured.ok, configured.reason).toBe(true);
    clock = Date.now();
    const id = await incidentIn('resolve', YANGBI);
    clock += 30 * DAY;
    await harness.hub.sweepEscalations();
    expect(await escalationsOf(id)).toEqual([]);
  });

  it('numbers supervision notices in the centre’s series of the year, never twice, with two desktops issuing at once', async () => {
    const [first, second] = [
      await clientFor('commander', DALI_CITY),
      await clientFor('commander', DALI_CITY),
    ];
    clock = Date.now();
    const cases: string[] = [];
    for (let index = 0; index < 6; index += 1) cases.push(await incidentIn('supervise', DALI_CITY));
    const issue = (client: StreamClient, id: string) => act(client, 'issueSupervisionNotice', id);
    const outcomes = await Promise.all(cases.map((id, index) => issue(index % 2 ? second : first, id)));
    expect(outcomes.map((outcome) => outcome.ok)).toEqual(cases.map(() => true));
    // A notice the lifecycle refuses takes no number from the series.
    const onTime = await incidentIn('resolve', DALI_CITY);
    expect((await issue(first, onTime)).ok).toBe(false);
    const another = await incidentIn('supervise', DALI_CITY);
    expect((await issue(second, another)).ok).toBe(true);

    const numbers = [];
    for (const id of [...cases, another])
      for (const event of await harness.hub.store.eventsAbout(id))
        if (event.type === 'supervision.issued') numbers.push((event.payload as { notice: unknown }).notice);
    const year = Number(new Date(clock + 8 * 3_600_000).toISOString().slice(0, 4));
    expect(numbers.map((n) => (n as { serial: number }).serial).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
    for (const number of numbers) expect(number).toMatchObject({ centre: DALI_CITY, year });
    expect((numbers.at(-1) as { serial: number }).serial).toBe(7);
  });
});

describe('the hub’s own sweep', () => {
  it('escalates an overdue case by itself, on its interval, and tells the screens', async () => {
    let clock = Date.now();
    const harness = await startTestHub(createSqliteDatabase(), { clock: () => clock, escalationSweepMs: 50 });
    try {
      const key = await addKey(harness.hub, PREFECTURE);
      const account = await addOperator(harness.hub, 'operator', DALI_CITY);
      const client = new StreamClient(
        harness.hub.url,
        await login(harness.hub, account.name, account.password),
      );
      try {
        await client.subscribe(0);
        const [id] = (
          await postReports(harness.hub.url, key, [report(placeIn(harness.hub.region, DALI_CITY))])
        ).created;
        // A report is graded within two hours; three hours later it has missed that deadline.
        clock += 3 * 60 * MINUTE;
        await client.waitFor((events) =>
          events.some((event) => event.type === 'incident.overdue-escalated' && event.subject === id),
        );
        const escalated = client.events.find((event) => event.type === 'incident.overdue-escalated')!;
        expect(escalated.payload).toMatchObject({ escalation: { level: 1, stage: 'report' } });
      } finally {
        client.close();
      }
    } finally {
      await harness.close();
    }
  });
});
