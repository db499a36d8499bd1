import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalCache } from '../../src/core/cache/local-cache';
import { desktopApiContract } from '../../src/core/contract/api';
import { DesktopCore } from '../../src/core/desktop-core';
import {
  LogReplay,
  buildHandoverReview,
  chinaDayStart,
  toMillis,
  type Force,
  type Handover,
  type HubEvent,
  type HubEventDraft,
  type Incident,
  type MonitoringPoint,
} from '../../src/domain';
import { COUNTY, TAIHE, UNITS, simulateDays } from '../support/simulated-days';
import { tempDir } from './support/core-harness';

/**
 * Three simulated days of 大理市 with a patrol moving and a camera going down and back up in the last day
 * shift, and that shift handed over, cached in a desktop core that serves it offline.
 */
const DAY = '2026-03-10';
const HOUR = 3_600_000;
const MINUTE = 60_000;
const dayStart = chinaDayStart(DAY);
const SHIFT = {
  start: new Date(dayStart + 8 * HOUR).toISOString(),
  end: new Date(dayStart + 20 * HOUR).toISOString(),
};
const iso = (ms: number) => new Date(ms).toISOString();

const patrol: Force = {
  id: 'force-patrol-1',
  kind: 'patrol-team',
  name: '太和巡逻队',
  jurisdictionCode: TAIHE,
  members: 4,
  position: null,
};
const camera: MonitoringPoint = {
  id: 'cam-taihe-1',
  kind: 'camera',
  cameraClass: 1,
  name: '太和街道路口',
  jurisdictionCode: '532901004001',
  location: [100.25, 25.6],
  status: 'online',
  statusAt: iso(dayStart),
};

function fieldEvents(): HubEventDraft[] {
  const drafts: HubEventDraft[] = [
    { type: 'forces.registered', jurisdiction: TAIHE, at: iso(dayStart), payload: { forces: [patrol] } },
  ];
  // A fix every ten minutes from 06:00 to 18:00: some before the shift, most during it.
  for (let at = dayStart + 6 * HOUR; at <= dayStart + 18 * HOUR; at += 10 * MINUTE) {
    const step = (at - dayStart) / HOUR;
    drafts.push({
      type: 'force.moved',
      jurisdiction: TAIHE,
      at: iso(at),
      payload: { forceId: patrol.id, position: { lng: 100.2 + step * 0.001, lat: 25.6, at: iso(at) } },
    });
  }
  const statusAt = (at: number, status: MonitoringPoint['status'], previous: MonitoringPoint['status']) =>
    ({
      type: 'monitoring.status-changed',
      jurisdiction: camera.jurisdictionCode,
      at: iso(at),
      payload: { point: { ...camera, status, statusAt: iso(at) }, previousStatus: previous },
    }) as HubEventDraft;
  drafts.push(statusAt(dayStart + 11 * HOUR, 'offline', 'online'));
  drafts.push(statusAt(dayStart + 13 * HOUR, 'online', 'offline'));
  const handover: Handover = {
    id: 'handover-day',
    jurisdictionCode: COUNTY,
    shift: SHIFT,
    notes: '太和街道战时，两件超时待督办',
    submittedBy: 'operator-day',
    submittedAt: iso(dayStart + 20 * HOUR + 5 * MINUTE),
    acceptance: null,
  };
  drafts.push({
    type: 'handover.submitted',
    jurisdiction: COUNTY,
    at: handover.submittedAt,
    payload: { handover },
  });
  return drafts;
}

const simulated = simulateDays('core-handover', DAY, 3);
const events: HubEvent[] = [
  ...simulated.events.map((event) => ({ ...event }) as HubEventDraft),
  ...fieldEvents(),
]
  .sort((a, b) => toMillis(a.at) - toMillis(b.at))
  .map((draft, i) => ({ ...draft, seq: i + 1, id: `event-${i + 1}` }) as HubEvent);

const cacheFile = join(tempDir('pingan-handover-'), 'cache.db');
const seeded = new LocalCache(cacheFile);
seeded.apply({ after: 0, through: events.length, events });
seeded.close();
const core = new DesktopCore({ cacheFile, regionId: 'dali' });
afterAll(() => core.close());

/** What the cache holds of the map: the open incidents, the forces' fixes, the cameras not online. */
function mapOfCache(cache: LocalCache) {
  const docs = <T>(kind: string) =>
    (
      cache.db.prepare('SELECT doc FROM entities WHERE kind = ? ORDER BY id').pluck().all(kind) as string[]
    ).map((doc) => JSON.parse(doc) as T);
  return {
    incidents: docs<Incident>('incident')
      .filter((incident) => incident.stage !== 'closed')
      .map((incident) => ({ id: incident.id, stage: incident.stage, riskLevel: incident.riskLevel }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    forces: docs<Force>('force')
      .filter((force) => force.position)
      .map((force) => ({ id: force.id, location: [force.position!.lng, force.position!.lat] })),
    offlineCameras: docs<MonitoringPoint>('monitoring-point')
      .filter((point) => point.status !== 'online')
      .map((point) => point.id),
  };
}

describe('the core’s shift handover', () => {
  it('reviews the shift from the cache as the whole log would, with its handover and names', async () => {
    const { review, handovers, names } = await core.handlers['handover.review']({
      shift: SHIFT,
      scope: COUNTY,
    });
    expect(review).toEqual(buildHandoverReview({ events, scope: COUNTY, shift: SHIFT, now: Date.now() }));
    expect(review.new.length).toBeGreaterThan(0);
    expect(handovers).toEqual([expect.objectContaining({ id: 'handover-day', acceptance: null })]);
    expect(names[COUNTY]).toBe('大理市');
    for (const unitId of review.stillOpen.flatMap((item) => item.unitIds))
      expect(names[unitId]).toBe(UNITS.find((unit) => unit.id === unitId)!.name);
  });

  it('does not show a shift’s handover to a neighbouring shift', async () => {
    const night = { start: SHIFT.end, end: iso(toMillis(SHIFT.end) + 12 * HOUR) };
    const { handovers } = await core.handlers['handover.review']({ shift: night, scope: COUNTY });
    expect(handovers).toEqual([]);
  });

  it('replays the map at any instant of the shift as the cache held it then, forwards and back', async () => {
    const instants = [9, 11.5, 10, 13.25, 17.9].map((hour) => dayStart + hour * HOUR);
    for (const instant of instants) {
      // The cache as it stood at that instant: the log applied up to it.
      const upTo = events.filter((event) => toMillis(event.at) <= instant);
      const cache = new LocalCache(join(tempDir('pingan-handover-at-'), 'cache.db'));
      cache.apply({ after: 0, through: upTo.length, events: upTo });
      const expected = mapOfCache(cache);
      cache.close();

      const frame = await core.handlers['replay.frame']({ shift: SHIFT, at: iso(instant), scope: '5329' });
      expect({
        incidents: frame.incidents
          .map((incident) => ({ id: incident.id, stage: incident.stage, riskLevel: incident.riskLevel }))
          .sort((a, b) => a.id.localeCompare(b.id)),
        forces: frame.forces.map((force) => ({ id: force.id, location: force.location })),
        offlineCameras: frame.offlineCameras.map((point) => point.id),
      }).toEqual(expected);
    }
  });

  it('takes in what reaches the cache while a replay is kept: events ahead of it, and late ones behind it', async () => {
    // The simulated days first, the field's fixes and statuses after them in the log, as a late catch-up brings them.
    const simulatedFirst = [
      ...simulated.events.filter((event) => !event.type.startsWith('handover')),
      ...events.filter((event) =>
        ['force.moved', 'forces.registered', 'monitoring.status-changed'].includes(event.type),
      ),
    ].map((event, index) => ({ ...event, seq: index + 1 }));
    const growing = new DesktopCore({
      cacheFile: join(tempDir('pingan-handover-grow-'), 'cache.db'),
      regionId: 'dali',
    });
    const frameAt = (hour: number) =>
      growing.handlers['replay.frame']({ shift: SHIFT, at: iso(dayStart + hour * HOUR), scope: COUNTY });
    const noon = dayStart + 12 * HOUR;
    const upToNoon = simulatedFirst.filter(
      (event) => event.seq <= simulated.events.length && toMillis(event.at) <= noon,
    );
    growing.cache.apply({ after: 0, through: upToNoon.length, events: upToNoon });
    const before = await frameAt(12);
    expect(before.forces).toEqual([]);

    // The rest: the afternoon's incident events lie ahead of the replay; the patrol's morning fixes lie behind it.
    const rest = simulatedFirst.slice(upToNoon.length);
    growing.cache.apply({ after: upToNoon.length, through: simulatedFirst.length, events: rest });
    const untilFive = simulatedFirst.filter((event) => toMillis(event.at) <= dayStart + 17 * HOUR);
    const after = await frameAt(17);
    expect(after.forces.map((force) => force.location)).toEqual([[100.2 + 17 * 0.001, 25.6]]);
    expect(after.incidents.map((incident) => incident.id).sort()).toEqual(
      [...new LogReplay(untilFive).advanceTo(dayStart + 17 * HOUR).all<Incident>('incident')]
        .filter(({ doc }) => doc.stage !== 'closed' && doc.jurisdictionCode.startsWith(COUNTY))
        .map(({ id }) => id)
        .sort(),
    );
    growing.close();
  });

  it('shows the camera down only while it was down, and the patrol where its last fix put it', async () => {
    const at = (hour: number) =>
      core.handlers['replay.frame']({ shift: SHIFT, at: iso(dayStart + hour * HOUR), scope: COUNTY });
    expect((await at(12)).offlineCameras.map((point) => point.id)).toEqual([camera.id]);
    expect((await at(14)).offlineCameras).toEqual([]);
    expect((await at(12.05)).forces[0]!.location).toEqual([100.2 + 12 * 0.001, 25.6]);
  });

  it.each([
    [{ shift: { start: SHIFT.end, end: SHIFT.start } }, /ends after it starts/],
    [{ shift: { start: SHIFT.start, end: iso(toMillis(SHIFT.start) + 30 * HOUR) } }, /24 hours/],
    [{ shift: SHIFT, scope: 'dali' }, /scope|digits/],
    [{}, /shift/],
  ])('refuses the review of %j with a clear reason', (input, reason) => {
    const parsed = desktopApiContract['handover.review'].input.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error!.issues)).toMatch(reason);
  });

  it.each([
    [{ shift: SHIFT, at: '12:00' }, /at/],
    [{ shift: SHIFT }, /at/],
  ])('refuses the replay frame of %j with a clear reason', (input, reason) => {
    const parsed = desktopApiContract['replay.frame'].input.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error!.issues)).toMatch(reason);
  });
});
