import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubSession, HubSignInError } from '../../src/core/sync/hub-session';
import { createAccount } from '../../src/hub/accounts';
import { createSqliteDatabase } from '../hub/support/databases';
import { startTestHub, type Harness } from '../hub/support/hub-harness';

/** The code a refused sign-in carries, for the session status. */
async function refusalOf(session: HubSession): Promise<string> {
  try {
    await session.signIn();
  } catch (error) {
    if (error instanceof HubSignInError) return error.code;
    throw error;
  }
  return 'signed in';
}

describe('the desktop’s sign-in refusals', () => {
  let harness: Harness;
  const accounts: Record<string, { name: string; password: string }> = {};

  beforeAll(async () => {
    harness = await startTestHub(createSqliteDatabase(), { signInLimits: { perAddress: 1000, perName: 3 } });
    for (const [name, role, mustChangePassword] of [
      ['duty', 'operator', false],
      ['fresh', 'operator', true],
      ['system', 'sysadmin', false],
    ] as const) {
      const created = await createAccount(
        harness.hub.store,
        { name, role, jurisdiction: '5329' },
        { mustChangePassword },
      );
      accounts[name] = { name, password: created.password };
    }
  }, 120_000);
  afterAll(() => harness.close());

  const session = (name: string, password = accounts[name]!.password) =>
    new HubSession(harness.hub.url, { name, password });

  it.each([
    ['a wrong password', () => session('duty', 'Wrong-pass-1'), 'bad-credentials'],
    ['a generated password not yet changed', () => session('fresh'), 'password-change-required'],
    ['an administrator without a second factor', () => session('system'), 'totp-enrolment-required'],
    ['a right password', () => session('duty'), 'signed in'],
  ])(
    '%s: %s',
    async (_case, make, code) => {
      expect(await refusalOf(make())).toBe(code);
    },
    60_000,
  );

  it('too many attempts on one name', async () => {
    const codes: string[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1)
      codes.push(await refusalOf(session('fresh', 'Wrong-pass-2')));
    expect(codes.at(-1)).toBe('too-many-attempts');
  }, 60_000);
});
