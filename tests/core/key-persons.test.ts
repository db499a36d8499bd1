import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DesktopCore } from '../../src/core/desktop-core';
import type { OutboxEntry } from '../../src/core/sync/outbox';
import { keyPersonEntrySchema } from '../../src/domain';
import { createAccount, createApiKey } from '../../src/hub/accounts';
import { startHub, type Hub } from '../../src/hub/server';
import { DALI_CITY, PREFECTURE, placeIn, postReports, report } from '../hub/support/hub-harness';
import { adminChecksum, caughtUpTo, statusWhere, tempDir } from './support/core-harness';
import { untilValue } from '../support/eventually';

const ID_NUMBER = '532901199001091234';
const ID_NUMBER_ENDING_IN_X = '53290119850305456X';
const BOM = '\uFEFF';
const silent = pino({ level: 'silent' });

describe('the key-person list in the desktop core', () => {
  const dir = tempDir();
  let hub: Hub;
  let village: string;
  let commanderCore: DesktopCore;
  let operatorCore: DesktopCore;
  const passwords = new Map<string, string>();

  async function account(name: string, role: string, jurisdiction: string) {
    const created = await createAccount(
      hub.store,
      { name, role, jurisdiction },
      { mustChangePassword: false },
    );
    passwords.set(name, created.password);
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

  /** The command once the hub has answered it. */
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

  async function register(person: Record<string, unknown>) {
    const command = {
      type: 'registerKeyPerson' as const,
      commandId: randomUUID(),
      person: keyPersonEntrySchema.parse(person),
    };
    await commanderCore.handlers['commands.submit']({ command });
    expect(await settled(commanderCore, command.commandId)).toMatchObject({ status: 'accepted' });
  }

  beforeAll(async () => {
    hub = await startHub({ db: `sqlite:${join(dir, 'hub.db')}`, region: 'dali', port: 0, logger: silent });
    village = placeIn(hub.region, DALI_CITY).village;
    await account('admin', 'sysadmin', PREFECTURE);
    await account('commander-dali', 'commander', DALI_CITY);
    await account('duty-dali', 'operator', DALI_CITY);
    commanderCore = coreFor('commander-dali');
    operatorCore = coreFor('duty-dali');
    await caughtUpTo(commanderCore, 0);
    const entry = {
      category: 'community-correction',
      jurisdictionCode: village,
      reason: '社区矫正期间，需定期报到',
      measures: '每周电话报到，每月走访一次',
      responsible: '李某某',
    };
    await register({ ...entry, id: 'kp-1', name: '张三丰', idNumber: ID_NUMBER, phone: '13800000000' });
    await register({
      ...entry,
      id: 'kp-2',
      name: '李四',
      idNumber: ID_NUMBER_ENDING_IN_X,
      category: 'petitioner',
    });
    // Something everyone sees, after the registrations: a core learns how far the log goes from what it is sent.
    const key = (await createApiKey(hub.store, 'grid-app', PREFECTURE)).key;
    const [head] = (await postReports(hub.url, key, [report(placeIn(hub.region, DALI_CITY))])).seqs;
    await caughtUpTo(commanderCore, head!);
    await caughtUpTo(operatorCore, head!);
  });
  afterAll(async () => {
    commanderCore?.close();
    operatorCore?.close();
    await hub?.close();
  });

  it('shows a commander the list with names masked when asked, ID numbers and phones masked always', async () => {
    const masked = await commanderCore.handlers['documents.keyPersons']({ masked: true });
    expect(masked.scope).toBe(DALI_CITY);
    expect(masked.rows.map((row) => [row.name, row.idNumber, row.phone])).toEqual([
      ['张*丰', '532901********1234', '138****0000'],
      ['李*', '532901********456X', null],
    ]);
    expect(masked.names[village]).toBe(hub.region.get(village)!.name);

    const named = await commanderCore.handlers['documents.keyPersons']({ masked: false });
    expect(named.rows.map((row) => [row.name, row.idNumber, row.phone])).toEqual([
      ['张三丰', '532901********1234', '138****0000'],
      ['李四', '532901********456X', null],
    ]);
  });

  it('exports the list masked as CSV with a BOM and Chinese headers, and puts the export in the outbox', async () => {
    const exported = await commanderCore.handlers['documents.exportKeyPersons']({ format: 'csv' });
    if (exported.format !== 'csv') throw new Error('expected a CSV');
    expect(exported.count).toBe(2);
    expect(exported.fileName).toMatch(/^大理市重点人员清单-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(exported.content.startsWith(BOM)).toBe(true);
    const [header, first] = exported.content.slice(BOM.length).split('\r\n');
    expect(header).toBe(
      '序号,姓名,公民身份号码,人员类别,所在村（社区）,联系电话,列管原因,稳控帮扶措施,包保责任人,关联事件',
    );
    expect(first).toContain(
      `1,张三丰,532901********1234,社区矫正对象,${hub.region.get(village)!.name},138****0000`,
    );

    const [queued] = await commanderCore.handlers['outbox.list']({ limit: 1 });
    expect(queued!.command).toMatchObject({
      type: 'recordExport',
      document: 'key-person-list',
      scope: DALI_CITY,
      format: 'csv',
      count: 2,
    });
    expect(await settled(commanderCore, queued!.commandId)).toMatchObject({ status: 'accepted' });
    const audit = await hub.store.auditEntries(5);
    expect(audit.find((entry) => entry.action === 'command.recordExport')).toMatchObject({
      outcome: 'accepted',
      detail: { export: { format: 'csv', count: 2 } },
    });
  });

  it('gives the print view the rows masked, and audits that export too', async () => {
    const exported = await commanderCore.handlers['documents.exportKeyPersons']({ format: 'pdf' });
    if (exported.format !== 'pdf') throw new Error('expected rows to print');
    expect(exported.rows.map((row) => row.idNumber)).toEqual(['532901********1234', '532901********456X']);
    const [queued] = await commanderCore.handlers['outbox.list']({ limit: 1 });
    expect(queued!.command).toMatchObject({ type: 'recordExport', format: 'pdf', count: 2 });
  });

  it('exports offline from the cache, and the hub audits the export once it is back', async () => {
    const port = hub.port;
    await hub.close();
    await statusWhere(commanderCore, (status) => status.connection === 'offline');
    const exported = await commanderCore.handlers['documents.exportKeyPersons']({ format: 'csv' });
    expect(exported.count).toBe(2);
    const [queued] = await commanderCore.handlers['outbox.list']({ limit: 1 });
    expect(queued).toMatchObject({ status: 'pending', command: { type: 'recordExport', format: 'csv' } });

    hub = await startHub({ db: `sqlite:${join(dir, 'hub.db')}`, region: 'dali', port, logger: silent });
    expect(await settled(commanderCore, queued!.commandId)).toMatchObject({ status: 'accepted' });
    const [audited] = await hub.store.auditEntries(1);
    expect(audited).toMatchObject({
      action: 'command.recordExport',
      detail: { export: { exportedAt: (queued!.command as { exportedAt: string }).exportedAt, count: 2 } },
    });
  });

  it('refuses an operator the list and its export, holds none of it, and still matches the hub', async () => {
    await expect(operatorCore.handlers['documents.keyPersons']({ masked: true })).rejects.toThrow(
      'the key-person list is only for commander accounts; role operator may not see it',
    );
    await expect(operatorCore.handlers['documents.exportKeyPersons']({ format: 'csv' })).rejects.toThrow(
      /role operator may not see it/,
    );
    expect(await operatorCore.handlers['outbox.list']({ limit: 10 })).toEqual([]);
    expect(operatorCore.cache.counts().entities['key-person']).toBeUndefined();

    const password = passwords.get('admin')!;
    const asOperator = await adminChecksum(hub.url, 'admin', password, undefined, 'duty-dali');
    const asCommander = await adminChecksum(hub.url, 'admin', password, undefined, 'commander-dali');
    expect(operatorCore.cache.checksum()).toBe(asOperator.checksum);
    expect(commanderCore.cache.checksum()).toBe(asCommander.checksum);
    expect(asOperator.checksum).not.toBe(asCommander.checksum);
  });
});
