import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DesktopCore } from '../../src/core/desktop-core';
import { dispatchDesktopCall } from '../../src/core/transports/dispatch';
import { createAccount } from '../../src/hub/accounts';
import { totpCode } from '../../src/hub/auth/totp';
import { createSqliteDatabase } from '../hub/support/databases';
import { DALI_CITY, startTestHub, type Harness } from '../hub/support/hub-harness';
import { TestClock } from '../hub/security/support';
import { statusWhere, tempDir } from './support/core-harness';

const STEP_MS = 30_000;
const NEW_PASSWORD = 'Erhai-lake-2026!';

describe('finishing a sign-in the hub holds back, through the desktop core', () => {
  const dir = tempDir();
  const clock = new TestClock();
  let harness: Harness;
  const passwords = new Map<string, string>();
  const cores: DesktopCore[] = [];
  /** The administrator's authenticator secret, as the enrolment showed it. */
  let adminSecret = '';

  beforeAll(async () => {
    harness = await startTestHub(createSqliteDatabase(), {
      clock: clock.now,
      signInLimits: { perAddress: 1000, perName: 1000 },
    });
    for (const [name, role] of [
      ['fresh-duty', 'operator'],
      ['picky-duty', 'operator'],
      ['system-admin', 'sysadmin'],
      ['audit-admin', 'auditadmin'],
    ] as const) {
      const created = await createAccount(harness.hub.store, { name, role, jurisdiction: DALI_CITY });
      passwords.set(name, created.password);
    }
  }, 120_000);

  afterAll(async () => {
    for (const core of cores) core.close();
    await harness?.close();
  });

  function coreFor(name: string, password = passwords.get(name)!, cacheName = name) {
    const core = new DesktopCore({
      cacheFile: join(dir, `${cacheName}.db`),
      regionId: 'dali',
      hub: { url: harness.hub.url, name, password },
    });
    core.start();
    cores.push(core);
    return core;
  }

  const call = (core: DesktopCore, method: string, input: unknown) =>
    dispatchDesktopCall(core.handlers, method, input);

  /** The sign-in records the hub's audit trail holds for `name`. */
  async function signInRecords(name: string) {
    const entries = await harness.hub.store.auditEntries(500);
    return entries.filter((entry) => entry.actor === name && entry.action === 'auth.login');
  }

  it('lets an operator with a generated password change it, then streams', async () => {
    const core = coreFor('fresh-duty');
    const waiting = await statusWhere(core, (s) => s.signInStep === 'password-change');
    expect(waiting).toMatchObject({ connection: 'offline', signInRefusal: 'password-change-required' });
    const answer = await call(core, 'session.changePassword', {
      oldPassword: passwords.get('fresh-duty'),
      newPassword: NEW_PASSWORD,
    });
    expect(answer).toEqual({ ok: true, value: { changed: true, problems: [] } });
    const online = await statusWhere(core, (s) => s.connection === 'online');
    expect(online).toMatchObject({ signInStep: null, signInRefusal: null });
    // The core signs in again with the new password (the hub refuses the old one now).
    const again = coreFor('fresh-duty', NEW_PASSWORD, 'fresh-duty-again');
    await statusWhere(again, (s) => s.connection === 'online');
  }, 60_000);

  it.each([
    ['too short', 'Short-1', 'passwordTooShort'],
    ['too few kinds of character', 'onlylowercaseletters', 'passwordTooFewClasses'],
    ['the account’s name', 'Picky-duty-2026', 'passwordContainsName'],
  ])(
    'words the policy’s refusal of a new password %s',
    async (_case, newPassword, code) => {
      const core = coreFor('picky-duty', passwords.get('picky-duty'), `picky-${code}`);
      await statusWhere(core, (s) => s.signInStep === 'password-change');
      const answer = await call(core, 'session.changePassword', {
        oldPassword: passwords.get('picky-duty'),
        newPassword,
      });
      expect(answer).toMatchObject({ ok: true, value: { changed: false } });
      const problems = (answer as { value: { problems: { code: string }[] } }).value.problems;
      expect(problems.map((problem) => problem.code)).toContain(code);
      expect(core.status()).toMatchObject({ signInStep: 'password-change', connection: 'offline' });
    },
    60_000,
  );

  it('takes an administrator through the password change and enrolment, refuses a wrong code, then streams', async () => {
    const core = coreFor('system-admin');
    await statusWhere(core, (s) => s.signInStep === 'password-change');
    await call(core, 'session.changePassword', {
      oldPassword: passwords.get('system-admin'),
      newPassword: NEW_PASSWORD,
    });
    passwords.set('system-admin', NEW_PASSWORD);
    await statusWhere(core, (s) => s.signInStep === 'totp-enrolment');
    const enrolled = await call(core, 'session.enrolTotp', {});
    expect(enrolled.ok).toBe(true);
    const { uri, secret, issuer } = (enrolled as { value: { uri: string; secret: string; issuer: string } })
      .value;
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(issuer.length).toBeGreaterThan(0);

    adminSecret = secret;
    const right = totpCode(secret, clock.now());
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const refused = await call(core, 'session.confirmTotp', { code: wrong });
    expect(refused).toMatchObject({ ok: false, error: { code: 'wrongTotpCode' } });
    expect(core.status().signInStep).toBe('totp-enrolment');

    expect(await call(core, 'session.confirmTotp', { code: right })).toEqual({
      ok: true,
      value: { signedIn: true },
    });
    await statusWhere(core, (s) => s.connection === 'online' && s.signInStep === null);
  }, 60_000);

  it('asks an enrolled administrator for a code once, without retrying, and accepts a fresh one', async () => {
    clock.advance(STEP_MS);
    const before = (await signInRecords('system-admin')).length;
    const core = coreFor('system-admin', NEW_PASSWORD, 'system-admin-later');
    const waiting = await statusWhere(core, (s) => s.signInStep === 'totp-code');
    expect(waiting).toMatchObject({ signInRefusal: 'totp-required', connection: 'offline' });
    // Proving that nothing happens takes time: socket.io's first reconnections (from 0.5 s) would be in by now.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await signInRecords('system-admin')).length - before).toBe(1);

    const answer = await call(core, 'session.submitTotp', { code: totpCode(adminSecret, clock.now()) });
    expect(answer).toEqual({ ok: true, value: { signedIn: true } });
    await statusWhere(core, (s) => s.connection === 'online' && s.signInStep === null);
  }, 60_000);

  it('unlocks an administrator’s screen with the password and the app’s code, not the password alone', async () => {
    const core = cores.at(-1)!;
    const alone = await call(core, 'session.unlock', { password: NEW_PASSWORD });
    expect(alone).toMatchObject({ ok: false, error: { code: 'totpCodeRequired' } });
    clock.advance(STEP_MS);
    const code = totpCode(adminSecret, clock.now());
    expect(await call(core, 'session.unlock', { password: NEW_PASSWORD, totpCode: code })).toEqual({
      ok: true,
      value: { unlocked: true },
    });
  }, 60_000);

  it('tells an audit administrator, once signed in, that the role receives no live situation, and does not retry', async () => {
    const core = coreFor('audit-admin');
    await statusWhere(core, (s) => s.signInStep === 'password-change');
    await call(core, 'session.changePassword', {
      oldPassword: passwords.get('audit-admin'),
      newPassword: NEW_PASSWORD,
    });
    await statusWhere(core, (s) => s.signInStep === 'totp-enrolment');
    const enrolled = (await call(core, 'session.enrolTotp', {})) as { value: { secret: string } };
    clock.advance(STEP_MS);
    await call(core, 'session.confirmTotp', { code: totpCode(enrolled.value.secret, clock.now()) });
    const refused = await statusWhere(core, (s) => s.hubRefusal?.code === 'roleSeesNoSituation');
    expect(refused).toMatchObject({ signInStep: null, lastError: null });
    // The audit screen works through the hub's HTTP API all the same.
    const page = await call(core, 'audit.search', { limit: 5 });
    expect(page).toMatchObject({ ok: true });
  }, 60_000);
});
