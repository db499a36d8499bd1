import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../src/domain';
import { STORE_KINDS } from '../support/databases';
import { addOperator, login, startTestHub, YANGBI, type Harness } from '../support/hub-harness';
import { call, type Answer } from './support';

type Action = 'create' | 'disable' | 'reset' | 'set-role' | 'unlock' | 'read-policy' | 'set-policy';

/** Who may do what (三员分立): accounts are the system administrator's, roles and policy the security one's. */
const ALLOWED: Record<Action, Role> = {
  create: 'sysadmin',
  disable: 'sysadmin',
  reset: 'sysadmin',
  'set-role': 'secadmin',
  unlock: 'secadmin',
  'read-policy': 'secadmin',
  'set-policy': 'secadmin',
};
const ACTIONS = Object.keys(ALLOWED) as Action[];
const POLICY = {
  lockoutThreshold: 6,
  lockoutWindowMinutes: 15,
  lockoutMinutes: 30,
  passwordExpiryDays: 60,
  idleTimeoutMinutes: 20,
};
let serial = 0;

describe.each(STORE_KINDS)('separation of duties on %s', (_kind, createDatabase) => {
  let harness: Harness;
  const tokens = new Map<Role, string>();
  let bystander: string;

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase());
    for (const role of ROLES) {
      const actor = await addOperator(harness.hub, role, '5329');
      tokens.set(role, await login(harness.hub, actor.name, actor.password));
    }
    bystander = (await addOperator(harness.hub, 'operator', '532901')).name;
  }, 300_000);
  afterAll(() => harness.close());

  /** Everything an administrator's action could change. */
  const state = async () => {
    const accounts = await harness.hub.store.listAccounts();
    const security = await Promise.all(accounts.map((a) => harness.hub.store.accountSecurity(a.id)));
    return { accounts, security, policy: await harness.hub.store.getSetting('security-policy') };
  };

  async function attempt(action: Action, token: string, target: string): Promise<Answer> {
    const path = `/api/v1/accounts/${target}`;
    switch (action) {
      case 'create':
        return call(harness.hub, 'POST', '/api/v1/accounts', {
          token,
          body: { name: `made-${(serial += 1)}`, role: 'viewer', jurisdiction: '532901' },
        });
      case 'disable':
        return call(harness.hub, 'POST', `${path}/disable`, { token });
      case 'reset':
        return call(harness.hub, 'POST', `${path}/password-reset`, { token });
      case 'set-role':
        return call(harness.hub, 'PUT', `${path}/role`, { token, body: { role: 'viewer' } });
      case 'unlock':
        return call(harness.hub, 'POST', `${path}/unlock`, { token });
      case 'read-policy':
        return call(harness.hub, 'GET', '/api/v1/security-policy', { token });
      case 'set-policy':
        return call(harness.hub, 'PUT', '/api/v1/security-policy', { token, body: POLICY });
    }
  }

  const refusals = ROLES.flatMap((role) =>
    ACTIONS.filter((action) => ALLOWED[action] !== role).map((action) => [role, action] as const),
  );
  it.each(refusals)('%s may not %s: 403, and nothing changes', async (role, action) => {
    const before = await state();
    const answer = await attempt(action, tokens.get(role)!, bystander);
    expect(answer.status).toBe(403);
    expect(answer.body.error?.code).toBe('role-not-permitted');
    expect(await state()).toEqual(before);
    const [latest] = await harness.hub.store.auditEntries(1);
    expect(latest).toMatchObject({ action: 'account.refused', outcome: 'refused' });
  });

  it.each(ACTIONS)(
    '%s is allowed to its administrator and recorded',
    async (action) => {
      const role = ALLOWED[action];
      const target = (await addOperator(harness.hub, 'operator', '532901')).name;
      const answer = await attempt(action, tokens.get(role)!, target);
      expect(answer.status, JSON.stringify(answer.body)).toBe(action === 'create' ? 201 : 200);
      if (action === 'read-policy') return;
      const recorded = {
        create: 'account.created',
        disable: 'account.disabled',
        reset: 'account.password-reset',
        'set-role': 'account.role-changed',
        unlock: 'auth.unlocked',
        'set-policy': 'security.policy-changed',
      }[action];
      const [latest] = await harness.hub.store.auditEntries(1);
      expect(latest).toMatchObject({ action: recorded, outcome: 'accepted' });
      expect(JSON.stringify(latest)).not.toMatch(/password"\s*:/);
    },
    60_000,
  );

  it('takes effect: a disabled account cannot sign in, a reset password must be changed', async () => {
    const disabled = await addOperator(harness.hub, 'operator', '532901');
    await attempt('disable', tokens.get('sysadmin')!, disabled.name);
    const refused = await call(harness.hub, 'POST', '/api/v1/auth/login', {
      body: { name: disabled.name, password: disabled.password },
    });
    expect(refused.body.error?.code).toBe('bad-credentials');

    const reset = await attempt('reset', tokens.get('sysadmin')!, bystander);
    const signedIn = await call(harness.hub, 'POST', '/api/v1/auth/login', {
      body: { name: bystander, password: String(reset.body.password) },
    });
    expect(signedIn.body.passwordChangeRequired).toBe(true);
  }, 60_000);

  it.each([
    ['nobody changes their own role', 'secadmin', 'self', 'own-account'],
    ['an administrator role is not given at creation', 'sysadmin', 'admin-at-creation', 'role-not-permitted'],
  ] as const)('%s', async (_case, role, what, code) => {
    const before = await state();
    const self = (await harness.hub.store.listAccounts()).find((a) => a.role === role)!.name;
    const answer =
      what === 'self'
        ? await call(harness.hub, 'PUT', `/api/v1/accounts/${self}/role`, {
            token: tokens.get(role)!,
            body: { role: 'sysadmin' },
          })
        : await call(harness.hub, 'POST', '/api/v1/accounts', {
            token: tokens.get(role)!,
            body: { name: 'second-admin', role: 'secadmin', jurisdiction: '532901' },
          });
    expect(answer.status).toBe(403);
    expect(answer.body.error?.code).toBe(code);
    expect(await state()).toEqual(before);
  });

  it('keeps each administrator within their jurisdiction', async () => {
    const county = await addOperator(harness.hub, 'secadmin', YANGBI);
    const token = await login(harness.hub, county.name, county.password);
    const before = await state();
    const unlock = await call(harness.hub, 'POST', `/api/v1/accounts/${bystander}/unlock`, { token });
    expect(unlock.status).toBe(404);
    expect(await state()).toEqual(before);
  }, 60_000);
});
