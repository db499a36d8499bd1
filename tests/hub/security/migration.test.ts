import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openHubStore, openStoreDialect, type HubStore } from '../../../src/hub/store';
import { migrate } from '../../../src/hub/store/migrations';
import { STORE_KINDS, type TestDatabase } from '../support/databases';

const AT = '2026-01-01T00:00:00.000Z';
/** The version before sign-in security (migration index 3) was added. */
const BEFORE = 3;

describe.each(STORE_KINDS)('sign-in security on a %s hub database of before', (_kind, createDatabase) => {
  let database: TestDatabase;
  let store: HubStore;

  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it('makes the old admin accounts system administrators, and gives every account the defaults', async () => {
    database = await createDatabase();
    const dialect = openStoreDialect(database.url);
    await migrate(dialect, BEFORE);
    for (const [id, name, role] of [
      ['a-1', 'old-admin', 'admin'],
      ['a-2', 'duty-dali', 'operator'],
    ]) {
      await sql`INSERT INTO accounts (id, name, password_hash, role, jurisdiction, created_at)
                VALUES (${id}, ${name}, 'scrypt$x', ${role}, '5329', ${AT})`.execute(dialect.writer);
    }
    await dialect.close();

    store = await openHubStore(database.url);
    expect((await store.accountByName('old-admin'))?.role).toBe('sysadmin');
    expect((await store.accountByName('duty-dali'))?.role).toBe('operator');
    expect(await store.accountSecurity('a-2')).toEqual({
      accountId: 'a-2',
      tokenEpoch: 0,
      mustChangePassword: false,
      passwordExpires: true,
      passwordChangedAt: null,
      disabled: false,
      failedLogins: 0,
      firstFailureAt: null,
      lockedUntil: null,
      totpSecret: null,
      totpPending: null,
      totpLastStep: null,
    });
  }, 60_000);
});
