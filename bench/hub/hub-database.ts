import type { Force } from '../../src/domain';
import { createAccount, createApiKey } from '../../src/hub/accounts';
import { recordEvents } from '../../src/hub/projector';
import { defaultKeysDir, loadHubKeys } from '../../src/hub/keys';
import { openHubStore } from '../../src/hub/store';
import type { Progress } from '../lib/progress';
import { PREFECTURE, type LngLat } from './dali';
import { movementDrafts, registrationDrafts } from './forces';

/** As large as the biggest batch the ingest API accepts. */
const RECORD_BATCH = 5000;

export interface HubCredentials {
  viewer: { name: string; password: string };
  apiKey: string;
}

/**
 * A hub database as a running hub would have it: forces registered, `movements` positions already in the
 * log (for a client to replay), a prefecture viewer to watch the stream and a prefecture key to post with.
 */
export async function prepareHubDatabase(
  dbFile: string,
  forces: readonly Force[],
  points: readonly LngLat[],
  movements: number,
  progress: Progress,
): Promise<HubCredentials> {
  // The keys where `pingan hub --db` on this file finds them: the hub started on it later reads the same trail.
  const keys = loadHubKeys(defaultKeysDir(`sqlite:${dbFile}`));
  const store = await openHubStore(`sqlite:${dbFile}`, {
    auditKey: keys.audit,
    personalDataKey: keys.personalData,
  });
  try {
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
    return { viewer: { name: viewer.account.name, password: viewer.password }, apiKey: key };
  } finally {
    await store.close();
  }
}
