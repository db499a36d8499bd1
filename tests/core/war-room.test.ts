import { describe, expect, it } from 'vitest';
import { buildWarRoom } from '../../src/core/war-room';
import { addMinutes, type Force, type MemberUnit, type Order } from '../../src/domain';
import { T0, incidentIn } from '../domain/fixtures';

const units = new Map<string, MemberUnit>([
  ['unit-police', { id: 'unit-police', name: '大理市公安局', kind: 'police', jurisdictionCode: '532901' }],
  [
    'unit-justice',
    { id: 'unit-justice', name: '大理市司法局', kind: 'justice-bureau', jurisdictionCode: '532901' },
  ],
]);

function order(unitId: string, acknowledgedAfterMinutes: number | null): Order {
  return {
    id: `inc-1/${unitId}`,
    incidentId: 'inc-1',
    unitId,
    issuedAt: T0,
    acknowledgeBy: addMinutes(T0, 30),
    deadline: addMinutes(T0, 24 * 60),
    issuedBy: 'commander-1',
    acknowledgement:
      acknowledgedAfterMinutes === null
        ? null
        : { acknowledgedAt: addMinutes(T0, acknowledgedAfterMinutes), by: 'key:police', note: '' },
  };
}

const force = (id: string, fixAgeMinutes: number | null, now: string): Force => ({
  id,
  kind: 'patrol-team',
  name: id,
  jurisdictionCode: '532901001',
  members: 4,
  position: fixAgeMinutes === null ? null : { lng: 100.2, lat: 25.6, at: addMinutes(now, -fixAgeMinutes) },
});

describe('the war room', () => {
  const now = addMinutes(T0, 60);
  const room = buildWarRoom({
    since: new Date(T0),
    now: new Date(now),
    orders: [order('unit-police', 10), order('unit-justice', null)],
    incident: (id) => (id === 'inc-1' ? { ...incidentIn('resolve'), id } : undefined),
    units,
    forces: [force('p-1', 5, now), force('p-2', 40, now), force('p-3', null, now)],
  });

  it('lists today’s orders with each unit’s acknowledgement, flagging the unit past its time', () => {
    expect(room.orders.map((o) => [o.unitName, o.acknowledgedAt !== null, o.late])).toEqual([
      ['大理市公安局', true, false],
      ['大理市司法局', false, true],
    ]);
  });

  it('puts the units still to report in at the top of the roster', () => {
    expect(room.roster.map((r) => [r.unitName, r.checkedInAt])).toEqual([
      ['大理市司法局', null],
      ['大理市公安局', addMinutes(T0, 10)],
    ]);
  });

  it('counts forces on duty by a position in the last 15 minutes', () => {
    expect(room.forces.find((f) => f.kind === 'patrol-team')).toEqual({
      kind: 'patrol-team',
      total: 3,
      members: 12,
      active: 1,
    });
  });
});
