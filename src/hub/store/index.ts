import type { StoreDialect } from './dialect';
import { openKyselyStore, type StoreOptions } from './kysely-store';
import { openPostgresDialect } from './postgres-dialect';
import { openSqliteDialect } from './sqlite-dialect';
import type { HubStore } from './types';

/** `sqlite:./data/hub.db` (or a bare path) is the embedded database; `postgres://…` the shared one. */
export function openStoreDialect(location: string): StoreDialect {
  if (/^postgres(ql)?:\/\//.test(location)) return openPostgresDialect(location);
  return openSqliteDialect(location.replace(/^sqlite:/, ''));
}

/** Opens the hub's store at `location`, upgrading its schema to this hub's version. */
export function openHubStore(location: string, options: StoreOptions = {}): Promise<HubStore> {
  return openKyselyStore(openStoreDialect(location), options);
}

export type { StoreOptions } from './kysely-store';

export type * from './types';
