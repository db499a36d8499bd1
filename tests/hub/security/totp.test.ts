import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../../src/hub/auth/totp';
import { STORE_KINDS } from '../support/databases';
import { StreamClient, addOperator, startTestHub, type Harness } from '../support/hub-harness';
import { TestClock, call, signIn } from './support';

const STEP_MS = 30_000;

describe.each(STORE_KINDS)('the second factor of the administrators on %s', (_kind, createDatabase) => {
  const clock = new TestClock();
  let harness: Harness;
  let admin: { name: string; password: string; accountId: string };
  let secret: string;

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase(), { clock: clock.now });
    const created = await addOperator(harness.hub, 'sysadmin', '5329');
    admin = { name: created.name, password: created.password, accountId: created.account.id };
  }, 120_000);
  afterAll(() => harness.close());

  const credentials = () => ({ name: admin.name, password: admin.password });

  it('gives an administrator without one a token good only for enrolling it', async () => {
    const first = await signIn(harness.hub, credentials());
    expect(first.status).toBe(200);
    expect(first.body.totpEnrolmentRequired).toBe(true);
    const limited = String(first.body.accessToken);
    const accounts = await call(harness.hub, 'GET', '/api/v1/accounts', { token: limited });
    expect(accounts.status).toBe(403);
    expect(accounts.body.error?.code).toBe('sign-in-incomplete');
    const stream = new StreamClient(harness.hub.url, limited);
    await expect(stream.connected()).rejects.toThrow(/unauthorized/);
    stream.close();

    const enrolment = await call(harness.hub, 'POST', '/api/v1/auth/totp/enrol', { token: limited });
    expect(enrolment.status).toBe(200);
    const uri = new URL(String(enrolment.body.uri));
    expect(uri.protocol).toBe('otpauth:');
    secret = uri.searchParams.get('secret')!;
    const stored = await harness.hub.store.accountSecurity(admin.accountId);
    expect(stored?.totpPending).toMatch(/^sm4:/);
    expect(JSON.stringify(stored)).not.toContain(secret);

    const wrongCode = String((Number(totpCode(secret, clock.now())) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await call(harness.hub, 'POST', '/api/v1/auth/totp/confirm', {
      token: limited,
      body: { totpCode: wrongCode },
    });
    expect(wrong.status).toBe(400);
    const confirmed = await call(harness.hub, 'POST', '/api/v1/auth/totp/confirm', {
      token: limited,
      body: { totpCode: totpCode(secret, clock.now()) },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.totpEnrolmentRequired).toBeUndefined();
    const full = await call(harness.hub, 'GET', '/api/v1/accounts', {
      token: String(confirmed.body.accessToken),
    });
    expect(full.status).toBe(200);
    const actions = (await harness.hub.store.auditEntries(20)).map((entry) => entry.action);
    expect(actions).toContain('auth.totp-enrolled');
    expect(JSON.stringify(await harness.hub.store.auditEntries(20))).not.toContain(secret);
  }, 120_000);

  it('asks for the code at every sign-in once enrolled, and refuses a code used before', async () => {
    const withoutCode = await signIn(harness.hub, credentials());
    expect(withoutCode.status).toBe(401);
    expect(withoutCode.body.error?.code).toBe('totp-required');

    // A step after the one the enrolment used.
    clock.advance(STEP_MS);
    const code = totpCode(secret, clock.now());
    const accepted = await signIn(harness.hub, { ...credentials(), totpCode: code });
    expect(accepted.status).toBe(200);
    expect(accepted.body.totpEnrolmentRequired).toBeUndefined();

    const replayed = await signIn(harness.hub, { ...credentials(), totpCode: code });
    expect(replayed.status).toBe(401);
    expect(replayed.body.error?.code).toBe('totp-required');
    const refused = (await harness.hub.store.auditEntries(5)).find((entry) => entry.outcome === 'refused');
    expect(refused?.detail).toMatchObject({ reason: 'wrong-totp' });
  }, 120_000);
});
