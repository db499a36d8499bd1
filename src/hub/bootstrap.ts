import { createAccount, createApiKey } from './accounts';
import type { RegionIndex } from './region-index';
import type { HubStore } from './store';

export interface BootstrapCredentials {
  admin: { name: string; password: string };
  demoOperator: { name: string; password: string };
  simulator: { apiKey: string; operator: { name: string; password: string } };
}

/**
 * On a hub's first run (no accounts yet): an admin for the region, a demo duty operator, and what the
 * simulator needs to drive the hub (an ingest key and a commander account). Passwords are returned once
 * and stored only as hashes.
 */
export async function bootstrapAccounts(
  store: HubStore,
  region: RegionIndex,
): Promise<BootstrapCredentials | null> {
  if ((await store.countAccounts()) > 0) return null;
  const root = region.rootCode;
  const admin = await createAccount(store, { name: 'admin', role: 'admin', jurisdiction: root });
  const demo = await createAccount(store, { name: 'duty', role: 'commander', jurisdiction: root });
  const simulatorOperator = await createAccount(store, {
    name: 'simulator',
    role: 'commander',
    jurisdiction: root,
  });
  const simulatorKey = await createApiKey(store, 'simulator', root);
  return {
    admin: { name: admin.account.name, password: admin.password },
    demoOperator: { name: demo.account.name, password: demo.password },
    simulator: {
      apiKey: simulatorKey.key,
      operator: { name: simulatorOperator.account.name, password: simulatorOperator.password },
    },
  };
}
