import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIncident, type NewIncident } from '../../../src/domain';
import { recordEvents } from '../../../src/hub/projector';
import { startHub, type Hub } from '../../../src/hub/server';
import { until } from '../../support/eventually';
import { REDIS_URL, STORE_KINDS, type TestDatabase } from '../support/databases';
import {
  DALI_CITY,
  StreamClient,
  addOperator,
  login,
  newCommandId,
  placeIn,
  report,
} from '../support/hub-harness';

type Viewers = { accountId: string; name: string }[];

/** A screen on one hub: its stream, what presence it heard, and who it is. */
interface Screen {
  client: StreamClient;
  accountId: string;
  heard: { incidentId: string; viewers: Viewers }[];
  open(incidentId: string): Promise<Viewers>;
}

async function screenOn(hub: Hub): Promise<Screen> {
  const { account, name, password } = await addOperator(hub, 'operator', DALI_CITY);
  const client = new StreamClient(hub.url, await login(hub, name, password));
  await client.connected();
  const heard: Screen['heard'] = [];
  client.socket.on('presence', (message: Screen['heard'][number]) => heard.push(message));
  const open = async (incidentId: string) => {
    const answer = (await client.socket.emitWithAck('presence', { incidentId })) as {
      ok: boolean;
      viewers: Viewers;
    };
    expect(answer.ok).toBe(true);
    return answer.viewers;
  };
  return { client, accountId: account.id, heard, open };
}

/** Two hubs on one database, sharing one Redis, as one deployment runs them. */
async function startPair(database: TestDatabase): Promise<[Hub, Hub]> {
  const keysDir = mkdtempSync(join(tmpdir(), 'pingan-deployment-keys-'));
  const start = () =>
    startHub({
      db: database.url,
      region: 'dali',
      port: 0,
      redisUrl: REDIS_URL,
      keysDir,
      logger: pino({ level: 'silent' }),
    });
  const first = await start();
  return [first, await start()];
}

/** The same incident, by id, in both deployments' logs: room names alike, as two deployments of one region have. */
async function recordIncident(hubs: Hub[], incident: NewIncident): Promise<void> {
  const { events } = openIncident(incident, new Date().toISOString());
  for (const hub of hubs) await hub.store.transaction((tx) => recordEvents(tx, events));
}

describe.each(STORE_KINDS)('two deployments on %s sharing one Redis', (_store, createDatabase) => {
  const databases: TestDatabase[] = [];
  let deploymentA: [Hub, Hub];
  let deploymentB: [Hub, Hub];
  const screens: Screen[] = [];
  const incidentId = `20261207-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;

  beforeAll(async () => {
    databases.push(await createDatabase(), await createDatabase());
    deploymentA = await startPair(databases[0]!);
    deploymentB = await startPair(databases[1]!);
    const place = placeIn(deploymentA[0].region, DALI_CITY);
    const { id: _id, source: _source, ...fields } = report(place);
    await recordIncident([deploymentA[0], deploymentB[0]], {
      ...fields,
      id: incidentId,
      kind: 'dispute',
      category: 'neighbourhood',
      source: 'grid-worker',
      reporter: null,
      description: '',
      monitoringPointId: null,
    });
  }, 60_000);

  afterAll(async () => {
    screens.forEach((screen) => screen.client.close());
    for (const hub of [...(deploymentA ?? []), ...(deploymentB ?? [])]) await hub.close();
    for (const database of databases) await database.drop();
  });

  it("tells A's second hub what happens on A's first, and nothing of it to B's hubs", async () => {
    const [onA1, onA2, onB1, onB2] = await Promise.all([
      screenOn(deploymentA[0]),
      screenOn(deploymentA[1]),
      screenOn(deploymentB[0]),
      screenOn(deploymentB[1]),
    ]);
    screens.push(onA1, onA2, onB1, onB2);
    for (const screen of screens) expect((await screen.client.subscribe(0)).ok).toBe(true);

    await onB1.open(incidentId);
    await onB2.open(incidentId);
    await onA2.open(incidentId);
    const seenOnA1 = await onA1.open(incidentId);
    expect(seenOnA1.map((v) => v.accountId).sort()).toEqual([onA1.accountId, onA2.accountId].sort());
    await until("A's second hub hearing A's first open the incident", () =>
      onA2.heard.some((m) => m.viewers.some((v) => v.accountId === onA1.accountId)),
    );

    const note = await onA1.client.command({
      type: 'addNote',
      commandId: newCommandId(),
      incidentId,
      text: '甲部署的备注',
    });
    expect(note.ok, note.reason).toBe(true);
    await until("A's second hub's screen receiving the note", () =>
      onA2.client.events.some((event) => event.type === 'note.added'),
    );

    const accountsOfA = new Set([onA1.accountId, onA2.accountId]);
    for (const screen of [onB1, onB2]) {
      const named = screen.heard.flatMap((m) => m.viewers.map((v) => v.accountId));
      expect(named.filter((id) => accountsOfA.has(id))).toEqual([]);
      expect(screen.client.events.filter((event) => event.type === 'note.added')).toEqual([]);
    }
    const seenOnB1 = await onB1.open(incidentId);
    expect(seenOnB1.map((v) => v.accountId).sort()).toEqual([onB1.accountId, onB2.accountId].sort());
  });

  it("puts each deployment's hubs on channels of their own, from the id their database keeps", async () => {
    const ids = await Promise.all(
      [...deploymentA, ...deploymentB].map((hub) => hub.store.getSetting('deployment-id')),
    );
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).toBe(ids[3]);
    expect(ids[0]).not.toBe(ids[2]);
  });
});
