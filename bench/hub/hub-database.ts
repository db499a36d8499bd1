import type { Force } from '../../src/domain';
import { seedHub } from '../../src/cli/seed-demo';
import { createAccount, createApiKey } from '../../src/hub/accounts';
import { bootstrapAccounts } from '../../src/hub/bootstrap';
import { recordEvents } from '../../src/hub/projector';
import { defaultKeysDir, loadHubKeys } from '../../src/hub/keys';
import { RegionIndex } from '../../src/hub/region-index';
import { openHubStore } from '../../src/hub/store';
import type { Progress } from '../lib/progress';
import { PREFECTURE, REGION, type LngLat } from './dali';
import { movementDrafts, registrationDrafts } from './forces';

/** As large as the biggest batch the ingest API accepts. */
const RECORD_BATCH = 5000;

export interface HubCredentials {
  viewer: { name: string; password: string };
  apiKey: string;
  /** With `demo`: the demo's simulator accounts. */
  simulator?: { apiKey: string; operator: { name: string; password: string } };
}

/**
 * A hub database as a running hub would have it: forces registered, `movements` positions already in the
 * log (for a client to replay), a prefecture viewer to watch the stream and a prefecture key to post with.
 * With `demo`, first what `pingan start` seeds (units, monitoring points, forces) and its accounts, so that the
 * demo's simulator can run against it.
 */
export async function prepareHubDatabase(
  dbFile: string,
  forces: readonly Force[],
  points: readonly LngLat[],
  movements: number,
  progress: Progress,
  { demo = false }: { demo?: boolean } = {},
): Promise<HubCredentials> {
  // The keys where `pingan hub --db` on this file finds them: the hub started on it later reads the same trail.
  const keys = loadHubKeys(defaultKeysDir(`sqlite:${dbFile}`));
  const store = await openHubStore(`sqlite:${dbFile}`, {
    auditKey: keys.audit,
    personalDataKey: keys.personalData,
  });
  try {
    let simulator: HubCredentials['simulator'];
    if (demo) {
      const accounts = await bootstrapAccounts(store, new RegionIndex(REGION));
      if (!accounts) throw new Error('a fresh hub database should have had no accounts');
      simulator = accounts.simulator;
      await seedHub(store, REGION, {
        onProgress: (done, total) => progress.update(`seeding the demo: ${done} of ${total}`),
      });
    }
    const at = new Date().toISOString();
    await store.transaction((tx) => recordEvents(tx, registrationDrafts(forces, at)));
    for (let recorded = 0; recorded < movements; recorded += RECORD_BATCH) {
      const count = Math.min(RECORD_BATCH, movements - recorded);
      await store.transaction((tx) =>
        recordEvents(tx, movementDrafts(forces, points, recorded, count, new Date().toISOString())),
      );
      progress.update(
        `${(recorded + count).toLocaleString('en')} of ${movements.toLocaleString('en')} positions recorded`,
      );
    }
    // The benchmark's clients sign in by themselves, with nobody to change the password first.
    const viewer = await createAccount(
      store,
      { name: 'bench-viewer', role: 'viewer', jurisdiction: PREFECTURE },
      { mustChangePassword: false },
    );
    const { key } = await createApiKey(store, 'bench-positions', PREFECTURE);
    return {
      viewer: { name: viewer.account.name, password: viewer.password },
      apiKey: key,
      ...(simulator ? { simulator } : {}),
    };
  } finally {
    await store.close();
  }
}
