import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalCache } from '../../src/core/cache/local-cache';
import { DesktopCore } from '../../src/core/desktop-core';
import { DEFAULT_SLA, type HubEvent } from '../../src/domain';
import { CODE_LENGTH } from '../../src/domain/jurisdiction';
import { COUNTY, TAIHE, simulateDays } from '../support/simulated-days';
import { tempDir } from './support/core-harness';

/**
 * Three simulated days of 大理市, with 太和街道 put on a war footing on the last, in a desktop core that has
 * never reached a hub: it knows no account's name, and must not show an id in its place.
 */
const simulated = simulateDays('core-names', '2026-03-10', 3);
const cacheFile = join(tempDir('pingan-names-'), 'cache.db');
// The prefecture's own SLA tables, set after the simulated days.
const last = simulated.events.at(-1)!;
const slaConfigured = {
  seq: last.seq + 1,
  id: 'event-sla-prefecture',
  type: 'sla.configured',
  jurisdiction: '5329',
  at: last.at,
  payload: { jurisdictionCode: '5329', config: DEFAULT_SLA, by: 'admin-1' },
} as HubEvent;
const events = [...simulated.events, slaConfigured];
const seeded = new LocalCache(cacheFile);
seeded.apply({ after: 0, through: events.length, events });
seeded.close();
const core = new DesktopCore({ cacheFile, regionId: 'dali' });
afterAll(() => core.close());

const UUID_OR_ID = /^[0-9a-f]{8}-|^operator-|^commander-|^key:/;

describe('names, never ids, in what the core gives the screen', () => {
  it('names the jurisdiction of a wartime switch in an incident’s record', async () => {
    const { items } = await core.handlers['incidents.list']({ limit: 100_000 });
    const inTaihe = items.filter((incident) => incident.jurisdictionCode.startsWith(TAIHE));
    const details = await Promise.all(
      inTaihe.map((incident) => core.handlers['incident.get']({ id: incident.id })),
    );
    const underWartime = details.filter((detail) =>
      detail!.timeline.some((entry) => entry.type === 'mode.switched'),
    );
    expect(underWartime.length).toBeGreaterThan(0);
    for (const detail of underWartime) expect(detail!.placeNames[TAIHE]).toBe('太和街道');
  });

  it('leaves an actor it cannot name unnamed rather than showing the account id', async () => {
    const { items } = await core.handlers['incidents.list']({ limit: 100_000 });
    for (const incident of items.slice(0, 50)) {
      const detail = (await core.handlers['incident.get']({ id: incident.id }))!;
      for (const entry of detail.timeline)
        if (entry.actor !== null) expect(entry.actor).not.toMatch(UUID_OR_ID);
    }
  });

  it('names every township a risk warning letter can be addressed to', async () => {
    const { rows, names } = await core.handlers['documents.riskList']({ scope: COUNTY });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(names[row.jurisdictionCode.slice(0, CODE_LENGTH.township)]).toBeTruthy();
  });

  it('names the jurisdiction whose SLA tables are in force', async () => {
    expect(await core.handlers['sla.get']({})).toMatchObject({
      configuredAt: '5329',
      configuredAtName: '大理白族自治州',
    });
  });
});
