import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESENCE_RENEW_MS } from '../../src/core/contract/presence';
import { STORE_KINDS } from './support/databases';
import {
  DALI_CITY,
  PREFECTURE,
  StreamClient,
  YANGBI,
  addKey,
  addOperator,
  login,
  placeIn,
  postReports,
  report,
  startTestHub,
  type Harness,
} from './support/hub-harness';

type Viewers = { accountId: string; name: string; role: string }[];

/** Presence lives in the hub's socket rooms, not its store: one store kind is enough. */
const [[, createDatabase]] = STORE_KINDS;

describe('who has an incident open', () => {
  let harness: Harness;
  const clients: StreamClient[] = [];
  const renewals: NodeJS.Timeout[] = [];

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
    // As a page does while it shows an incident: restate it every few seconds, until the page closes.
    let showing: string | null = null;
    const renewal = setInterval(() => showing && void open(showing), PRESENCE_RENEW_MS);
    renewals.push(renewal);
    const show = async (incidentId: string | null) => {
      showing = incidentId;
      return open(incidentId);
    };
    return { client, name: account.name, heard, open: show, closePage: () => clearInterval(renewal) };
  }

  let inDaliCity: string;
  let otherInDaliCity: string;
  let inYangbi: string;

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase());
    const key = await addKey(harness.hub, PREFECTURE);
    const posted = await postReports(harness.hub.url, key, [
      report(placeIn(harness.hub.region, DALI_CITY)),
      report(placeIn(harness.hub.region, DALI_CITY)),
      report(placeIn(harness.hub.region, YANGBI)),
    ]);
    [inDaliCity, otherInDaliCity, inYangbi] = posted.created as [string, string, string];
  });
  afterAll(async () => {
    renewals.forEach((renewal) => clearInterval(renewal));
    clients.forEach((c) => c.close());
    await harness?.close();
  });

  it('tells each screen who else has the incident open, and when they leave or drop', async () => {
    const first = await screen('operator', DALI_CITY);
    const second = await screen('commander', PREFECTURE);
    expect((await first.open(inDaliCity)).viewers!.map((v) => v.name)).toEqual([first.name]);
    const both = (await second.open(inDaliCity)).viewers!.map((v) => v.name).sort();
    expect(both).toEqual([first.name, second.name].sort());

    const lastHeardBy = async (who: typeof first, names: string[]) => {
      const deadline = Date.now() + 5000;
      for (;;) {
        const last = who.heard.filter((m) => m.incidentId === inDaliCity).at(-1);
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
    await second.open(otherInDaliCity);
    await lastHeardBy(first, [first.name]);
    await second.open(inDaliCity);
    await lastHeardBy(first, [first.name, second.name]);
    // A screen that drops off is gone from the list without saying so.
    second.client.close();
    await lastHeardBy(first, [first.name]);
  });

  it('drops a screen that stops restating what it has open within 10 s, while its connection lives on', async () => {
    const staying = await screen('commander', PREFECTURE);
    const closing = await screen('operator', DALI_CITY);
    expect((await staying.open(otherInDaliCity)).ok).toBe(true);
    const both = (await closing.open(otherInDaliCity)).viewers!.map((v) => v.name).sort();
    expect(both).toEqual([closing.name, staying.name].sort());
    await new Promise<void>((heard) => {
      const check = (message: { incidentId: string; viewers: Viewers }) => {
        if (message.incidentId !== otherInDaliCity || message.viewers.length !== 2) return;
        staying.client.socket.off('presence', check);
        heard();
      };
      if (staying.heard.some((m) => m.incidentId === otherInDaliCity && m.viewers.length === 2)) heard();
      else staying.client.socket.on('presence', check);
    });
    // Restating what is already open tells nobody anything: only joins, leaves and lapses are announced.
    const heardBefore = staying.heard.length;
    await closing.open(otherInDaliCity);
    await closing.open(otherInDaliCity);

    // The operator's page closes: nothing more is restated, and its desktop core's socket stays up.
    closing.closePage();
    const closedAt = Date.now();
    const cleared = await new Promise<number>((resolve) => {
      const check = (message: { incidentId: string; viewers: Viewers }) => {
        if (message.incidentId !== otherInDaliCity) return;
        if (message.viewers.some((viewer) => viewer.name === closing.name)) return;
        staying.client.socket.off('presence', check);
        resolve(Date.now() - closedAt);
      };
      staying.client.socket.on('presence', check);
    });
    expect(cleared).toBeLessThan(10_000);
    expect(closing.client.socket.connected).toBe(true);
    expect(staying.heard.slice(heardBefore, -1).filter((m) => m.incidentId === otherInDaliCity)).toEqual([]);
    // The page that kept restating is still there.
    expect((await closing.open(otherInDaliCity)).viewers!.map((v) => v.name).sort()).toEqual(
      [closing.name, staying.name].sort(),
    );
  }, 20_000);

  it('refuses a malformed request, and an incident outside the account’s jurisdiction, with the reason', async () => {
    const someone = await screen('viewer', DALI_CITY);
    const cases: [unknown, RegExp][] = [
      [{ incidentId: 42 }, /incidentId/],
      [{ incidentId: inYangbi }, /no incident .* in your jurisdiction/],
      [{ incidentId: 'no-such-incident' }, /no incident no-such-incident/],
    ];
    for (const [request, reason] of cases) {
      const answer = (await someone.client.socket.emitWithAck('presence', request)) as {
        ok: boolean;
        error: string;
      };
      expect(answer.ok).toBe(false);
      expect(answer.error).toMatch(reason);
    }
  });
});
