import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { LocalCache } from '../../src/core/cache/local-cache';
import { startCoreWorker } from '../../src/core/worker/core-client';
import { INCIDENT_CATEGORIES, openIncident, type HubEvent, type HubEventDraft } from '../../src/domain';
import { generateInventory } from '../../src/sim/seed/inventory';
import type { Progress } from '../lib/progress';
import { median } from '../lib/stats';
import { CORE_BENCH } from './settings';

export interface StartTimeResult {
  monitoringPoints: number;
  openIncidents: number;
  cacheMegabytes: number;
  secondsToReady: number[];
  medianSecondsToReady: number;
}

/** A cache as a Dali centre's desktop has it after a while: the whole inventory and 20,000 open incidents. */
function fillDaliCache(file: string, progress: Progress): { points: number; incidents: number } {
  const inventory = generateInventory('dali');
  const at = '2026-11-26T08:00:00.000Z';
  const drafts: HubEventDraft[] = [
    { type: 'units.registered', jurisdiction: '5329', at, payload: { units: inventory.units } },
  ];
  const byVillage = new Map<string, typeof inventory.points>();
  for (const point of inventory.points) {
    const village = point.jurisdictionCode.slice(0, 12);
    if (!byVillage.has(village)) byVillage.set(village, []);
    byVillage.get(village)!.push(point);
  }
  for (const [village, points] of byVillage)
    drafts.push({ type: 'monitoring.registered', jurisdiction: village, at, payload: { points } });
  for (let n = 0; n < CORE_BENCH.openIncidents; n += 1) {
    const point = inventory.points[(n * 7919) % inventory.points.length]!;
    drafts.push(
      ...openIncident(
        {
          id: `bench-${n}`,
          kind: 'dispute',
          category: INCIDENT_CATEGORIES[n % INCIDENT_CATEGORIES.length]!,
          title: `邻里纠纷 ${n}`,
          description: '',
          jurisdictionCode: point.jurisdictionCode,
          location: point.location,
          address: point.name,
          reporter: null,
          source: 'grid-worker',
          monitoringPointId: null,
        },
        at,
      ).events,
    );
  }
  const cache = new LocalCache(file);
  const events = drafts.map((draft, index) => ({ ...draft, seq: index + 1, id: randomUUID() }) as HubEvent);
  for (let start = 0; start < events.length; start += CORE_BENCH.applyBatch) {
    const batch = events.slice(start, start + CORE_BENCH.applyBatch);
    cache.apply({ after: start, through: batch.at(-1)!.seq, events: batch });
    progress.update(
      `${Math.min(events.length, start + batch.length).toLocaleString('en')} of ${events.length.toLocaleString('en')} events`,
    );
  }
  cache.close();
  return { points: inventory.points.length, incidents: CORE_BENCH.openIncidents };
}

/** From starting the core's worker on that cache to its first answer over the API. */
export async function measureStartTime(workDir: string, progress: Progress): Promise<StartTimeResult> {
  const file = join(workDir, 'dali-cache.db');
  const filled = fillDaliCache(file, progress);
  const times: number[] = [];
  for (let round = 0; round < CORE_BENCH.startRepetitions; round += 1) {
    const started = performance.now();
    const core = await startCoreWorker({ cacheFile: file, regionId: 'dali' });
    const status = await core.call('session.status', {});
    if (!status.ok) throw new Error(status.error.message ?? status.error.code);
    times.push((performance.now() - started) / 1000);
    await core.close();
  }
  return {
    monitoringPoints: filled.points,
    openIncidents: filled.incidents,
    cacheMegabytes: Math.round(statSync(file).size / 1e6),
    secondsToReady: times.map((t) => Number(t.toFixed(3))),
    medianSecondsToReady: median(times),
  };
}
