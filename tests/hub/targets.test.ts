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
  newCommandId,
  placeIn,
  postReports,
  report,
  startTestHub,
  type Harness,
} from './support/hub-harness';
import { pointInVillage } from './support/village-point';

const isTarget = (item: { type?: string }) => item.type?.startsWith('target.') === true;

describe.each(STORE_KINDS)(
  'the registers of dangerous objects and sensitive places on a %s hub',
  (_store, createDatabase) => {
    let harness: Harness;
    let village: string;
    let yangbiVillage: string;
    const clients: StreamClient[] = [];
    let commander: StreamClient;
    let operator: StreamClient;
    let viewer: StreamClient;
    let outsider: StreamClient;
    let prefectureCommander: StreamClient;

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

    const place = (overrides: Record<string, unknown> = {}) => ({
      kind: 'sensitive-place',
      id: 'sp-school',
      name: '下关第一中学',
      category: 'school',
      jurisdictionCode: village,
      location: pointInVillage(village),
      address: '文化路2号',
      protectiveRadiusM: 500,
      ...overrides,
    });
    const store = (overrides: Record<string, unknown> = {}) => ({
      kind: 'dangerous-object',
      id: 'do-store',
      name: '化工仓库',
      category: 'hazardous-chemicals',
      jurisdictionCode: village,
      location: pointInVillage(village),
      address: '工业园区1号',
      holder: '某某化工有限公司',
      riskLevel: 'high',
      lastInspectedOn: '2025-01-10',
      inspectEveryDays: 30,
      ...overrides,
    });

    beforeAll(async () => {
      harness = await startTestHub(await createDatabase());
      const key = await addKey(harness.hub, PREFECTURE);
      village = placeIn(harness.hub.region, DALI_CITY).village;
      yangbiVillage = placeIn(harness.hub.region, YANGBI).village;
      commander = await clientFor('commander', DALI_CITY);
      operator = await clientFor('operator', DALI_CITY);
      viewer = await clientFor('viewer', DALI_CITY);
      outsider = await clientFor('commander', YANGBI);
      prefectureCommander = await clientFor('commander', PREFECTURE);
      await postReports(harness.hub.url, key, [report(placeIn(harness.hub.region, DALI_CITY))]);
      for (const client of [commander, operator, viewer, outsider]) await client.subscribe(0);
    });
    afterAll(async () => {
      clients.forEach((client) => client.close());
      await harness?.close();
    });

    it('registers a sensitive place and a dangerous object, streamed to every role in scope and to nobody outside', async () => {
      const answers = [
        await commander.command({ type: 'registerTarget', commandId: newCommandId(), target: place() }),
        await prefectureCommander.command({
          type: 'registerTarget',
          commandId: newCommandId(),
          target: store(),
        }),
      ];
      for (const answer of answers) expect(answer).toMatchObject({ ok: true, seqs: [expect.any(Number)] });
      const last = answers[1]!.seqs![0]!;
      for (const client of [commander, operator, viewer])
        await client.waitFor((events) => events.some((event) => event.seq === last));
      expect(viewer.events.filter(isTarget).map((event) => event.type)).toEqual([
        'target.registered',
        'target.registered',
      ]);
      expect(outsider.events.filter(isTarget)).toEqual([]);
      expect(await harness.hub.store.getEntity('sensitive-place', 'sp-school')).toMatchObject({
        jurisdiction: village,
        version: 1,
        doc: { protectiveRadiusM: 500, removal: null },
      });
      expect(await harness.hub.store.getEntity('dangerous-object', 'do-store')).toMatchObject({
        doc: { holder: '某某化工有限公司', riskLevel: 'high' },
      });
    });

    it.each([
      {
        who: 'an operator',
        client: () => operator,
        target: () => place({ id: 'sp-op' }),
        code: 'role-not-permitted',
      },
      {
        who: 'a viewer',
        client: () => viewer,
        target: () => store({ id: 'do-view' }),
        code: 'role-not-permitted',
      },
      {
        who: 'a commander of Yangbi, in Dali city',
        client: () => outsider,
        target: () => place({ id: 'sp-out' }),
        code: 'out-of-scope',
      },
      {
        who: 'a commander of Yangbi, taking over Dali city’s school',
        client: () => outsider,
        target: () => place({ jurisdictionCode: yangbiVillage, location: pointInVillage(yangbiVillage) }),
        code: 'out-of-scope',
      },
      {
        who: 'a commander, placing a school outside the village it is filed under',
        client: () => commander,
        target: () => place({ id: 'sp-astray', location: pointInVillage(yangbiVillage) }),
        code: 'precondition-failed',
      },
      {
        who: 'a commander, with a NUL in the name',
        client: () => commander,
        target: () => place({ id: 'sp-nul', name: '一\u0000中' }),
        code: 'invalid-command',
      },
      {
        who: 'a commander, with a radius of 20 km',
        client: () => commander,
        target: () => place({ id: 'sp-wide', protectiveRadiusM: 20_000 }),
        code: 'invalid-command',
      },
      {
        who: 'a commander, with an inspection still to come',
        client: () => commander,
        target: () => store({ id: 'do-future', lastInspectedOn: '2999-01-01' }),
        code: 'precondition-failed',
      },
    ])('refuses $who ($code) and records nothing', async ({ client, target, code }) => {
      const head = await harness.hub.store.headSeq();
      const answer = await client().command({
        type: 'registerTarget',
        commandId: newCommandId(),
        target: target(),
      });
      expect(answer).toMatchObject({ ok: false, code });
      expect(await harness.hub.store.headSeq()).toBe(head);
      expect(await harness.hub.store.getEntity('sensitive-place', 'sp-school')).toMatchObject({
        jurisdiction: village,
      });
    });

    it('edits an entry in place and takes it off the register, refusing those who may not', async () => {
      const edited = await commander.command({
        type: 'registerTarget',
        commandId: newCommandId(),
        target: place({ protectiveRadiusM: 800 }),
      });
      expect(edited).toMatchObject({ ok: true });
      expect(await harness.hub.store.getEntity('sensitive-place', 'sp-school')).toMatchObject({
        version: 2,
        doc: { protectiveRadiusM: 800 },
      });
      const removal = {
        type: 'removeTarget',
        targetKind: 'sensitive-place',
        targetId: 'sp-school',
        reason: '学校已搬迁',
      };
      expect(await operator.command({ ...removal, commandId: newCommandId() })).toMatchObject({
        ok: false,
        code: 'role-not-permitted',
      });
      expect(await outsider.command({ ...removal, commandId: newCommandId() })).toMatchObject({
        ok: false,
        code: 'out-of-scope',
      });
      expect(
        await commander.command({ ...removal, targetKind: 'dangerous-object', commandId: newCommandId() }),
      ).toMatchObject({ ok: false, code: 'not-found' });
      expect(await commander.command({ ...removal, commandId: newCommandId() })).toMatchObject({ ok: true });
      expect(await harness.hub.store.getEntity('sensitive-place', 'sp-school')).toMatchObject({
        version: 3,
        doc: { removal: { reason: '学校已搬迁' } },
      });
      expect(await commander.command({ ...removal, commandId: newCommandId() })).toMatchObject({
        ok: false,
        code: 'precondition-failed',
      });
    });
  },
);
