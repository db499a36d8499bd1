import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalCache } from '../../src/core/cache/local-cache';
import { LogReplay, chinaDayStart, toMillis, type EntityState } from '../../src/domain';
import { simulateDays } from '../support/simulated-days';
import { tempDir } from './support/core-harness';

/** The cache's entities as rows compare: ordered, with documents parsed. */
function cacheState(cache: LocalCache): EntityState[] {
  const rows = cache.db
    .prepare('SELECT kind, id, jurisdiction, version, doc FROM entities ORDER BY kind, id')
    .all() as (Omit<EntityState, 'doc'> & { doc: string })[];
  // Personal data is sealed at rest: the state is what the cache opens, as its readers see it.
  return rows.map((row) => ({ ...row, doc: cache.personal.openDoc(row.kind, JSON.parse(row.doc)) }));
}

function ordered(states: EntityState[]): EntityState[] {
  return [...states].sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
}

const BATCH = 100;

describe('replaying the log', () => {
  const log = simulateDays('replay-days', '2026-03-10', 3);

  it('at any instant equals what the cache held when the log had reached that instant', () => {
    const cache = new LocalCache(join(tempDir('pingan-replay-'), 'cache.db'));
    const replay = new LogReplay(log.events);
    // Stop every BATCH events, as a sync batch would, and compare the cache with the replay at that batch's last instant.
    const checkpoints: number[] = [];
    for (let after = 0; after < log.events.length; after += BATCH) {
      const batch = log.events.slice(after, after + BATCH);
      cache.apply({ after, through: after + batch.length, events: batch });
      const at = toMillis(batch.at(-1)!.at);
      // Events at the same instant as the batch's last may lie in the next batch; stop short of that instant.
      const next = log.events[after + batch.length];
      if (next && toMillis(next.at) === at) continue;
      expect(ordered(replay.advanceTo(at).states())).toEqual(cacheState(cache));
      checkpoints.push(at);
    }
    expect(checkpoints.length).toBeGreaterThan(2);
    cache.close();
  });

  it('takes events that arrive later when they lie ahead of it, and refuses one behind it', () => {
    const noon = chinaDayStart('2026-03-10') + 12 * 3_600_000;
    const [before, ahead] = [
      log.events.filter((event) => toMillis(event.at) <= noon),
      log.events.filter((event) => toMillis(event.at) > noon),
    ];
    const growing = new LogReplay(before).advanceTo(noon);
    expect(growing.add(ahead)).toBe(true);
    const end = chinaDayStart('2026-03-11');
    expect(ordered(growing.advanceTo(end).states())).toEqual(
      ordered(new LogReplay(log.events).advanceTo(end).states()),
    );
    expect(growing.add([before.at(-1)!])).toBe(false);
  });

  it('to an instant before the log began holds nothing, and refuses to go back in time', () => {
    const replay = new LogReplay(log.events);
    expect(replay.advanceTo(chinaDayStart('2026-03-01')).states()).toEqual([]);
    replay.advanceTo(chinaDayStart('2026-03-10'));
    expect(() => replay.advanceTo(chinaDayStart('2026-03-09'))).toThrow(/forward/);
  });
});
