import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { DesktopCore } from '../../src/core/desktop-core';
import type { OutboxEntryView } from '../../src/core/contract/api';
import { createAccount, createApiKey } from '../../src/hub/accounts';
import { startHub, type Hub } from '../../src/hub/server';
import { DALI_CITY, PREFECTURE, placeIn, postReports, report } from '../hub/support/hub-harness';
import { adminChecksum, caughtUpTo, statusWhere, tempDir } from './support/core-harness';

const silent = pino({ level: 'silent' });
const running: { close(): unknown }[] = [];
afterEach(async () => {
  for (const thing of running.splice(0).reverse()) await thing.close();
});

async function hubWithAccounts(db: string, port = 0) {
  const hub = await startHub({ db: `sqlite:${db}`, region: 'dali', port, logger: silent });
  return hub;
}

async function accountsOn(hub: Hub) {
  const admin = await createAccount(
    hub.store,
    { name: 'admin', role: 'sysadmin', jurisdiction: PREFECTURE },
    { mustChangePassword: false },
  );
  const operator = await createAccount(
    hub.store,
    {
      name: 'duty-dali',
      role: 'operator',
      jurisdiction: DALI_CITY,
    },
    { mustChangePassword: false },
  );
  const key = (await createApiKey(hub.store, 'grid-app', PREFECTURE)).key;
  return { admin, operator, key };
}

function coreFor(hub: { url: string }, cacheFile: string, name: string, password: string) {
  const core = new DesktopCore({ cacheFile, regionId: 'dali', hub: { url: hub.url, name, password } });
  return core;
}

describe('the desktop core against a real hub', () => {
  it('syncs its scope and proves it holds the hub’s state with an equal checksum', async () => {
    const dir = tempDir();
    const hub = await hubWithAccounts(join(dir, 'hub.db'));
    running.push(hub);
    const { admin, operator, key } = await accountsOn(hub);
    await postReports(hub.url, key, [
      report(placeIn(hub.region, DALI_CITY)),
      report(placeIn(hub.region, '532922')),
    ]);
    const core = coreFor(hub, join(dir, 'cache.db'), operator.account.name, operator.password);
    running.push(core);
    core.start();
    await caughtUpTo(core, await hub.store.headSeq());

    const hubState = await adminChecksum(hub.url, admin.account.name, admin.password, DALI_CITY);
    expect(core.cache.checksum()).toBe(hubState.checksum);
    expect(core.status()).toMatchObject({
      operator: { name: 'duty-dali', jurisdiction: DALI_CITY },
      mode: 'peacetime',
    });
    const incidents = await core.handlers['incidents.list']({ limit: 10 });
    expect(incidents.total).toBe(1);
    expect(incidents.items[0]!.jurisdictionCode.startsWith(DALI_CITY)).toBe(true);
  });

  it('keeps commands given offline across a restart and has the hub apply each once when it returns', async () => {
    const dir = tempDir();
    const hubFile = join(dir, 'hub.db');
    const cacheFile = join(dir, 'cache.db');
    let hub = await hubWithAccounts(hubFile);
    const { operator, key } = await accountsOn(hub);
    const [incidentId] = (await postReports(hub.url, key, [report(placeIn(hub.region, DALI_CITY))])).created;
    const port = hub.port;

    const first = coreFor(hub, cacheFile, operator.account.name, operator.password);
    first.start();
    await caughtUpTo(first, await hub.store.headSeq());
    await hub.close();
    await statusWhere(first, (s) => s.connection === 'offline');

    const command = {
      type: 'assess' as const,
      commandId: randomUUID(),
      incidentId: incidentId!,
      baseVersion: 1,
      riskLevel: 'high' as const,
    };
    const queued = await first.handlers['commands.submit']({ command });
    expect(queued.status).toBe('pending');
    first.close();

    const second = coreFor({ url: hub.url }, cacheFile, operator.account.name, operator.password);
    running.push(second);
    expect(second.status().outboxPending).toBe(1);
    const settled = new Promise<OutboxEntryView>((resolve) => second.on('command-settled', resolve));
    second.start();
    hub = await hubWithAccounts(hubFile, port);
    running.push(hub);

    expect(await settled).toMatchObject({ commandId: command.commandId, status: 'accepted' });
    await caughtUpTo(second, await hub.store.headSeq());
    const history = await hub.store.eventsAbout(incidentId!);
    expect(history.map((e) => e.type)).toEqual(['incident.reported', 'incident.assessed']);
    expect(second.status().outboxPending).toBe(0);
    expect((await second.handlers['incident.get']({ id: incidentId! }))?.incident.riskLevel).toBe('high');
  });

  it('shows the hub’s reason when it refuses a command', async () => {
    const dir = tempDir();
    const hub = await hubWithAccounts(join(dir, 'hub.db'));
    running.push(hub);
    const { operator, key } = await accountsOn(hub);
    const [incidentId] = (await postReports(hub.url, key, [report(placeIn(hub.region, DALI_CITY))])).created;
    const core = coreFor(hub, join(dir, 'cache.db'), operator.account.name, operator.password);
    running.push(core);
    core.start();
    await caughtUpTo(core, await hub.store.headSeq());

    const settled = new Promise<OutboxEntryView>((resolve) => core.on('command-settled', resolve));
    await core.handlers['commands.submit']({
      command: {
        type: 'resolve',
        commandId: randomUUID(),
        incidentId: incidentId!,
        baseVersion: 1,
        summary: '双方已达成调解协议',
        difficulty: 'ordinary',
      },
    });
    const answer = await settled;
    expect(answer).toMatchObject({ status: 'refused', code: 'illegal-in-stage' });
    expect(answer.reason).toContain('resolve');
    expect((await core.handlers['outbox.list']({ limit: 5 }))[0]).toMatchObject({ status: 'refused' });
  });
});
