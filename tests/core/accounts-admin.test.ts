import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DesktopCore } from '../../src/core/desktop-core';
import { AccountsClient } from '../../src/core/hub-api/accounts-client';
import { dispatchDesktopCall } from '../../src/core/transports/dispatch';
import { DEFAULT_SECURITY_POLICY, type Role } from '../../src/domain';
import { createSqliteDatabase } from '../hub/support/databases';
import {
  DALI_CITY,
  PREFECTURE,
  addOperator,
  login,
  startTestHub,
  type Harness,
} from '../hub/support/hub-harness';
import { signIn } from '../hub/security/support';
import { statusWhere, tempDir } from './support/core-harness';

type Attempt = (client: AccountsClient, target: string) => Promise<unknown>;

const POLICY = { ...DEFAULT_SECURITY_POLICY, lockoutThreshold: 6, passwordExpiryDays: 60 };
let serial = 0;

/** Each administrator's duty through the core's client, and the role the hub lets do it (三员分立). */
const DUTIES: [string, Role, Attempt][] = [
  [
    'create',
    'sysadmin',
    (client) => client.create({ name: `made-${(serial += 1)}`, role: 'viewer', jurisdiction: DALI_CITY }),
  ],
  ['disable', 'sysadmin', (client, target) => client.disable(target)],
  ['resetPassword', 'sysadmin', (client, target) => client.resetPassword(target)],
  ['setRole', 'secadmin', (client, target) => client.setRole(target, 'viewer')],
  ['unlock', 'secadmin', (client, target) => client.unlock(target)],
  ['policy', 'secadmin', (client) => client.policy()],
  ['setPolicy', 'secadmin', (client) => client.setPolicy(POLICY)],
];
const OTHERS: Role[] = ['sysadmin', 'secadmin', 'auditadmin', 'commander', 'operator'];
const REFUSALS = DUTIES.flatMap(([duty, allowed, attempt]) =>
  OTHERS.filter((role) => role !== allowed).map((role) => [duty, role, attempt] as const),
);

/**
 * The core's client of the hub's account administration, against a real hub. Administrators sign in with a
 * second factor, which the harness drives; the desktop core cannot give one yet, so the client is given the
 * token of the harness's sign-in.
 */
describe('account administration through the core against a real hub', () => {
  let harness: Harness;
  const clients = new Map<Role, AccountsClient>();
  const ownName = new Map<Role, string>();

  beforeAll(async () => {
    harness = await startTestHub(createSqliteDatabase());
    for (const role of OTHERS) {
      const actor = await addOperator(harness.hub, role, PREFECTURE);
      const token = await login(harness.hub, actor.name, actor.password);
      ownName.set(role, actor.name);
      clients.set(role, new AccountsClient({ hubUrl: harness.hub.url, accessToken: async () => token }));
    }
  }, 120_000);
  afterAll(() => harness.close());

  const as = (role: Role) => clients.get(role)!;
  const target = async () => (await addOperator(harness.hub, 'operator', DALI_CITY)).name;
  const summary = async (name: string) => (await as('sysadmin').list()).find((a) => a.name === name);

  /** Everything an administrator's action could change. */
  const state = async () => {
    const accounts = await harness.hub.store.listAccounts();
    const security = await Promise.all(accounts.map((a) => harness.hub.store.accountSecurity(a.id)));
    return { accounts, security, policy: await harness.hub.store.getSetting('security-policy') };
  };

  it('lets the system administrator create an account, with its one-time password, and list it', async () => {
    const made = await as('sysadmin').create({
      name: 'li-ming',
      role: 'operator',
      jurisdiction: DALI_CITY,
      displayName: '李明',
      post: '值班员',
    });
    expect(made.password.length).toBeGreaterThanOrEqual(12);
    expect(made.account).toMatchObject({ name: 'li-ming', role: 'operator', disabled: false });
    expect(await summary('li-ming')).toMatchObject({ displayName: '李明', post: '值班员' });
    const signedIn = await signIn(harness.hub, { name: 'li-ming', password: made.password });
    expect(signedIn.status).toBe(200);
  });

  it.each([
    ['an administrator role', { name: 'new-admin', role: 'secadmin' }, 'roleNotCreatable'],
    ['a login name taken', { name: 'li-ming', role: 'viewer' }, 'accountExists'],
  ] as const)('refuses to create with %s, worded, and creates nothing', async (_case, fields, code) => {
    const before = await state();
    await expect(as('sysadmin').create({ ...fields, jurisdiction: DALI_CITY })).rejects.toMatchObject({
      wording: { code },
    });
    expect(await state()).toEqual(before);
  });

  it('lets the system administrator disable an account and reset a password', async () => {
    const name = await target();
    const reset = await as('sysadmin').resetPassword(name);
    expect((await signIn(harness.hub, { name, password: reset.password })).status).toBe(200);
    expect((await as('sysadmin').disable(name)).disabled).toBe(true);
    expect((await summary(name))?.disabled).toBe(true);
    expect((await signIn(harness.hub, { name, password: reset.password })).status).not.toBe(200);
  });

  it.each([
    ['their own account', (role: Role) => ownName.get(role)!, 'ownAccount'],
    ['an account that does not exist', () => 'nobody-here', 'accountNotFound'],
  ] as const)('refuses an administrator %s, worded', async (_case, name, code) => {
    const before = await state();
    await expect(as('sysadmin').disable(name('sysadmin'))).rejects.toMatchObject({ wording: { code } });
    await expect(as('secadmin').setRole(name('secadmin'), 'viewer')).rejects.toMatchObject({
      wording: { code },
    });
    expect(await state()).toEqual(before);
  });

  it('lets the security administrator list accounts, set a role and unlock a locked account', async () => {
    const name = await target();
    expect((await as('secadmin').list()).map((a) => a.name)).toContain(name);
    expect((await as('secadmin').setRole(name, 'commander')).role).toBe('commander');
    for (let attempt = 0; attempt < DEFAULT_SECURITY_POLICY.lockoutThreshold; attempt += 1)
      await signIn(harness.hub, { name, password: 'Wrong-pass-1' });
    expect((await summary(name))?.lockedUntil).toBeDefined();
    expect((await as('secadmin').unlock(name)).lockedUntil).toBeUndefined();
    expect((await summary(name))?.lockedUntil).toBeUndefined();
  });

  it('lets the security administrator read and set the security policy', async () => {
    expect(await as('secadmin').policy()).toEqual(DEFAULT_SECURITY_POLICY);
    expect(await as('secadmin').setPolicy(POLICY)).toEqual(POLICY);
    expect(await as('secadmin').policy()).toEqual(POLICY);
  });

  it.each(REFUSALS)(
    'refuses %s to the %s role, worded, and changes nothing',
    async (_duty, role, attempt) => {
      const name = await target();
      const before = await state();
      await expect(attempt(as(role), name)).rejects.toMatchObject({ wording: { code: 'roleMayNotSee' } });
      expect(await state()).toEqual(before);
    },
  );

  it.each(['auditadmin', 'commander', 'operator'] as const)(
    'shows the accounts not to the %s role',
    async (role) => {
      await expect(as(role).list()).rejects.toMatchObject({ wording: { code: 'roleMayNotSee' } });
    },
  );
});

/** The desktop core refuses account administration to a role without it, before the hub is asked. */
describe('account administration refused by the desktop core', () => {
  const dir = tempDir();
  let harness: Harness;
  let core: DesktopCore;

  beforeAll(async () => {
    harness = await startTestHub(createSqliteDatabase());
    const duty = await addOperator(harness.hub, 'commander', DALI_CITY);
    core = new DesktopCore({
      cacheFile: join(dir, 'commander.db'),
      regionId: 'dali',
      hub: { url: harness.hub.url, name: duty.name, password: duty.password },
    });
    core.start();
    await statusWhere(core, (status) => status.operator?.role === 'commander');
  }, 60_000);
  afterAll(async () => {
    core?.close();
    await harness?.close();
  });

  it.each([
    ['accounts.list', {}],
    ['accounts.create', { name: 'made-by-core', role: 'viewer', jurisdiction: DALI_CITY }],
    ['accounts.disable', { name: 'duty' }],
    ['accounts.resetPassword', { name: 'duty' }],
    ['accounts.setRole', { name: 'duty', role: 'viewer' }],
    ['accounts.unlock', { name: 'duty' }],
    ['securityPolicy.get', {}],
    ['securityPolicy.set', POLICY],
  ])('%s', async (method, input) => {
    const result = await dispatchDesktopCall(core.handlers, method, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'roleMayNotSee' } });
    expect(await harness.hub.store.accountByName('made-by-core')).toBeUndefined();
  });
});
