import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createApiKey } from '../../src/hub/accounts';
import { loadHubKeys } from '../../src/hub/keys';
import { openHubStore, type HubStore } from '../../src/hub/store';
import { REDIS_URL, createPostgresDatabase, type TestDatabase } from './support/databases';
import { spawnHubProcess } from './support/hub-process';
import { pino } from 'pino';
import { startHub } from '../../src/hub/server';
import {
  DALI_CITY,
  PREFECTURE,
  StreamClient,
  addOperator,
  login,
  placeIn,
  postReports,
  report,
} from './support/hub-harness';
import { RegionIndex } from '../../src/hub/region-index';

describe('two hub processes sharing PostgreSQL and fanning out through Redis', () => {
  let database: TestDatabase;
  let store: HubStore;
  const hubs: { process: ChildProcess; url: string }[] = [];
  const clients: StreamClient[] = [];
  let key: string;
  let token: string;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    const cwd = mkdtempSync(join(tmpdir(), 'pingan-hub-'));
    const spawnHub = () => spawnHubProcess({ db: database.url, region: 'dali', redis: REDIS_URL, cwd });
    hubs.push(...(await Promise.all([spawnHub(), spawnHub()])));
    // The hubs made their keys in their folder; what this store writes to the audit trail is sealed with them.
    store = await openHubStore(database.url, { auditKey: loadHubKeys(join(cwd, 'data', 'keys')).audit });
    const operator = await createAccount(
      store,
      {
        name: 'watch-b',
        role: 'viewer',
        jurisdiction: PREFECTURE,
      },
      { mustChangePassword: false },
    );
    key = (await createApiKey(store, 'grid-app', PREFECTURE)).key;
    const response = await fetch(`${hubs[1]!.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'watch-b', password: operator.password }),
    });
    token = ((await response.json()) as { accessToken: string }).accessToken;
  }, 60_000);

  afterAll(async () => {
    clients.forEach((c) => c.close());
    hubs.forEach((hub) => hub.process.kill('SIGTERM'));
    await store?.close();
    await database?.drop();
  });

  it('delivers events ingested on either hub to clients of both, in seq order, none lost or repeated', async () => {
    const [hubA, hubB] = [hubs[0]!, hubs[1]!];
    // Both hubs seeded the region on their first run: follow the log from where it stands now.
    const since = await store.headSeq();
    const onB = new StreamClient(hubB.url, token);
    const onA = new StreamClient(hubA.url, token);
    clients.push(onA, onB);
    expect(await onB.subscribe(since)).toMatchObject({ ok: true });
    expect(await onA.subscribe(since)).toMatchObject({ ok: true });

    const place = placeIn(new RegionIndex('dali'), DALI_CITY);
    const posted: number[] = [];
    for (let round = 0; round < 10; round += 1) {
      const target = round % 2 === 0 ? hubA : hubB;
      const result = await postReports(target.url, key, [report(place), report(place), report(place)]);
      posted.push(...result.seqs);
    }
    expect(posted).toEqual([...posted].sort((a, b) => a - b));
    // The hub that lost the race to seed reports ready while the other may still be writing the region's
    // inventory: those events are in the log too, so the stream holds them between the reports.
    const last = posted.at(-1)!;
    // A sentinel after the last of them, through each hub in turn: the stream is in seq order, so a repeat or
    // a late arrival of anything before it would come before it.
    const sentinels = [
      ...(await postReports(hubA.url, key, [report(place)])).seqs,
      ...(await postReports(hubB.url, key, [report(place)])).seqs,
    ];
    for (const client of [onA, onB]) {
      await client.waitFor(
        (events) => sentinels.every((seq) => events.some((event) => event.seq === seq)),
        10_000,
      );
      const seqs = client.seqs();
      expect(seqs, 'in seq order, none repeated').toEqual([...new Set(seqs)].sort((a, b) => a - b));
      expect(
        seqs.filter((seq) => seq <= last),
        'none lost',
      ).toEqual(Array.from({ length: last - since }, (_, i) => since + 1 + i));
      expect(posted.every((seq) => seqs.includes(seq))).toBe(true);
    }
  });

  it('tells a screen on one hub who has the incident open on the other', async () => {
    const [hubA, hubB] = [hubs[0]!, hubs[1]!];
    const posted = await postReports(hubA.url, key, [report(placeIn(new RegionIndex('dali'), DALI_CITY))]);
    const incidentId = posted.created[0]!;
    const second = await createAccount(
      store,
      {
        name: 'watch-a',
        role: 'operator',
        jurisdiction: PREFECTURE,
      },
      { mustChangePassword: false },
    );
    const signedIn = await fetch(`${hubA.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'watch-a', password: second.password }),
    });
    const onA = new StreamClient(hubA.url, ((await signedIn.json()) as { accessToken: string }).accessToken);
    const onB = new StreamClient(hubB.url, token);
    clients.push(onA, onB);
    await Promise.all([onA.connected(), onB.connected()]);
    const heardOnB: string[][] = [];
    onB.socket.on('presence', (message: { viewers: { name: string }[] }) =>
      heardOnB.push(message.viewers.map((viewer) => viewer.name).sort()),
    );
    expect(await onB.socket.emitWithAck('presence', { incidentId })).toMatchObject({ ok: true });
    const answer = (await onA.socket.emitWithAck('presence', { incidentId })) as {
      viewers: { name: string }[];
    };
    expect(answer.viewers.map((viewer) => viewer.name).sort()).toEqual(['watch-a', 'watch-b']);
    await expect.poll(() => heardOnB.at(-1), { timeout: 5_000 }).toEqual(['watch-a', 'watch-b']);
  });
});

describe('hubs started together on a new database', () => {
  it('sign with one shared secret, so a token from either is good at both', async () => {
    const database = await createPostgresDatabase();
    const start = () =>
      startHub({ db: database.url, region: 'dali', port: 0, logger: pino({ level: 'silent' }) });
    const [first, second] = await Promise.all([start(), start()]);
    try {
      const { name, password } = await addOperator(first, 'viewer', PREFECTURE);
      for (const [issuer, other] of [
        [first, second],
        [second, first],
      ] as const) {
        const client = new StreamClient(other.url, await login(issuer, name, password));
        try {
          expect(await client.subscribe(0)).toMatchObject({ ok: true });
        } finally {
          client.close();
        }
      }
    } finally {
      await Promise.all([first.close(), second.close()]);
      await database.drop();
    }
  });
});
