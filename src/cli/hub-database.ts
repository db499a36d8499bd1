import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkKeysMatch, defaultKeysDir, loadHubKeys, type HubKeys } from '../hub/keys';
import { openHubStore, type HubStore } from '../hub/store';

const isPostgres = (location: string) => /^postgres(ql)?:\/\//.test(location);
const sqlitePath = (location: string) => location.replace(/^sqlite:/, '');

/** Where an account or key goes, said the way the operator can find it again: an absolute file, or the URL. */
export function describeDatabase(location: string): string {
  return isPostgres(location)
    ? location.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')
    : resolve(sqlitePath(location));
}

/**
 * Opens a hub database that already exists, with the audit key. Adding an account must never create a fresh,
 * empty database that no hub reads: a mistyped path would report success and the account would be nowhere.
 */
export async function openExistingHubStore(location: string, keys: HubKeys): Promise<HubStore> {
  if (!isPostgres(location)) {
    if (!existsSync(sqlitePath(location)))
      throw new Error(`--db ${location}: no hub database at ${describeDatabase(location)}`);
    return openHubStore(location, { auditKey: keys.audit });
  }
  try {
    return await openHubStore(location, { auditKey: keys.audit });
  } catch (error) {
    // 3D000: PostgreSQL's "database does not exist".
    if ((error as { code?: string }).code === '3D000')
      throw new Error(`--db ${describeDatabase(location)}: no such PostgreSQL database`);
    throw error;
  }
}

/** The keys in `--keys DIR`, or beside the database when it was not given; made there with `create`. */
export function hubKeysFor(db: string, keysDir: string | undefined, { create = true } = {}): HubKeys {
  return loadHubKeys(keysDir ?? defaultKeysDir(db), { create });
}

/**
 * Runs `work` on the existing database at `db`. With `checkKeys` the keys must be the database's (anything
 * that writes to the audit trail); the audit check reads with whatever key it is given and reports the result.
 */
export async function withHubStore<T>(
  db: string,
  keys: HubKeys,
  work: (store: HubStore) => Promise<T>,
  { checkKeys = true } = {},
): Promise<T> {
  const store = await openExistingHubStore(db, keys);
  try {
    if (checkKeys) {
      await checkKeysMatch(store, keys);
      // Records a hub of an earlier version wrote are sealed before this one adds its own after them.
      await store.sealUnchainedAudit();
    }
    return await work(store);
  } finally {
    await store.close();
  }
}
