import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalCache } from '../../src/core/cache/local-cache';
import { desktopApiContract } from '../../src/core/contract/api';
import { DesktopCore } from '../../src/core/desktop-core';
import { CacheQueries } from '../../src/core/cache/queries';
import { addChinaDays, briefingLogStart, buildBriefing, chinaDayStart } from '../../src/domain';
import { simulateDays } from '../support/simulated-days';
import { tempDir } from './support/core-harness';

/** A simulated month of 大理市 in a desktop cache, served offline by the core. */
const DAY = '2026-03-10';
const log = simulateDays('core-briefing', DAY, 30);
const cacheFile = join(tempDir('pingan-briefing-'), 'cache.db');
const seeded = new LocalCache(cacheFile);
seeded.apply({ after: 0, through: log.events.length, events: log.events });
seeded.close();
const core = new DesktopCore({ cacheFile, regionId: 'dali' });
afterAll(() => core.close());

describe('the core’s daily briefing', () => {
  it('is the briefing of the cached log for the day, with the places it mentions named', async () => {
    const { briefing, names } = await core.handlers['briefing.get']({ day: DAY, scope: '532901' });
    expect(briefing).toEqual(
      buildBriefing({ events: log.events, scope: '532901', day: DAY, now: Date.now() }),
    );
    expect(names['532901']).toBe('大理市');
    for (const village of briefing.hotspots.villages) expect(names[village.code]).toMatch(/[村社区]/);
  });

  it('reads from the cache only what a briefing needs, and builds the same briefing from it', () => {
    const queries = new CacheQueries(new LocalCache(cacheFile).db);
    for (const day of [DAY, addChinaDays(DAY, -12)]) {
      const from = briefingLogStart(day);
      const read = queries.briefingEvents(from, chinaDayStart(addChinaDays(day, 1)));
      expect(read.length).toBeLessThan(log.events.length * 0.6);
      const now = Date.now();
      expect(buildBriefing({ events: read, scope: '532901', day, now })).toEqual(
        buildBriefing({ events: log.events, scope: '532901', day, now }),
      );
    }
  });

  it.each([
    [{ day: '2026-3-10' }, /YYYY-MM-DD/],
    [{ day: '2026-02-30' }, /no such day/],
    [{}, /day/],
    [{ day: DAY, scope: 'dali' }, /scope/],
    [{ day: DAY, extra: true }, /extra|unrecognized/i],
  ])('refuses %j with a clear reason', (input, reason) => {
    const parsed = desktopApiContract['briefing.get'].input.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error!.issues)).toMatch(reason);
  });
});
