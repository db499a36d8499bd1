import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordProblems } from '../../../src/domain';
import { STORE_KINDS } from '../support/databases';
import { StreamClient, addOperator, login, startTestHub, type Harness } from '../support/hub-harness';
import { DAY, TestClock, call, signIn } from './support';

describe('the password policy', () => {
  it.each([
    ['long enough, three classes', 'Harbour-lights', 'li.ming', []],
    ['all four classes', 'Tide7-Stone', 'li.ming', []],
    ['nine characters', 'Abcdef-12', 'li.ming', ['passwordTooShort']],
    ['two classes', 'harbourlights42', 'li.ming', ['passwordTooFewClasses']],
    ['one class, short', 'harbour', 'li.ming', ['passwordTooShort', 'passwordTooFewClasses']],
    ['the account name inside', 'Xx-Li.Ming-2026', 'li.ming', ['passwordContainsName']],
    ['the account name in capitals', 'DUTY-desk-77', 'duty', ['passwordContainsName']],
    ['Chinese characters count as other', '平安指挥中心abcD', 'li.ming', []],
  ])('%s', (_case, password, name, codes) => {
    expect(passwordProblems(password, name).map((problem) => problem.code)).toEqual(codes);
  });

  it('gives each problem its parameters, for a screen to word it', () => {
    expect(passwordProblems('ab', 'x')).toEqual([
      { code: 'passwordTooShort', params: { min: 10, length: 2 } },
      { code: 'passwordTooFewClasses', params: { min: 3, classes: 1 } },
    ]);
  });
});

describe.each(STORE_KINDS)('passwords on %s', (_kind, createDatabase) => {
  const clock = new TestClock();
  let harness: Harness;
  let sysadmin: string;
  let security: string;
  const person = { name: 'li.ming', password: '' };

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase(), { clock: clock.now });
    const [system, secadmin] = [
      await addOperator(harness.hub, 'sysadmin', '5329'),
      await addOperator(harness.hub, 'secadmin', '5329'),
    ];
    sysadmin = await login(harness.hub, system.name, system.password);
    security = await login(harness.hub, secadmin.name, secadmin.password);
    const created = await call(harness.hub, 'POST', '/api/v1/accounts', {
      token: sysadmin,
      body: { name: person.name, role: 'operator', jurisdiction: '532901', displayName: '李明' },
    });
    expect(created.status).toBe(201);
    person.password = String(created.body.password);
  }, 180_000);
  afterAll(() => harness.close());

  const change = (token: string, oldPassword: string, newPassword: string) =>
    call(harness.hub, 'POST', '/api/v1/auth/password', { token, body: { oldPassword, newPassword } });

  it('makes a generated password be changed at the first sign-in, and revokes the limited session after', async () => {
    const first = await signIn(harness.hub, person);
    expect(first.status).toBe(200);
    expect(first.body.passwordChangeRequired).toBe(true);
    const limited = String(first.body.accessToken);
    const stream = new StreamClient(harness.hub.url, limited);
    await expect(stream.connected()).rejects.toThrow(/unauthorized/);
    stream.close();

    const changed = await change(limited, person.password, 'Harbour-lights-1');
    expect(changed.status).toBe(200);
    expect(changed.body.passwordChangeRequired).toBeUndefined();
    expect(changed.body.idleTimeoutMinutes).toBe(30);
    const refreshed = await call(harness.hub, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    expect(refreshed.body.error?.code).toBe('token-revoked');
    const full = new StreamClient(harness.hub.url, String(changed.body.accessToken));
    await full.connected();
    full.close();
    person.password = 'Harbour-lights-1';
    const audit = await harness.hub.store.auditEntries(20);
    expect(audit.map((entry) => entry.action)).toContain('auth.password-changed');
    expect(JSON.stringify(audit)).not.toContain('Harbour-lights-1');
  }, 120_000);

  it.each([
    ['too short', 'Ab-1', ['passwordTooShort']],
    ['the name inside', 'Li.Ming-2026-x', ['passwordContainsName']],
  ])(
    'refuses a new password that is %s, naming the problem, and keeps the old one',
    async (_c, next, codes) => {
      const token = String((await signIn(harness.hub, person)).body.accessToken);
      const refused = await change(token, person.password, next);
      expect(refused.status).toBe(400);
      expect(refused.body.error?.code).toBe('password-policy');
      expect((refused.body.error?.words as { code: string }[]).map((word) => word.code)).toEqual(codes);
      expect((await signIn(harness.hub, person)).status).toBe(200);
    },
    120_000,
  );

  it('refuses any of the last five passwords, and takes the sixth', async () => {
    const passwords = ['Harbour-lights-2', 'Harbour-lights-3', 'Harbour-lights-4', 'Harbour-lights-5'];
    let token = String((await signIn(harness.hub, person)).body.accessToken);
    for (const next of passwords) {
      const changed = await change(token, person.password, next);
      expect(changed.status).toBe(200);
      token = String(changed.body.accessToken);
      person.password = next;
    }
    // The last five: -5 (current), -4, -3, -2, -1; the generated one before them is out of the history.
    const reused = await change(token, person.password, 'Harbour-lights-1');
    expect(reused.status).toBe(400);
    expect(reused.body.error?.words).toEqual([{ code: 'passwordRecentlyUsed', params: { count: 5 } }]);
  }, 300_000);

  it('makes an expired password be changed', async () => {
    const policy = (await call(harness.hub, 'GET', '/api/v1/security-policy', { token: security })).body
      .policy;
    const set = await call(harness.hub, 'PUT', '/api/v1/security-policy', {
      token: security,
      body: { ...(policy as object), passwordExpiryDays: 1 },
    });
    expect(set.status).toBe(200);
    expect((await signIn(harness.hub, person)).body.passwordChangeRequired).toBeUndefined();
    clock.advance(2 * DAY);
    expect((await signIn(harness.hub, person)).body.passwordChangeRequired).toBe(true);
  }, 120_000);
});
