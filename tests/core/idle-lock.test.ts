import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DesktopCore } from '../../src/core/desktop-core';
import { ACTION_METHODS } from '../../src/core/handlers/actions';
import { checkPasswordWithHub } from '../../src/core/hub-api/password-check';
import type { OutboxEntry } from '../../src/core/sync/outbox';
import { dispatchDesktopCall } from '../../src/core/transports/dispatch';
import { createAccount, createApiKey } from '../../src/hub/accounts';
import { startHub, type Hub } from '../../src/hub/server';
import { DALI_CITY, PREFECTURE, placeIn, postReports, report } from '../hub/support/hub-harness';
import { caughtUpTo, tempDir } from './support/core-harness';
import { untilValue } from '../support/eventually';

const silent = pino({ level: 'silent' });
const MINUTE = 60_000;

/** The core's clock, moved by the tests instead of waiting half an hour. */
class MovableClock {
  at = Date.now();
  readonly now = () => this.at;
  advance(minutes: number) {
    this.at += minutes * MINUTE;
  }
}

/** Every call that acts (changes, exports, prints, unmasks), with an input the contract accepts. */
const ACTIONS: [string, Record<string, unknown>][] = [
  [
    'commands.submit',
    { command: { type: 'addNote', commandId: randomUUID(), incidentId: 'any', text: '锁屏时的备注' } },
  ],
  ['queue.export', { format: 'csv' }],
  ['subsidies.export', { month: '2026-11' }],
  ['documents.exportRiskList', {}],
  ['documents.exportKeyPersons', { format: 'csv' }],
  ['documents.keyPersons', { masked: false }],
  ['documents.supervisionNotice', { incidentId: 'any' }],
  ['documents.riskWarning', { to: { kind: 'township', code: '532901001' } }],
  ['audit.export', {}],
  ['accounts.create', { name: 'new-duty', role: 'operator', jurisdiction: '532901' }],
  ['accounts.disable', { name: 'commander-dali' }],
  ['accounts.resetPassword', { name: 'commander-dali' }],
  ['accounts.setRole', { name: 'commander-dali', role: 'viewer' }],
  ['accounts.unlock', { name: 'commander-dali' }],
  [
    'securityPolicy.set',
    {
      lockoutThreshold: 5,
      lockoutWindowMinutes: 15,
      lockoutMinutes: 30,
      passwordExpiryDays: 90,
      idleTimeoutMinutes: 30,
    },
  ],
];

/** Calls that only read: a locked screen (and a wall) keeps answering them. */
const READS: [string, Record<string, unknown>][] = [
  ['session.status', {}],
  ['region.overview', {}],
  ['counts.get', {}],
  ['incidents.list', {}],
  ['map.features', { kind: 'incident' }],
  ['map.features', { kind: 'incident', page: { limit: 100 } }],
  ['map.incidentCells', { zoom: 8, bbox: [99, 25, 101, 27] }],
  ['figures.get', {}],
  ['queue.window', { limit: 5 }],
  ['documents.keyPersons', { masked: true }],
];

describe('the idle lock of an operator screen, held by the desktop core', () => {
  const dir = tempDir();
  let hub: Hub;
  let incidentId: string;
  const passwords = new Map<string, string>();
  const clocks = new Map<string, MovableClock>();
  const cores: DesktopCore[] = [];

  async function account(name: string, role: string) {
    const created = await createAccount(
      hub.store,
      { name, role, jurisdiction: DALI_CITY },
      { mustChangePassword: false },
    );
    passwords.set(name, created.password);
  }

  function coreFor(name: string, hubUrl = hub.url, cacheName = name) {
    const clock = new MovableClock();
    clocks.set(name, clock);
    const core = new DesktopCore({
      cacheFile: join(dir, `${cacheName}.db`),
      regionId: 'dali',
      hub: { url: hubUrl, name, password: passwords.get(name)! },
      now: clock.now,
    });
    core.start();
    cores.push(core);
    return core;
  }

  const call = (core: DesktopCore, method: string, input: unknown) =>
    dispatchDesktopCall(core.handlers, method, input);

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

  let operator: DesktopCore;
  let wall: DesktopCore;

  beforeAll(async () => {
    hub = await startHub({ db: `sqlite:${join(dir, 'hub.db')}`, region: 'dali', port: 0, logger: silent });
    await account('duty-dali', 'operator');
    await account('wall-dali', 'wall');
    await account('commander-dali', 'commander');
    const key = (await createApiKey(hub.store, 'grid-app', PREFECTURE)).key;
    const posted = await postReports(hub.url, key, [report(placeIn(hub.region, DALI_CITY))]);
    incidentId = posted.created[0]!;
    const head = posted.seqs.at(-1);
    operator = coreFor('duty-dali');
    wall = coreFor('wall-dali');
    await caughtUpTo(operator, head!);
    await caughtUpTo(wall, head!);
  });

  afterAll(async () => {
    for (const core of cores) core.close();
    await hub?.close();
  });

  it('stays open while the operator works, and locks once the timeout passes without input', () => {
    const clock = clocks.get('duty-dali')!;
    expect(operator.status()).toMatchObject({ locked: false, lockedSince: null, idleTimeoutMinutes: 30 });
    clock.advance(29);
    expect(operator.status().locked).toBe(false);
    void operator.handlers['session.activity']({});
    clock.advance(29);
    expect(operator.status().locked).toBe(false);
    clock.advance(1);
    const status = operator.status();
    expect(status.locked).toBe(true);
    expect(Date.parse(status.lockedSince!)).toBe(clock.at);
  });

  it('tries every method that acts', () => {
    expect(new Set(ACTIONS.map(([method]) => method))).toEqual(new Set(Object.keys(ACTION_METHODS)));
  });

  it.each(ACTIONS)('refuses %s while locked', async (method, input) => {
    const pending = operator.outbox.pendingCount();
    const result = await call(operator, method, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'screenLocked' } });
    expect(operator.outbox.pendingCount()).toBe(pending);
  });

  it.each(READS.filter(([method]) => method !== 'documents.keyPersons'))(
    'answers %s while locked, so the wall keeps showing',
    async (method, input) => {
      expect(await call(operator, method, input)).toMatchObject({ ok: true });
    },
  );

  it('stays locked whatever input comes after the timeout', async () => {
    expect(await operator.handlers['session.activity']({})).toEqual({ locked: true });
    expect(operator.status().locked).toBe(true);
  });

  it.each([
    ['no password', {}],
    ['an empty password', { password: '' }],
    ['a password of 257 characters', { password: 'p'.repeat(257) }],
    ['a password that is not text', { password: 12345678 }],
    ['a field besides the password', { password: 'secret-word', name: 'admin' }],
  ])('refuses %s to unlock, without repeating it', async (_case, input) => {
    const result = await call(operator, 'session.unlock', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalidInput' } });
    expect(JSON.stringify(result)).not.toMatch(/secret-word|ppppp|12345678/);
    expect(operator.status().locked).toBe(true);
  });

  it('refuses a wrong password and stays locked; the right one unlocks, and actions go through again', async () => {
    const wrong = await call(operator, 'session.unlock', { password: 'not-the-password' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrongPassword' } });
    expect(operator.status().locked).toBe(true);

    const unlocking = new Promise((resolve) => {
      const stop = operator.on('status', (status) => !status.locked && (stop(), resolve(status)));
    });
    const right = await call(operator, 'session.unlock', { password: passwords.get('duty-dali') });
    expect(right).toEqual({ ok: true, value: { unlocked: true } });
    await unlocking;
    expect(operator.status()).toMatchObject({ locked: false, lockedSince: null });

    const command = { type: 'addNote', commandId: randomUUID(), incidentId, text: '解锁后的备注' };
    expect(await call(operator, 'commands.submit', { command })).toMatchObject({ ok: true });
    expect(await settled(operator, command.commandId)).toMatchObject({ status: 'accepted' });
  });

  it('gives the password to the hub as a sign-in of the account, which the hub judges', async () => {
    expect(await checkPasswordWithHub(hub.url, 'duty-dali', passwords.get('duty-dali')!)).toBe('right');
    expect(await checkPasswordWithHub(hub.url, 'duty-dali', 'wrong')).toBe('wrong');
    // Another account's password does not open this one's screen.
    expect(await checkPasswordWithHub(hub.url, 'duty-dali', passwords.get('commander-dali')!)).toBe('wrong');
  });

  it('never locks a wall display, which cannot act either', async () => {
    clocks.get('wall-dali')!.advance(24 * 60);
    expect(wall.status()).toMatchObject({ locked: false, operator: { role: 'wall' } });
    for (const [method, input] of ACTIONS) {
      expect(await call(wall, method, input), method).toMatchObject({
        ok: false,
        error: { code: 'displayOnly' },
      });
    }
    expect(wall.outbox.pendingCount()).toBe(0);
    for (const [method, input] of READS.filter(([method]) => method !== 'documents.keyPersons'))
      expect(await call(wall, method, input), method).toMatchObject({ ok: true });
  });

  it('refuses the audit trail to every role but the audit administrator', async () => {
    expect(await call(operator, 'audit.search', {})).toMatchObject({
      ok: false,
      error: { code: 'roleMayNotSee', params: { role: 'operator', permission: 'read-audit' } },
    });
    expect(await call(wall, 'audit.search', {})).toMatchObject({
      ok: false,
      error: { code: 'roleMayNotSee' },
    });
  });

  it('says the hub is unreachable instead of accepting any password offline', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    operator.close();
    cores.splice(cores.indexOf(operator), 1);
    // The same cache: it remembers who was signed in, so the offline screen locks as the online one did.
    const offline = coreFor('duty-dali', deadUrl, 'duty-dali');
    clocks.get('duty-dali')!.advance(31);
    expect(offline.status()).toMatchObject({ connection: expect.not.stringMatching('online'), locked: true });
    for (const password of [passwords.get('duty-dali'), 'anything']) {
      expect(await call(offline, 'session.unlock', { password })).toMatchObject({
        ok: false,
        error: { code: 'hubUnreachable' },
      });
    }
    expect(offline.status().locked).toBe(true);
  });
});

describe("the hub's answers to a password given again", () => {
  let server: Server;
  let url: string;
  let answer: { status: number; body: unknown } = { status: 200, body: {} };

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const refusal = (code: string) => ({ error: { code, message: code } });
  it.each([
    [200, {}, 'right'],
    [401, refusal('bad-credentials'), 'wrong'],
    [401, refusal('account-locked'), 'account-locked'],
    [423, refusal('locked'), 'account-locked'],
    [429, refusal('rate-limited'), 'refused'],
    [500, refusal('internal-error'), 'unreachable'],
    [503, 'not json', 'unreachable'],
  ])('an answer %i %j is %s', async (status, body, verdict) => {
    answer = { status, body };
    expect(await checkPasswordWithHub(url, 'duty-dali', 'secret')).toBe(verdict);
  });
});
