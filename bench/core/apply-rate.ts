import { join } from 'node:path';
import { LocalCache } from '../../src/core/cache/local-cache';
import { entityLocation, eventSubject, type Force, type HubEvent } from '../../src/domain';
import type { Progress } from '../lib/progress';
import { median } from '../lib/stats';
import { rawEventsDb } from './raw-events-db';
import { CORE_BENCH } from './settings';

export interface ApplyRateResult {
  events: number;
  rawEventsPerSecond: number;
  cacheEventsPerSecond: number;
  ratio: number;
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** A registration of the forces, then `count` movements among them: what a busy stream mostly carries. */
function streamOf(forces: readonly Force[], count: number): HubEvent[] {
  const at = '2026-11-26T08:00:00.000Z';
  const events: HubEvent[] = [
    {
      seq: 1,
      id: uuid(1),
      type: 'forces.registered',
      jurisdiction: forces[0]!.jurisdictionCode,
      at,
      payload: { forces: [...forces] },
    },
  ];
  for (let n = 0; n < count; n += 1) {
    const force = forces[n % forces.length]!;
    events.push({
      seq: n + 2,
      id: uuid(n + 2),
      type: 'force.moved',
      jurisdiction: force.jurisdictionCode,
      at,
      payload: {
        forceId: force.id,
        position: { lng: 100 + (n % 997) / 1000, lat: 25 + (n % 991) / 1000, at },
      },
    });
  }
  return events;
}

/**
 * The baseline: the same rows the cache writes for the same events — the event row, the entity's new
 * state, its location — inserted with plain prepared statements in one transaction per batch, with no
 * projection, no idempotency check and no cursor.
 */
function rawInsert(
  file: string,
  events: readonly HubEvent[],
  states: readonly { id: string; doc: Force }[],
): number {
  const { db, insertEvent } = rawEventsDb(file);
  const upsertEntity = db.prepare(
    `INSERT INTO entities (kind, id, jurisdiction, version, doc) VALUES ('force', ?, ?, ?, ?)
     ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, doc = excluded.doc RETURNING rowid`,
  );
  const insertLocation = db.prepare(
    'INSERT OR REPLACE INTO entity_locations (entity_rowid, min_lng, max_lng, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)',
  );
  const started = performance.now();
  for (let start = 0; start < events.length; start += CORE_BENCH.applyBatch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(events.length, start + CORE_BENCH.applyBatch); i += 1) {
        const event = events[i]!;
        insertEvent.run(
          event.seq,
          event.id,
          event.type,
          event.jurisdiction,
          event.at,
          eventSubject(event),
          JSON.stringify(event.payload),
        );
        const state = states[i]!;
        const { rowid } = upsertEntity.get(
          state.id,
          state.doc.jurisdictionCode,
          i + 1,
          JSON.stringify(state.doc),
        ) as { rowid: number };
        const location = entityLocation('force', state.doc);
        if (location) insertLocation.run(rowid, location[0], location[0], location[1], location[1]);
      }
    })();
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return events.length / seconds;
}

function cacheApply(file: string, events: readonly HubEvent[]): number {
  const cache = new LocalCache(file);
  const started = performance.now();
  for (let start = 0; start < events.length; start += CORE_BENCH.applyBatch) {
    const batch = events.slice(start, start + CORE_BENCH.applyBatch);
    cache.apply({ after: start, through: batch.at(-1)!.seq, events: batch });
  }
  const seconds = (performance.now() - started) / 1000;
  cache.close();
  return events.length / seconds;
}

/** Each force's state after each event, precomputed so the baseline does no projection work. */
function statesAfter(events: readonly HubEvent[], forces: readonly Force[]) {
  const current = new Map(forces.map((force) => [force.id, force]));
  return events.map((event) => {
    if (event.type === 'force.moved') {
      const moved = { ...current.get(event.payload.forceId)!, position: event.payload.position };
      current.set(moved.id, moved);
      return { id: moved.id, doc: moved };
    }
    return { id: forces[0]!.id, doc: forces[0]! };
  });
}

export function measureApplyRate(
  workDir: string,
  forces: readonly Force[],
  progress: Progress,
): ApplyRateResult {
  const events = streamOf(forces, CORE_BENCH.applyEvents);
  const states = statesAfter(events, forces);
  const raw: number[] = [];
  const cache: number[] = [];
  // Alternate the two, so that whatever else the machine does weighs on both alike.
  for (let round = 0; round < CORE_BENCH.applyRepetitions; round += 1) {
    progress.update(`round ${round + 1} of ${CORE_BENCH.applyRepetitions}`);
    raw.push(rawInsert(join(workDir, `raw-${round}.db`), events, states));
    cache.push(cacheApply(join(workDir, `cache-${round}.db`), events));
  }
  const rawRate = median(raw);
  const cacheRate = median(cache);
  return {
    events: events.length,
    rawEventsPerSecond: Math.round(rawRate),
    cacheEventsPerSecond: Math.round(cacheRate),
    ratio: cacheRate / rawRate,
  };
}
