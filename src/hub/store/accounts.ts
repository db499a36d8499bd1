import { sql, type Selectable } from 'kysely';
import type { HubDb, HubSchema } from './schema';
import { runStatement } from './statements';
import type { AccountRecord, AccountSecurityRecord, ApiKeyRecord } from './types';

function toAccount(row: Selectable<HubSchema['accounts']>): AccountRecord {
  return {
    id: row.id,
    name: row.name,
    passwordHash: row.password_hash,
    role: row.role,
    jurisdiction: row.jurisdiction,
    createdAt: row.created_at,
    displayName: row.display_name,
    post: row.post,
  };
}

function toApiKey(row: Selectable<HubSchema['api_keys']>): ApiKeyRecord {
  return {
    id: row.id,
    source: row.source,
    jurisdiction: row.jurisdiction,
    keyHash: row.key_hash,
    createdAt: row.created_at,
    displayName: row.display_name,
  };
}

export async function accountWhere(
  db: HubDb,
  column: 'name' | 'id',
  value: string,
): Promise<AccountRecord | undefined> {
  // No account's name or id holds NUL, and PostgreSQL refuses the query that asks (a sign-in would fail
  // with 500 where SQLite answers "no such account").
  if (value.includes('\u0000')) return undefined;
  const [row] = await runStatement(db, `account/${column}`, [value], () =>
    db.selectFrom('accounts').selectAll().where(column, '=', value),
  );
  return row && toAccount(row);
}

export async function countAccounts(db: HubDb): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listAccounts(db: HubDb): Promise<AccountRecord[]> {
  return (await db.selectFrom('accounts').selectAll().orderBy('name').execute()).map(toAccount);
}

/** Creates the account, or changes everything of it but its name and creation. */
export async function putAccount(db: HubDb, account: AccountRecord): Promise<void> {
  await db
    .insertInto('accounts')
    .values({
      id: account.id,
      name: account.name,
      password_hash: account.passwordHash,
      role: account.role,
      jurisdiction: account.jurisdiction,
      created_at: account.createdAt,
      display_name: account.displayName,
      post: account.post,
    })
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet((eb) => ({
        password_hash: eb.ref('excluded.password_hash'),
        role: eb.ref('excluded.role'),
        jurisdiction: eb.ref('excluded.jurisdiction'),
        display_name: eb.ref('excluded.display_name'),
        post: eb.ref('excluded.post'),
      })),
    )
    .execute();
}

export async function accountSecurity(
  db: HubDb,
  accountId: string,
): Promise<AccountSecurityRecord | undefined> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
  return (
    row && {
      accountId: row.id,
      tokenEpoch: Number(row.token_epoch),
      mustChangePassword: Number(row.must_change_password) === 1,
      passwordExpires: Number(row.password_expires) === 1,
      passwordChangedAt: row.password_changed_at,
      disabled: Number(row.disabled) === 1,
      failedLogins: Number(row.failed_logins),
      firstFailureAt: row.first_failure_at,
      lockedUntil: row.locked_until,
      totpSecret: row.totp_secret,
      totpPending: row.totp_pending,
      totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
    }
  );
}

export async function putAccountSecurity(db: HubDb, record: AccountSecurityRecord): Promise<void> {
  await db
    .updateTable('accounts')
    .set({
      token_epoch: record.tokenEpoch,
      must_change_password: record.mustChangePassword ? 1 : 0,
      password_expires: record.passwordExpires ? 1 : 0,
      password_changed_at: record.passwordChangedAt,
      disabled: record.disabled ? 1 : 0,
      failed_logins: record.failedLogins,
      first_failure_at: record.firstFailureAt,
      locked_until: record.lockedUntil,
      totp_secret: record.totpSecret,
      totp_pending: record.totpPending,
      totp_last_step: record.totpLastStep,
    })
    .where('id', '=', record.accountId)
    .execute();
}

export async function passwordHistory(db: HubDb, accountId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('account_id', '=', accountId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => row.password_hash);
}

export async function addPasswordHistory(
  db: HubDb,
  accountId: string,
  passwordHash: string,
  at: string,
  keep: number,
): Promise<void> {
  await db
    .insertInto('password_history')
    .values({ account_id: accountId, password_hash: passwordHash, set_at: at })
    .execute();
  const kept = db
    .selectFrom('password_history')
    .select('id')
    .where('account_id', '=', accountId)
    .orderBy('id', 'desc')
    .limit(keep);
  await db
    .deleteFrom('password_history')
    .where('account_id', '=', accountId)
    .where('id', 'not in', kept)
    .execute();
}

export async function putApiKey(db: HubDb, key: ApiKeyRecord): Promise<void> {
  await db
    .insertInto('api_keys')
    .values({
      id: key.id,
      source: key.source,
      jurisdiction: key.jurisdiction,
      key_hash: key.keyHash,
      created_at: key.createdAt,
      display_name: key.displayName,
    })
    .execute();
}

/** Keys not revoked (`revoked` is 0/1 in SQLite and a boolean in PostgreSQL: NOT reads both). */
function liveKeys(db: HubDb) {
  return db
    .selectFrom('api_keys')
    .selectAll()
    .where(sql<boolean>`NOT revoked`);
}

export async function apiKeyByHash(db: HubDb, keyHash: string): Promise<ApiKeyRecord | undefined> {
  const [row] = await runStatement(db, 'apiKeyByHash', [keyHash], () =>
    liveKeys(db).where('key_hash', '=', keyHash),
  );
  return row && toApiKey(row);
}

export async function listApiKeys(db: HubDb): Promise<ApiKeyRecord[]> {
  return (await liveKeys(db).orderBy('source').execute()).map(toApiKey);
}
