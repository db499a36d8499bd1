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
  let password: string;

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase());
    ({ password } = await createAccount(
      harness.hub.store,
      {
        name: 'duty-liming',
        role: 'operator',
        jurisdiction: DALI_CITY,
        displayName: '李明',
        post: '值班员',
      },
      { mustChangePassword: false },
    ));
    await createAccount(
      harness.hub.store,
      { name: 'yangbi-duty', role: 'operator', jurisdiction: YANGBI },
      { mustChangePassword: false },
    );
    await createApiKey(harness.hub.store, 'grid-app', PREFECTURE, '网格通 App');
    client = new StreamClient(harness.hub.url, await login(harness.hub, 'duty-liming', password));
    await client.connected();
  });
  afterAll(async () => {
    client?.close();
    await harness?.close();
  });

  it('signs an account in with its person and post, which presence shows to the others', async () => {
    const response = await fetch(`${harness.hub.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'duty-liming', password }),
    });
    const answer = (await response.json()) as { account: { name: string; person?: string } };
    expect(answer.account).toMatchObject({ name: 'duty-liming', person: '值班员 李明' });
    // The token carries it too, so the hub names the person wherever the socket acts.
    const token = (answer as unknown as { accessToken: string }).accessToken;
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
      person?: string;
    };
    expect(payload.person).toBe('值班员 李明');
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
