import { openPostgresStore } from './postgres-store';
import { openSqliteStore } from './sqlite-store';
import type { HubStore } from './types';

/** `sqlite:./data/hub.db` (or a bare path) opens the embedded store; `postgres://…` the shared one. */
export async function openHubStore(location: string): Promise<HubStore> {
  if (/^postgres(ql)?:\/\//.test(location)) return openPostgresStore(location);
  return openSqliteStore(location.replace(/^sqlite:/, ''));
}

export type * from './types';
