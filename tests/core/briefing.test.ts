import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalCache } from '../../src/core/cache/local-cache';
import { desktopApiContract } from '../../src/core/contract/api';
import { DesktopCore } from '../../src/core/desktop-core';
import { CacheQueries } from '../../src/core/cache/queries';
import {
  BRIEFING_PERIODS,
  addChinaDays,
  briefingLogStart,
  buildBriefing,
  periodEnd,
  periodOf,
} from '../../src/domain';
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

describe('the core’s briefing', () => {
  it.each(BRIEFING_PERIODS)(
    'is the %s’s briefing of the cached log, with the places it mentions named',
    async (period) => {
      const { briefing, names } = await core.handlers['briefing.get']({ day: DAY, period, scope: '532901' });
      const { monitoring, ...rest } = briefing;
      const { monitoring: none, ...expected } = buildBriefing({
        events: log.events,
        scope: '532901',
        day: DAY,
        period,
        now: Date.now(),
      });
      expect(rest).toEqual(expected);
      expect(none).toBeNull();
      // The core adds the coverage as it stands: this cache holds no camera, place or road.
      expect(monitoring).toMatchObject({
        overall: { covered: 0, total: 0, rate: null },
        health: { working: 0, total: 0, rate: null, meetsTarget: null },
      });
      expect(briefing.period).toBe(period);
      expect(names['532901']).toBe('大理市');
      for (const village of briefing.hotspots.villages) expect(names[village.code]).toMatch(/[村社区]/);
    },
  );

  it.each([
    ['day', DAY, 0.6],
    ['day', addChinaDays(DAY, -12), 0.6],
    // The week of Monday 16 February: with its baseline, the log's first two weeks.
    ['week', '2026-02-18', 0.6],
    ['month', DAY, 1],
  ] as const)(
    'reads from the cache only what a %s briefing of %s needs, and builds the same briefing from it',
    (period, day, share) => {
      const queries = new CacheQueries(new LocalCache(cacheFile).db);
      const read = queries.briefingEvents(briefingLogStart(day, period), periodEnd(periodOf(period, day)));
      expect(read.length).toBeLessThanOrEqual(log.events.length * share);
      const now = Date.now();
      expect(buildBriefing({ events: read, scope: '532901', day, period, now })).toEqual(
        buildBriefing({ events: log.events, scope: '532901', day, period, now }),
      );
    },
  );

  it('takes a day’s briefing when no period is named', () => {
    expect(desktopApiContract['briefing.get'].input.parse({ day: DAY })).toEqual({ day: DAY, period: 'day' });
  });

  it.each([
    [{ day: '2026-3-10' }, /YYYY-MM-DD/],
    [{ day: '2026-02-30' }, /no such day/],
    [{}, /day/],
    [{ day: DAY, scope: 'dali' }, /scope/],
    [{ day: DAY, extra: true }, /extra|unrecognized/i],
    [{ day: DAY, period: 'fortnight' }, /one of day, week, month or quarter/],
    [{ day: DAY, period: '' }, /one of day, week, month or quarter/],
    [{ day: '2026-02-29', period: 'month' }, /no such day/],
  ])('refuses %j with a clear reason', (input, reason) => {
    const parsed = desktopApiContract['briefing.get'].input.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error!.issues)).toMatch(reason);
  });
});
