import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DesktopCore } from '../../src/core/desktop-core';
import { FORCE_KINDS, LogReplay, isOnDuty, type Force, type HubEvent } from '../../src/domain';
import { createAccount, createApiKey } from '../../src/hub/accounts';
import { recordEvents } from '../../src/hub/projector';
import { startHub, type Hub } from '../../src/hub/server';
import { DALI_CITY, PREFECTURE, placeIn, postJson, postReports, report } from '../hub/support/hub-harness';
import { caughtUpTo, tempDir } from './support/core-harness';

const silent = pino({ level: 'silent' });
const MINUTE = 60_000;

describe('在岗 in the war room', () => {
  const dir = tempDir();
  let hub: Hub;
  let core: DesktopCore;
  let key: string;

  beforeAll(async () => {
    hub = await startHub({ db: `sqlite:${join(dir, 'hub.db')}`, region: 'dali', port: 0, logger: silent });
    const place = placeIn(hub.region, DALI_CITY);
    const [lng, lat] = place.location;
    const at = new Date(Date.now() - 60 * MINUTE).toISOString();
    const force = (id: string, kind: Force['kind'], extra: Partial<Force> = {}): Force => ({
      id,
      kind,
      name: id,
      jurisdictionCode: place.village,
      members: 3,
      position: { lng, lat, at },
      ...extra,
    });
    const forces = [
      force('vol-1', 'volunteer', { onDuty: false }),
      force('vol-2', 'volunteer', { onDuty: false }),
      force('vol-3', 'volunteer', { onDuty: false }),
      force('pt-1', 'patrol-team', { route: [place.location, [lng + 0.001, lat]] }),
      force('gw-1', 'grid-worker'),
      force('gw-2', 'grid-worker'),
    ];
    await hub.store.transaction((tx) =>
      recordEvents(tx, [{ type: 'forces.registered', jurisdiction: place.village, at, payload: { forces } }]),
    );
    const { password } = await createAccount(
      hub.store,
      {
        name: 'commander-dali',
        role: 'commander',
        jurisdiction: DALI_CITY,
      },
      { mustChangePassword: false },
    );
    key = (await createApiKey(hub.store, 'field', PREFECTURE)).key;
    // Both fixes lie in the past, so a replay to this instant has them both.
    const now = new Date(Date.now() - 2000).toISOString();
    const fix = (id: string, forceId: string, extra: Record<string, unknown> = {}) => ({
      id,
      forceId,
      lng,
      lat,
      at: now,
      ...extra,
    });
    const posted = await postJson(`${hub.url}/api/v1/forces/positions`, key, {
      positions: [
        fix('f1', 'vol-1', { onDuty: true }),
        fix('f2', 'vol-2', { onDuty: true }),
        fix('f3', 'pt-1'),
        fix('f4', 'gw-1'),
      ],
    });
    expect(posted.status).toBeLessThan(300);
    // vol-2 stands down; gw-2 last reported an hour ago.
    const later = new Date(Date.now() - 1000).toISOString();
    await postJson(`${hub.url}/api/v1/forces/positions`, key, {
      positions: [fix('f5', 'vol-2', { onDuty: false, at: later })],
    });
    const [head] = (await postReports(hub.url, key, [report(place)])).seqs;
    core = new DesktopCore({
      cacheFile: join(dir, 'commander.db'),
      regionId: 'dali',
      hub: { url: hub.url, name: 'commander-dali', password },
    });
    core.start();
    await caughtUpTo(core, head!);
  });
  afterAll(async () => {
    core?.close();
    await hub?.close();
  });

  it('counts the forces on duty as their own fixes said, and equals a count replayed from the hub’s log', async () => {
    const room = await core.handlers['warRoom.get']({});
    const active = Object.fromEntries(room.forces.map((row) => [row.kind, row.active]));
    expect(active).toEqual({ 'grid-worker': 1, 'patrol-team': 1, volunteer: 1, 'joint-defence-team': 0 });

    const log = (await hub.store.eventsBetween(0, await hub.store.headSeq(), DALI_CITY, 10_000)).map(
      (stored) => ({ ...stored, payload: stored.payload }) as unknown as HubEvent,
    );
    const replay = new LogReplay(log).advanceTo(Date.now());
    const fromLog = Object.fromEntries(FORCE_KINDS.map((kind) => [kind, 0]));
    for (const { doc } of replay.all<Force>('force')) if (isOnDuty(doc, Date.now())) fromLog[doc.kind]! += 1;
    expect(active).toEqual(fromLog);
  });
});
