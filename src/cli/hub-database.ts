import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkKeysMatch, defaultKeysDir, loadHubKeys, type HubKeys } from '../hub/keys';
import { sql } from 'kysely';
import { openHubStore, openStoreDialect, type HubStore } from '../hub/store';

const isPostgres = (location: string) => /^postgres(ql)?:\/\//.test(location);
const sqlitePath = (location: string) => location.replace(/^sqlite:/, '');

/** Where an account or key goes, said the way the operator can find it again: an absolute file, or the URL. */
export function describeDatabase(location: string): string {
  return isPostgres(location)
    ? location.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
    : resolve(sqlitePath(location));
}

/**
 * Refuses a hub database that does not exist, before anything is made for it (its keys): adding an account
 * must never create a fresh, empty database that no hub reads, where a mistyped path would report success.
 */
async function requireExistingDatabase(location: string): Promise<void> {
  if (!isPostgres(location)) {
    if (!existsSync(sqlitePath(location)))
      throw new Error(`--db ${location}: no hub database at ${describeDatabase(location)}`);
    return;
  }
  const dialect = openStoreDialect(location);
  try {
    await sql`SELECT 1`.execute(dialect.reader);
  } catch (error) {
    // 3D000: PostgreSQL's "database does not exist".
    if ((error as { code?: string }).code === '3D000')
      throw new Error(`--db ${describeDatabase(location)}: no such PostgreSQL database`);
    throw error;
  } finally {
    await dialect.close();
  }
}

/**
 * Runs `work` on the existing database at `db` with the keys in `keysDir` (beside the database when not
 * given; made there when missing with `create`). With `checkKeys` the keys must be the database's (anything
 * that writes to the audit trail); the audit check reads with whatever key it is given and reports the result.
 */
export async function withHubStore<T>(
  db: string,
  keysDir: string | undefined,
  work: (store: HubStore, keys: HubKeys) => Promise<T>,
  { create = true, checkKeys = true } = {},
): Promise<T> {
  await requireExistingDatabase(db);
  const keys = loadHubKeys(keysDir ?? defaultKeysDir(db), { create });
  const store = await openHubStore(db, { auditKey: keys.audit });
  try {
    if (checkKeys) {
      await checkKeysMatch(store, keys);
      // Records a hub of an earlier version wrote are sealed before this one adds its own after them.
      await store.sealUnchainedAudit();
    }
    return await work(store, keys);
  } finally {
    await store.close();
  }
}
