import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DesktopCore } from '../../src/core/desktop-core';
import { createAccount, createApiKey } from '../../src/hub/accounts';
import { startHub } from '../../src/hub/server';
import { DALI_CITY, StreamClient, login, placeIn, postReports, report } from '../hub/support/hub-harness';
import { caughtUpTo, tempDir } from './support/core-harness';

const running: { close(): unknown }[] = [];
afterEach(async () => {
  for (const thing of running.splice(0).reverse()) await thing.close();
});

describe('supervision on a desktop', () => {
  it('carries the number the hub gave it and quotes why the case was escalated, not the notice’s own text', async () => {
    const dir = tempDir();
    const hub = await startHub({
      db: `sqlite:${join(dir, 'hub.db')}`,
      region: 'dali',
      port: 0,
      logger: pino({ level: 'silent' }),
    });
    running.push(hub);
    const commander = await createAccount(
      hub.store,
      {
        name: 'commander-dali',
        role: 'commander',
        jurisdiction: DALI_CITY,
      },
      { mustChangePassword: false },
    );
    const key = (await createApiKey(hub.store, 'grid-app', DALI_CITY)).key;
    const [incidentId] = (await postReports(hub.url, key, [report(placeIn(hub.region, DALI_CITY))])).created;
    const client = new StreamClient(hub.url, await login(hub, commander.account.name, commander.password));
    running.push(client);
    await client.connected();
    const steps = [
      { type: 'assess', riskLevel: 'medium' },
      {
        type: 'assign',
        unitIds: ['unit-532901-police'],
        deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
      { type: 'acknowledge', unitId: 'unit-532901-police' },
      { type: 'escalate', reason: '涉及多部门需协调' },
      { type: 'issueSupervisionNotice', requirement: '请于三日内化解到位' },
    ];
    for (const [index, step] of steps.entries()) {
      const outcome = await client.command({
        ...step,
        commandId: crypto.randomUUID(),
        incidentId,
        baseVersion: index + 1,
      });
      expect(outcome.ok, outcome.reason).toBe(true);
    }

    const core = new DesktopCore({
      cacheFile: join(dir, 'cache.db'),
      regionId: 'dali',
      hub: { url: hub.url, name: commander.account.name, password: commander.password },
    });
    running.push(core);
    core.start();
    await caughtUpTo(core, await hub.store.headSeq());
    const { document } = await core.handlers['documents.supervisionNotice']({ incidentId: incidentId! });
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
    expect(document.number).toBe(`大理市综治督〔${year}〕第1号`);
    const text = document.paragraphs.join('');
    expect(text).toContain('已升级督办，原因：涉及多部门需协调。');
    expect(text).not.toContain('请于三日内化解到位');
  });

  it('hears of an overdue escalation: the record says where the case went, and it is on that centre’s list', async () => {
    const dir = tempDir();
    let clock = Date.now();
    const hub = await startHub({
      db: `sqlite:${join(dir, 'hub.db')}`,
      region: 'dali',
      port: 0,
      logger: pino({ level: 'silent' }),
      clock: () => clock,
      escalationSweepMs: 0,
    });
    running.push(hub);
    const operator = await createAccount(
      hub.store,
      {
        name: 'duty-dali',
        role: 'operator',
        jurisdiction: DALI_CITY,
      },
      { mustChangePassword: false },
    );
    const key = (await createApiKey(hub.store, 'grid-app', DALI_CITY)).key;
    const [incidentId] = (await postReports(hub.url, key, [report(placeIn(hub.region, DALI_CITY))])).created;
    clock += 3 * 3_600_000;
    expect(await hub.sweepEscalations()).toBe(1);

    const core = new DesktopCore({
      cacheFile: join(dir, 'cache.db'),
      regionId: 'dali',
      hub: { url: hub.url, name: operator.account.name, password: operator.password },
    });
    running.push(core);
    core.start();
    await caughtUpTo(core, await hub.store.headSeq());
    const detail = (await core.handlers['incident.get']({ id: incidentId! }))!;
    const township = detail.incident.jurisdictionCode.slice(0, 9);
    expect(detail.timeline.map((entry) => entry.type)).toEqual([
      'incident.reported',
      'incident.overdue-escalated',
    ]);
    expect(detail.centreNames[township]).toMatch(/\p{Script=Han}/u);
    const list = await core.handlers['queue.window']({
      filter: { supervisedBy: township },
      sort: 'deadline',
      offset: 0,
      limit: 10,
    });
    expect(list.rows.map((row) => [row.id, row.escalationLevel])).toEqual([[incidentId, 1]]);
  });
});
