import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamClient, addOperator, login, startTestHub, type Harness } from '../support/hub-harness';
import { STORE_KINDS } from '../support/databases';
import { until } from '../../support/eventually';
import { MINUTE, TestClock, call, signIn, type Answer } from './support';

/** What a refusal shows a client: everything but the timing. */
const shown = (answer: Answer) => ({
  status: answer.status,
  body: answer.body,
  retryAfter: answer.retryAfter,
});

describe.each(STORE_KINDS)('lockout on %s', (_kind, createDatabase) => {
  const clock = new TestClock();
  let harness: Harness;
  let security: string;
  let target: { name: string; password: string };

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase(), { clock: clock.now });
    const secadmin = await addOperator(harness.hub, 'secadmin', '5329');
    security = await login(harness.hub, secadmin.name, secadmin.password);
    target = await addOperator(harness.hub, 'operator', '532901');
  }, 120_000);
  afterAll(() => harness.close());

  const wrong = () => signIn(harness.hub, { name: target.name, password: 'Wrong-pass-1' });
  const right = () => signIn(harness.hub, { name: target.name, password: target.password });
  const auditActions = async () => (await harness.hub.store.auditEntries(50)).map((entry) => entry.action);

  it('locks after 5 failures, revokes the session, and answers as for an unknown name or a wrong password', async () => {
    const before = await right();
    expect(before.status).toBe(200);
    const refreshToken = String(before.body.refreshToken);
    const live = new StreamClient(harness.hub.url, String(before.body.accessToken));
    await live.connected();

    const failures: Answer[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) failures.push(await wrong());
    const locked = await right();
    const unknown = await signIn(harness.hub, { name: 'no-such-account', password: 'Wrong-pass-1' });

    expect(shown(locked)).toEqual(shown(failures[0]!));
    expect(shown(unknown)).toEqual(shown(failures[0]!));
    expect(failures[0]!.body.error).toEqual({ code: 'bad-credentials', message: 'wrong name or password' });
    expect(await auditActions()).toContain('auth.locked');
    await until("the locked account's live stream ends", () => !live.socket.connected);
    live.close();

    const refreshed = await call(harness.hub, 'POST', '/api/v1/auth/refresh', { body: { refreshToken } });
    expect(refreshed.status).toBe(401);
    expect(refreshed.body.error?.code).toBe('token-revoked');
    const stream = new StreamClient(harness.hub.url, String(before.body.accessToken));
    await expect(stream.connected()).rejects.toThrow(/unauthorized/);
    stream.close();
  }, 120_000);

  it('stays locked until the security administrator unlocks it', async () => {
    const unlocked = await call(harness.hub, 'POST', `/api/v1/accounts/${target.name}/unlock`, {
      token: security,
    });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body.account).toMatchObject({ name: target.name });
    expect((unlocked.body.account as { lockedUntil?: string }).lockedUntil).toBeUndefined();
    expect((await right()).status).toBe(200);
    expect(await auditActions()).toContain('auth.unlocked');
  }, 120_000);

  it('unlocks by itself once the lock has lasted the policy duration', async () => {
    const policy = await call(harness.hub, 'GET', '/api/v1/security-policy', { token: security });
    const shorter = { ...(policy.body.policy as object), lockoutThreshold: 3, lockoutMinutes: 10 };
    const set = await call(harness.hub, 'PUT', '/api/v1/security-policy', { token: security, body: shorter });
    expect(set.status).toBe(200);

    for (let attempt = 0; attempt < 3; attempt += 1) expect((await wrong()).status).toBe(401);
    expect((await right()).status).toBe(401);
    clock.advance(10 * MINUTE + 1000);
    expect((await right()).status).toBe(200);
  }, 120_000);
});
