import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalCache } from '../../src/core/cache/local-cache';
import { desktopApiContract } from '../../src/core/contract/api';
import { DesktopCore } from '../../src/core/desktop-core';
import { buildBriefing } from '../../src/domain';
import { simulateDays } from '../support/simulated-days';
import { tempDir } from './support/core-harness';

/** The simulated week of 大理市 in a desktop cache, served offline by the core. */
const DAY = '2026-03-10';
const log = simulateDays('core-briefing', DAY, 9);
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
