import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DesktopCore } from '../../src/core/desktop-core';
import type { OutboxEntry } from '../../src/core/sync/outbox';
import { addChinaDays, chinaDayOf, targetEntrySchema, type OperatorCommand } from '../../src/domain';
import { createAccount, createApiKey } from '../../src/hub/accounts';
import { startHub, type Hub } from '../../src/hub/server';
import { DALI_CITY, PREFECTURE, YANGBI, placeIn, postReports, report } from '../hub/support/hub-harness';
import { pointInVillage } from '../hub/support/village-point';
import { caughtUpTo, tempDir } from './support/core-harness';
import { untilValue } from '../support/eventually';

const silent = pino({ level: 'silent' });

describe('the registers of dangerous objects and sensitive places in the desktop core', () => {
  const dir = tempDir();
  let hub: Hub;
  let village: string;
  let commanderCore: DesktopCore;
  let viewerCore: DesktopCore;
  const passwords = new Map<string, string>();
  const today = chinaDayOf(Date.now());

  async function account(name: string, role: string, jurisdiction: string) {
    passwords.set(
      name,
      (await createAccount(hub.store, { name, role, jurisdiction }, { mustChangePassword: false })).password,
    );
  }

  function coreFor(name: string) {
    const core = new DesktopCore({
      cacheFile: join(dir, `${name}.db`),
      regionId: 'dali',
      hub: { url: hub.url, name, password: passwords.get(name)! },
    });
    core.start();
    return core;
  }

  function settled(core: DesktopCore, commandId: string): Promise<OutboxEntry> {
    return untilValue(
      `the hub's answer to command ${commandId}`,
      () => {
        const entry = core.outbox.get(commandId);
        return entry && entry.status !== 'pending' ? entry : undefined;
      },
      { timeoutMs: 20_000, seen: () => core.outbox.get(commandId) },
    );
  }

  async function submit(command: OperatorCommand) {
    await commanderCore.handlers['commands.submit']({ command });
    return settled(commanderCore, command.commandId);
  }

  /** Something everyone sees, after the commands: a core learns how far the log goes from what it is sent. */
  async function everyoneCaughtUp() {
    const key = (await createApiKey(hub.store, `grid-app-${randomUUID()}`, PREFECTURE)).key;
    const [head] = (await postReports(hub.url, key, [report(placeIn(hub.region, DALI_CITY))])).seqs;
    await caughtUpTo(commanderCore, head!);
    await caughtUpTo(viewerCore, head!);
  }

  beforeAll(async () => {
    hub = await startHub({ db: `sqlite:${join(dir, 'hub.db')}`, region: 'dali', port: 0, logger: silent });
    village = placeIn(hub.region, DALI_CITY).village;
    const common = { address: '文化路2号', location: pointInVillage(village) };
    await account('commander-dali', 'commander', DALI_CITY);
    await account('viewer-dali', 'viewer', DALI_CITY);
    commanderCore = coreFor('commander-dali');
    viewerCore = coreFor('viewer-dali');
    await caughtUpTo(commanderCore, 0);
    for (const target of [
      {
        ...common,
        kind: 'dangerous-object',
        id: 'do-late',
        name: '化工仓库',
        category: 'hazardous-chemicals',
        jurisdictionCode: village,
        holder: '某某化工有限公司',
        riskLevel: 'medium',
        lastInspectedOn: addChinaDays(today, -40),
        inspectEveryDays: 30,
      },
      {
        ...common,
        kind: 'dangerous-object',
        id: 'do-fresh',
        name: '爆破器材库',
        category: 'explosives',
        jurisdictionCode: village,
        holder: '某某爆破公司',
        riskLevel: 'high',
        lastInspectedOn: addChinaDays(today, -3),
        inspectEveryDays: 7,
      },
      {
        ...common,
        kind: 'sensitive-place',
        id: 'sp-school',
        name: '下关第一中学',
        category: 'school',
        jurisdictionCode: village,
        protectiveRadiusM: 500,
      },
    ]) {
      const command = {
        type: 'registerTarget' as const,
        commandId: randomUUID(),
        target: targetEntrySchema.parse(target),
      };
      expect(await submit(command)).toMatchObject({ status: 'accepted' });
    }
    await everyoneCaughtUp();
  });
  afterAll(async () => {
    commanderCore?.close();
    viewerCore?.close();
    await hub?.close();
  });

  it('lists both registers to a viewer, riskiest first, with each inspection due and whether it is overdue', async () => {
    const register = await viewerCore.handlers['targets.register']({});
    expect(register.scope).toBe(DALI_CITY);
    expect(
      register.dangerousObjects.map((row) => [row.id, row.inspectionDue, row.inspectionOverdue]),
    ).toEqual([
      ['do-fresh', addChinaDays(today, 4), false],
      ['do-late', addChinaDays(today, -10), true],
    ]);
    expect(register.sensitivePlaces).toMatchObject([{ id: 'sp-school', protectiveRadiusM: 500 }]);
    expect(register.names[village]).toBe(hub.region.get(village)!.name);
  });

  it('puts the store overdue for inspection on the risk list, and both registers in the day’s briefing', async () => {
    const list = await viewerCore.handlers['documents.riskList']({});
    expect(list.dangerousObjects.map((row) => [row.id, row.inspectionDue])).toEqual([
      ['do-late', addChinaDays(today, -10)],
    ]);
    expect(list.names[village]).toBe(hub.region.get(village)!.name);
    const csv = await viewerCore.handlers['documents.exportRiskList']({});
    expect(csv.count).toBe(1);
    expect(csv.content).toContain('化工仓库,危险化学品仓储');
    expect(csv.content).toContain('某某化工有限公司');
    expect(csv.content).toContain('危险物超期未检查');
    const { briefing } = await viewerCore.handlers['briefing.get']({ day: today, period: 'day' });
    expect(briefing.targets).toMatchObject({
      dangerousObjects: 2,
      sensitivePlaces: 1,
      overdueInspections: [{ id: 'do-late' }],
    });
  });

  it('narrows to a part of the jurisdiction, never wider than it', async () => {
    expect((await viewerCore.handlers['targets.register']({ scope: YANGBI })).scope).toBe(DALI_CITY);
    const elsewhere = await viewerCore.handlers['targets.register']({ scope: `${DALI_CITY}999` });
    expect(elsewhere.dangerousObjects).toEqual([]);
  });

  it('drops an entry taken off the register, and shows an edit', async () => {
    expect(
      await submit({
        type: 'removeTarget',
        commandId: randomUUID(),
        targetKind: 'dangerous-object',
        targetId: 'do-late',
        reason: '仓库已停业搬迁',
      }),
    ).toMatchObject({ status: 'accepted' });
    const place = (await commanderCore.handlers['targets.register']({})).sensitivePlaces[0]!;
    const { registeredBy: _by, registeredAt: _at, ...entry } = place;
    expect(
      await submit({
        type: 'registerTarget',
        commandId: randomUUID(),
        target: { ...entry, protectiveRadiusM: 1200 },
      }),
    ).toMatchObject({ status: 'accepted' });
    await everyoneCaughtUp();
    const register = await viewerCore.handlers['targets.register']({});
    expect(register.dangerousObjects.map((row) => row.id)).toEqual(['do-fresh']);
    expect(register.sensitivePlaces.map((row) => row.protectiveRadiusM)).toEqual([1200]);
  });
});
