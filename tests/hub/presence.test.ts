import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from './support/databases';
import {
  DALI_CITY,
  PREFECTURE,
  StreamClient,
  addOperator,
  login,
  startTestHub,
  type Harness,
} from './support/hub-harness';

type Viewers = { accountId: string; name: string; role: string }[];

/** Presence lives in the hub's socket rooms, not its store: one store kind is enough. */
const [[, createDatabase]] = STORE_KINDS;

describe('who has an incident open', () => {
  let harness: Harness;
  const clients: StreamClient[] = [];

  async function screen(role: string, jurisdiction: string) {
    const account = await addOperator(harness.hub, role, jurisdiction);
    const client = new StreamClient(
      harness.hub.url,
      await login(harness.hub, account.name, account.password),
    );
    await client.connected();
    clients.push(client);
    const heard: { incidentId: string; viewers: Viewers }[] = [];
    client.socket.on('presence', (message: { incidentId: string; viewers: Viewers }) => heard.push(message));
    const open = async (incidentId: string | null) =>
      (await client.socket.emitWithAck('presence', { incidentId })) as {
        ok: boolean;
        viewers?: Viewers;
        error?: string;
      };
    return { client, name: account.name, heard, open };
  }

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase());
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await harness?.close();
  });

  it('tells each screen who else has the incident open, and when they leave or drop', async () => {
    const first = await screen('operator', DALI_CITY);
    const second = await screen('commander', PREFECTURE);
    expect((await first.open('inc-1')).viewers!.map((v) => v.name)).toEqual([first.name]);
    const both = (await second.open('inc-1')).viewers!.map((v) => v.name).sort();
    expect(both).toEqual([first.name, second.name].sort());

    const lastHeardBy = async (who: typeof first, names: string[]) => {
      const deadline = Date.now() + 5000;
      for (;;) {
        const last = who.heard.filter((m) => m.incidentId === 'inc-1').at(-1);
        if (
          last &&
          JSON.stringify(last.viewers.map((v) => v.name).sort()) === JSON.stringify([...names].sort())
        )
          return;
        if (Date.now() > deadline) throw new Error(`${who.name} last heard ${JSON.stringify(last)}`);
        await new Promise((wait) => setTimeout(wait, 20));
      }
    };
    await lastHeardBy(first, [first.name, second.name]);

    // Moving on to another incident leaves the first.
    await second.open('inc-2');
    await lastHeardBy(first, [first.name]);
    await second.open('inc-1');
    await lastHeardBy(first, [first.name, second.name]);
    // A screen that drops off is gone from the list without saying so.
    second.client.close();
    await lastHeardBy(first, [first.name]);
  });

  it('refuses a malformed request with the reason', async () => {
    const someone = await screen('viewer', DALI_CITY);
    const answer = (await someone.client.socket.emitWithAck('presence', { incidentId: 42 })) as {
      ok: boolean;
      error: string;
    };
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(/incidentId/);
  });
});
