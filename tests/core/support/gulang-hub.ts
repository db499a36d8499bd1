import { pointOnFeature } from '@turf/point-on-feature';
import { dirname } from 'node:path';
import type { Force } from '../../../src/domain';
import { createAccount, createApiKey } from '../../../src/hub/accounts';
import type { HubStore } from '../../../src/hub/store';
import { readBoundaries } from '../../../src/regions/store';
import { spawnHubProcess } from '../../hub/support/hub-process';

export const GULANG = '620622';

/** A point inside Gulang county: every force position a test posts lies there. */
export function insideGulang(): [number, number] {
  const county = readBoundaries('gulang', 'county')!.features[0]!;
  return pointOnFeature(county).geometry.coordinates as [number, number];
}

export async function gulangAccounts(store: HubStore) {
  const admin = await createAccount(
    store,
    { name: 'admin-test', role: 'sysadmin', jurisdiction: GULANG },
    { mustChangePassword: false },
  );
  // Fixtures the tests sign in with themselves: no first password change.
  const operator = await createAccount(
    store,
    { name: 'duty-gulang', role: 'operator', jurisdiction: GULANG },
    { mustChangePassword: false },
  );
  const key = (await createApiKey(store, 'force-tracker', GULANG)).key;
  return { admin, operator, key };
}

export async function forcesOf(store: HubStore): Promise<string[]> {
  return (await store.entitiesInScope(GULANG, 'force')).map((entity) => (entity.doc as Force).id);
}

/** Posts `total` force positions in batches, returning the seqs the hub gave them. */
export async function postPositions(
  hubUrl: string,
  key: string,
  forceIds: readonly string[],
  total: number,
  batch = 2500,
  tag = 'p',
): Promise<number> {
  const [lng, lat] = insideGulang();
  let posted = 0;
  for (let start = 0; start < total; start += batch) {
    const positions = Array.from({ length: Math.min(batch, total - start) }, (_, i) => ({
      id: `${tag}-${start + i}`,
      forceId: forceIds[(start + i) % forceIds.length]!,
      lng: lng + ((start + i) % 7) * 1e-5,
      lat,
      at: new Date(Date.UTC(2026, 10, 26, 0, 0, 0, start + i)).toISOString(),
    }));
    const response = await fetch(`${hubUrl}/api/v1/forces/positions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ positions }),
    });
    if (response.status !== 201)
      throw new Error(`posting positions failed: ${response.status} ${await response.text()}`);
    posted += positions.length;
  }
  return posted;
}

/** `pingan hub` for Gulang as its own process, on a given port and SQLite file. */
export function spawnGulangHub(db: string, port: number) {
  return spawnHubProcess({ db: `sqlite:${db}`, region: 'gulang', port, cwd: dirname(db) });
}
