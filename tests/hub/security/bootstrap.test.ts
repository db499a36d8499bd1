import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAccounts, type BootstrapCredentials } from '../../../src/hub/bootstrap';
import { STORE_KINDS } from '../support/databases';
import { startTestHub, type Harness } from '../support/hub-harness';
import { signIn } from './support';

describe.each(STORE_KINDS)("a hub's first accounts on %s", (_kind, createDatabase) => {
  let harness: Harness;
  let credentials: BootstrapCredentials;

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase());
    credentials = (await bootstrapAccounts(harness.hub.store, harness.hub.region))!;
  }, 120_000);
  afterAll(() => harness.close());

  it.each([
    ['the duty commander the demo signs in with', () => credentials.demoOperator],
    ['the simulator', () => credentials.simulator.operator],
  ])(
    '%s signs in without a password change',
    async (_who, account) => {
      const answer = await signIn(harness.hub, account());
      expect(answer.status).toBe(200);
      expect(answer.body.passwordChangeRequired).toBeUndefined();
      expect(answer.body.totpEnrolmentRequired).toBeUndefined();
    },
    60_000,
  );

  it('makes the system administrator change the password and enrol a second factor', async () => {
    const answer = await signIn(harness.hub, credentials.admin);
    expect(answer.body).toMatchObject({ passwordChangeRequired: true, totpEnrolmentRequired: true });
    const roles = await Promise.all(
      [credentials.admin, credentials.security, credentials.auditor].map(
        async ({ name }) => (await harness.hub.store.accountByName(name))?.role,
      ),
    );
    expect(roles).toEqual(['sysadmin', 'secadmin', 'auditadmin']);
  }, 60_000);
});
