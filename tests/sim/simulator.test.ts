import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../src/domain';
import { createAccount, createApiKey } from '../../src/hub/accounts';
import { seedHub } from '../../src/cli/seed-demo';
import { startHub, type Hub } from '../../src/hub/server';
import { openHubStore } from '../../src/hub/store';
import { startSimulator, type SimulatorStats } from '../../src/sim/simulator';
import { until } from '../support/eventually';

const REGION = 'gulang';
const ROOT = '620622';
/** A simulated day in under nine seconds. */
const SPEED = 10_000;
const RUN_AT_MOST_MS = 20_000;

describe('the simulator against a real hub', () => {
  let dir: string;
  let hub: Hub;
  let stats: SimulatorStats;
  let log: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingan-sim-'));
    const db = `sqlite:${join(dir, 'hub.db')}`;
    // Seeded before the hub starts, as on a hub's first run.
    const store = await openHubStore(db);
    await seedHub(store, REGION);
    await store.close();
    hub = await startHub({ db, region: REGION, port: 0, logger: pino({ level: 'silent' }) });
    // The simulator signs in by itself, with nobody to change its password first.
    const { password } = await createAccount(
      hub.store,
      { name: 'sim-commander', role: 'commander', jurisdiction: ROOT },
      { mustChangePassword: false },
    );
    const { key } = await createApiKey(hub.store, 'simulator', ROOT);

    log = [];
    const simulator = startSimulator({
      hubUrl: hub.url,
      regionId: REGION,
      seed: 1,
      speed: SPEED,
      apiKey: key,
      operator: { name: 'sim-commander', password },
      log: (line) => log.push(line),
    });
    await simulator.ready;
    let closed = 0;
    let resolved = 0;
    // False alarms and duplicates are closed without a resolution: wait for a resolved case as well, not
    // only for three closed ones, which may all be of that kind on a slow machine.
    await until(
      'three incidents closed and one resolved by the simulator',
      async () => {
        closed = (await hub.store.entitiesInScope('', 'incident')).filter(
          (e) => (e.doc as Incident).stage === 'closed',
        ).length;
        resolved = (await eventTypes()).get('incident.resolved') ?? 0;
        return closed >= 3 && resolved >= 1;
      },
      { timeoutMs: RUN_AT_MOST_MS, intervalMs: 250, seen: () => ({ closed, resolved }) },
    );
    await simulator.stop();
    stats = simulator.stats();
  });

  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function eventTypes(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (let after = 0; ;) {
      const batch = await hub.store.eventsBetween(after, Number.MAX_SAFE_INTEGER, '', 5000);
      for (const event of batch) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
      if (batch.length < 5000) return counts;
      after = batch.at(-1)!.seq;
    }
  }

  it('opens incidents and walks them through assessment, assignment, resolution and closing', async () => {
    const incidents = (await hub.store.entitiesInScope('', 'incident')).map((e) => e.doc as Incident);
    expect(incidents.length).toBeGreaterThan(5);
    expect(stats.incidentsOpened).toBe(incidents.length);
    const types = await eventTypes();
    for (const type of [
      'incident.reported',
      'incident.assessed',
      'incident.assigned',
      'order.acknowledged',
    ]) {
      expect(types.get(type) ?? 0, type).toBeGreaterThan(0);
    }
    expect(types.get('incident.resolved') ?? 0).toBeGreaterThan(0);
    expect(incidents.filter((i) => i.stage === 'closed').length).toBeGreaterThanOrEqual(3);
  });

  it('sends camera status changes and force positions', async () => {
    const types = await eventTypes();
    expect(types.get('monitoring.status-changed') ?? 0).toBeGreaterThan(100);
    expect(types.get('force.moved') ?? 0).toBeGreaterThan(100);
    expect(stats.rejectedItems).toBe(0);
  });

  it('has no command refused except for a stale version or a precondition', async () => {
    const refused = (await hub.store.auditEntries(100_000)).filter(
      (entry) => entry.action.startsWith('command') && entry.outcome === 'refused',
    );
    const unexpected = refused.filter(
      (entry) => !['stale-version', 'precondition-failed'].includes((entry.detail as { code: string }).code),
    );
    expect(unexpected).toEqual([]);
    expect(log.some((line) => line.includes('incidents'))).toBe(true);
  });
});
