import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createApiKey } from '../../src/hub/accounts';
import { STORE_KINDS } from './support/databases';
import {
  DALI_CITY,
  PREFECTURE,
  StreamClient,
  YANGBI,
  login,
  startTestHub,
  type Harness,
} from './support/hub-harness';

type Entry = { id: string; name: string; role: string; displayName?: string; post?: string };

/** Screens name the people and systems in the record by the directory the hub sends them. */
describe.each(STORE_KINDS)('the directory of names, from a %s hub', (_store, createDatabase) => {
  let harness: Harness;
  let client: StreamClient;

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase());
    const { password } = await createAccount(harness.hub.store, {
      name: 'duty-liming',
      role: 'operator',
      jurisdiction: DALI_CITY,
      displayName: '李明',
      post: '值班员',
    });
    await createAccount(harness.hub.store, { name: 'yangbi-duty', role: 'operator', jurisdiction: YANGBI });
    await createApiKey(harness.hub.store, 'grid-app', PREFECTURE, '网格通 App');
    client = new StreamClient(harness.hub.url, await login(harness.hub, 'duty-liming', password));
    await client.connected();
  });
  afterAll(async () => {
    client?.close();
    await harness?.close();
  });

  it('gives each account its person and post, and each field system its name', async () => {
    const answer = (await client.socket.emitWithAck('directory', {})) as { ok: true; accounts: Entry[] };
    const byName = new Map(answer.accounts.map((entry) => [entry.name, entry]));
    expect(byName.get('duty-liming')).toMatchObject({
      displayName: '李明',
      post: '值班员',
      role: 'operator',
    });
    expect(byName.get('grid-app')).toMatchObject({
      id: 'key:grid-app',
      displayName: '网格通 App',
      role: 'field-system',
    });
    // An account of a neighbouring county acts on nothing this one sees.
    expect(byName.has('yangbi-duty')).toBe(false);
  });
});
