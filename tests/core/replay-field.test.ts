import { describe, expect, it } from 'vitest';
import { ShiftReplay } from '../../src/core/replay/shift-replay';
import {
  chinaDayStart,
  HOUR_MS,
  pointAlongRoute,
  type HubEvent,
  type HubEventDraft,
  type Operator,
} from '../../src/domain';
import { generateInventory } from '../../src/sim/seed/inventory';
import { pastDays } from '../../src/sim/history';

const actor: Operator = { id: 'sim', name: '模拟指挥长', role: 'commander', jurisdictionCode: '5329' };
/** The day before 2026-03-10, recorded as a fresh demo would: the inventory first, then the past. */
const until = chinaDayStart('2026-03-10') + 6 * HOUR_MS;
const dayStart = chinaDayStart('2026-03-09');
const inventory = generateInventory('dali');
const registered: HubEventDraft = {
  type: 'forces.registered',
  jurisdiction: '5329',
  at: new Date(dayStart - 30 * 24 * HOUR_MS).toISOString(),
  payload: { forces: inventory.forces },
};
const drafts = [registered, ...pastDays({ regionId: 'dali', seed: 1001, days: 1, until, actor })];
const events = drafts.map((draft, i) => ({ ...draft, seq: i + 1, id: crypto.randomUUID() }) as HubEvent);
const replay = new ShiftReplay({
  cursor: () => events.length,
  window: (_from, end) => events.filter((event) => Date.parse(event.at) < end),
  after: (seq, end) => events.filter((event) => event.seq > seq && Date.parse(event.at) < end),
});
const shift = {
  start: new Date(dayStart + 8 * HOUR_MS).toISOString(),
  end: new Date(dayStart + 20 * HOUR_MS).toISOString(),
};

describe('a past shift replayed', () => {
  it('shows a patrol where its beat had taken it, mid-shift', () => {
    const patrol = inventory.forces.find((force) => force.kind === 'patrol-team')!;
    const frame = replay.frame(shift, '5329', dayStart + 14 * HOUR_MS + 30 * 60_000);
    const shown = frame.forces.find((force) => force.id === patrol.id)!;
    const [lng, lat] = pointAlongRoute(patrol.route!, 4 * 6);
    expect(shown.location[0]).toBeCloseTo(lng, 4);
    expect(shown.location[1]).toBeCloseTo(lat, 4);
    // Two hours on, it has walked on.
    const later = replay.frame(shift, '5329', dayStart + 16 * HOUR_MS + 30 * 60_000);
    expect(later.forces.find((force) => force.id === patrol.id)!.location).not.toEqual(shown.location);
  });

  it('shows a camera down during its outage and back after it', () => {
    const outages = events.filter(
      (event): event is Extract<HubEvent, { type: 'monitoring.status-changed' }> =>
        event.type === 'monitoring.status-changed',
    );
    const down = outages.find((event) => {
      const at = Date.parse(event.at);
      const up = outages.find(
        (later) => later.payload.point.id === event.payload.point.id && later.seq > event.seq,
      );
      return (
        event.payload.point.status === 'offline' &&
        up !== undefined &&
        at > dayStart + 9 * HOUR_MS &&
        Date.parse(up.at) < dayStart + 19 * HOUR_MS
      );
    })!;
    const up = outages.find(
      (later) => later.payload.point.id === down.payload.point.id && later.seq > down.seq,
    )!;
    const during = replay.frame(shift, '5329', (Date.parse(down.at) + Date.parse(up.at)) / 2);
    expect(during.offlineCameras.map((camera) => camera.id)).toContain(down.payload.point.id);
    const after = replay.frame(shift, '5329', Date.parse(up.at) + 60_000);
    expect(after.offlineCameras.map((camera) => camera.id)).not.toContain(down.payload.point.id);
  });
});
