import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheKeyFile } from '../../src/core/cache/cache-key';
import { LocalCache } from '../../src/core/cache/local-cache';
import { DesktopCore } from '../../src/core/desktop-core';
import type { OutboxEntry } from '../../src/core/sync/outbox';
import { keyPersonEntrySchema, type HubEvent } from '../../src/domain';
import { opensslPrimitives, pureJsPrimitives } from '../../src/gm';
import { createAccount, createApiKey } from '../../src/hub/accounts';
import { startHub, type Hub } from '../../src/hub/server';
import { DALI_CITY, PREFECTURE, placeIn, postReports, report } from '../hub/support/hub-harness';
import { untilValue } from '../support/eventually';
import { adminChecksum, caughtUpTo, tempDir } from './support/core-harness';

const ID_NUMBER = '532901199001091234';
const PERSON_PHONE = '13800000000';
const REPORTER_PHONE = '13912345678';
const silent = pino({ level: 'silent' });

/** Every text the cache file holds where the hub's events and state are kept, its settings and its outbox. */
function cacheTexts(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return [
      'SELECT payload FROM events',
      'SELECT doc FROM entities',
      'SELECT value FROM sync_state',
      'SELECT command FROM outbox',
    ].flatMap((query) => db.prepare(query).pluck().all() as string[]);
  } finally {
    db.close();
  }
}

describe('personal data in the desktop core', () => {
  const dir = tempDir('pingan-personal-');
  let hub: Hub;
  let village: string;
  let incidentId: string;
  let commanderCore: DesktopCore;
  let operatorCore: DesktopCore;
  const passwords = new Map<string, string>();

  async function account(name: string, role: string) {
    passwords.set(
      name,
      (await createAccount(hub.store, { name, role, jurisdiction: DALI_CITY }, { mustChangePassword: false }))
        .password,
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
  async function latestCommand(core: DesktopCore) {
    const [queued] = await core.handlers['outbox.list']({ limit: 1 });
    return queued!;
  }

  beforeAll(async () => {
    hub = await startHub({ db: `sqlite:${join(dir, 'hub.db')}`, region: 'dali', port: 0, logger: silent });
    const place = placeIn(hub.region, DALI_CITY);
    village = place.village;
    await account('commander-dali', 'commander');
    await account('duty-dali', 'operator');
    await account('sysadmin-dali', 'sysadmin');
    commanderCore = coreFor('commander-dali');
    operatorCore = coreFor('duty-dali');
    const command = {
      type: 'registerKeyPerson' as const,
      commandId: randomUUID(),
      person: keyPersonEntrySchema.parse({
        id: 'kp-1',
        name: '张三丰',
        idNumber: ID_NUMBER,
        phone: PERSON_PHONE,
        category: 'community-correction',
        jurisdictionCode: village,
        reason: '社区矫正期间，需定期报到',
        measures: '每周电话报到，每月走访一次',
        responsible: '李某某',
      }),
    };
    await caughtUpTo(commanderCore, 0);
    await commanderCore.handlers['commands.submit']({ command });
    expect(await settled(commanderCore, command.commandId)).toMatchObject({ status: 'accepted' });
    const key = (await createApiKey(hub.store, 'grid-app', PREFECTURE)).key;
    const reported = { ...report(place), reporter: { name: '赵某', phone: REPORTER_PHONE } };
    const posted = await postReports(hub.url, key, [reported]);
    incidentId = posted.created[0]!;
    await caughtUpTo(commanderCore, posted.seqs[0]!);
    await caughtUpTo(operatorCore, posted.seqs[0]!);
  });
  afterAll(async () => {
    commanderCore?.close();
    operatorCore?.close();
    await hub?.close();
  });

  it('keeps no ID number or phone in plain text in the cache, and its key in a file only this user reads', () => {
    const file = join(dir, 'commander-dali.db');
    const texts = cacheTexts(file);
    for (const plain of [ID_NUMBER, PERSON_PHONE, REPORTER_PHONE])
      expect(texts.filter((text) => text.includes(plain))).toEqual([]);
    expect(texts.filter((text) => text.includes('"sm4:')).length).toBeGreaterThanOrEqual(5);
    expect(statSync(cacheKeyFile(file)).mode & 0o777).toBe(0o600);
  });

  it('still adds up to the hub’s checksum', async () => {
    const password = passwords.get('sysadmin-dali')!;
    const hubs = await adminChecksum(hub.url, 'sysadmin-dali', password, undefined, 'commander-dali');
    expect(commanderCore.cache.checksum()).toBe(hubs.checksum);
  });

  it('shows and exports the list with ID numbers and phones masked', async () => {
    const list = await commanderCore.handlers['documents.keyPersons']({ masked: false });
    expect(list.rows.map((row) => [row.name, row.idNumber, row.phone])).toEqual([
      ['张三丰', '532901********1234', '138****0000'],
    ]);
    const csv = await commanderCore.handlers['documents.exportKeyPersons']({ format: 'csv' });
    if (csv.format !== 'csv') throw new Error('expected a CSV');
    expect(csv.content).toContain('张三丰,532901********1234,社区矫正对象');
    expect(csv.content).toContain('138****0000');
    const printed = await commanderCore.handlers['documents.exportKeyPersons']({ format: 'pdf' });
    if (printed.format !== 'pdf') throw new Error('expected rows to print');
    expect(printed.rows.map((row) => row.idNumber)).toEqual(['532901********1234']);
    for (const text of [csv.content, JSON.stringify(printed)]) {
      expect(text).not.toContain(ID_NUMBER);
      expect(text).not.toContain(PERSON_PHONE);
    }
  });

  it('shows reporters’ phones masked in the list, the detail and its record', async () => {
    const detail = await commanderCore.handlers['incident.get']({ id: incidentId });
    expect(detail!.incident.reporter).toEqual({ name: '赵某', phone: '139****5678' });
    const { items } = await operatorCore.handlers['incidents.list']({ limit: 500 });
    expect(items.find((incident) => incident.id === incidentId)!.reporter?.phone).toBe('139****5678');
    expect(JSON.stringify(detail)).not.toContain(REPORTER_PHONE);
    expect(JSON.stringify(items)).not.toContain(REPORTER_PHONE);
  });

  it('shows a commander one person whole on request, and the hub audits it through the outbox', async () => {
    expect(await commanderCore.handlers['keyPersons.unmask']({ id: 'kp-1' })).toEqual({
      id: 'kp-1',
      idNumber: ID_NUMBER,
      phone: PERSON_PHONE,
    });
    const queued = await latestCommand(commanderCore);
    expect(queued.command).toMatchObject({
      type: 'recordUnmask',
      record: 'key-person',
      recordId: 'kp-1',
      fields: ['idNumber', 'phone'],
    });
    expect(await settled(commanderCore, queued.commandId)).toMatchObject({ status: 'accepted' });
    const [audited] = await hub.store.auditEntries(1);
    expect(audited).toMatchObject({ action: 'personal-data.unmasked', target: 'kp-1', outcome: 'accepted' });
  });

  it('shows a commander a reporter’s phone whole on request, audited the same way', async () => {
    expect(await commanderCore.handlers['incidents.unmaskReporter']({ id: incidentId })).toEqual({
      id: incidentId,
      phone: REPORTER_PHONE,
    });
    const queued = await latestCommand(commanderCore);
    expect(queued.command).toMatchObject({ type: 'recordUnmask', record: 'incident', fields: ['phone'] });
    expect(await settled(commanderCore, queued.commandId)).toMatchObject({ status: 'accepted' });
    const [audited] = await hub.store.auditEntries(1);
    expect(audited).toMatchObject({ action: 'personal-data.unmasked', target: incidentId });
  });

  it.each([
    ['a key person', () => operatorCore.handlers['keyPersons.unmask']({ id: 'kp-1' })],
    ['a reporter', () => operatorCore.handlers['incidents.unmaskReporter']({ id: incidentId })],
  ])('refuses an operator %s whole, and sends nothing', async (_case, ask) => {
    await expect(ask()).rejects.toThrow(/role operator may not see it/);
    expect(await operatorCore.handlers['outbox.list']({ limit: 10 })).toEqual([]);
  });

  it.each([
    ['a key person nobody listed', () => commanderCore.handlers['keyPersons.unmask']({ id: 'kp-none' })],
    ['an unknown incident', () => commanderCore.handlers['incidents.unmaskReporter']({ id: 'no-such' })],
  ])('refuses %s, and sends nothing', async (_case, ask) => {
    const before = (await latestCommand(commanderCore)).commandId;
    await expect(ask()).rejects.toThrow(/there is no/);
    expect((await latestCommand(commanderCore)).commandId).toBe(before);
  });
});

describe('the cache’s key', () => {
  const person = {
    id: 'kp-9',
    name: '王五',
    idNumber: ID_NUMBER,
    phone: PERSON_PHONE,
    category: 'petitioner',
    jurisdictionCode: '532901001001',
    reason: '多次越级上访，需跟踪化解',
    measures: '每月走访一次，联系包保单位',
    responsible: '李某某',
    linkedIncidentIds: [],
    registeredBy: 'someone',
    registeredAt: '2026-01-01T00:00:00.000Z',
    removal: null,
  };
  const registered = {
    seq: 1,
    id: randomUUID(),
    type: 'key-person.registered',
    jurisdiction: person.jurisdictionCode,
    at: person.registeredAt,
    payload: { person },
  } as HubEvent;

  it('opens with OpenSSL what the pure-JS provider sealed (Electron’s cache on the command line)', () => {
    const file = join(tempDir('pingan-cache-key-'), 'cache.db');
    const written = new LocalCache(file, { primitives: pureJsPrimitives });
    written.apply({ after: 0, through: 1, events: [registered] });
    const checksum = written.checksum();
    written.close();
    expect(cacheTexts(file).join('\n')).not.toContain(ID_NUMBER);

    const reopened = new LocalCache(file, { primitives: opensslPrimitives });
    expect(reopened.cursor).toBe(1);
    expect(reopened.getEntity('key-person', 'kp-9')?.doc).toMatchObject({
      idNumber: ID_NUMBER,
      phone: PERSON_PHONE,
    });
    expect(reopened.checksum()).toBe(checksum);
    reopened.close();
  });

  it('starts over from the hub when its key file is lost, keeping nothing it can no longer open', () => {
    const file = join(tempDir('pingan-cache-key-'), 'cache.db');
    const first = new LocalCache(file);
    first.apply({ after: 0, through: 1, events: [registered] });
    first.close();
    rmSync(cacheKeyFile(file));

    const reopened = new LocalCache(file);
    expect(reopened.cursor).toBe(0);
    expect(reopened.counts()).toEqual({ events: 0, entities: {} });
    reopened.close();
  });
});
