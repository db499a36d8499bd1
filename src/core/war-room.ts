import {
  FORCE_KINDS,
  isAcknowledgementLate,
  isOnDuty,
  orderState,
  toMillis,
  type Force,
  type Incident,
  type MemberUnit,
  type Order,
} from '../domain';
import type { WarRoom } from './contract/war-room';

export interface WarRoomInput {
  since: Date;
  now: Date;
  /** Orders issued since `since`, newest first. */
  orders: readonly Order[];
  incident: (id: string) => Incident | undefined;
  units: ReadonlyMap<string, MemberUnit>;
  forces: readonly Force[];
}

/**
 * The war room's side of the wall: today's dispatch orders with each unit's acknowledgement ("the centre
 * blows the whistle, the departments report in"), the roster of units that have reported in to the joint
 * office, and the forces by kind.
 */
export function buildWarRoom({ since, now, orders, incident, units, forces }: WarRoomInput): WarRoom {
  const nowIso = now.toISOString();
  const rows = orders.map((order) => {
    const subject = incident(order.incidentId);
    return {
      orderId: order.id,
      incidentId: order.incidentId,
      incidentTitle: subject?.title ?? order.incidentId,
      unitId: order.unitId,
      unitName: units.get(order.unitId)?.name ?? order.unitId,
      issuedAt: order.issuedAt,
      acknowledgeBy: order.acknowledgeBy,
      acknowledgedAt: order.acknowledgement?.acknowledgedAt ?? null,
      late: isAcknowledgementLate(order, nowIso),
      state: orderState(order, subject?.stage ?? 'assign', nowIso),
    };
  });

  const roster = new Map<string, WarRoom['roster'][number]>();
  for (const row of rows) {
    const entry = roster.get(row.unitId) ?? {
      unitId: row.unitId,
      unitName: row.unitName,
      orders: 0,
      acknowledged: 0,
      checkedInAt: null,
    };
    entry.orders += 1;
    if (row.acknowledgedAt) {
      entry.acknowledged += 1;
      if (entry.checkedInAt === null || toMillis(row.acknowledgedAt) < toMillis(entry.checkedInAt))
        entry.checkedInAt = row.acknowledgedAt;
    }
    roster.set(row.unitId, entry);
  }

  const forceRows = FORCE_KINDS.map((kind) => {
    const ofKind = forces.filter((force) => force.kind === kind);
    return {
      kind,
      total: ofKind.length,
      members: ofKind.reduce((sum, force) => sum + force.members, 0),
      active: ofKind.filter((force) => isOnDuty(force, now.getTime())).length,
    };
  });

  return {
    since: since.toISOString(),
    orders: rows,
    // Those still to report in first, then by name: the roster is read to chase the missing.
    roster: [...roster.values()].sort(
      (a, b) =>
        Number(a.checkedInAt !== null) - Number(b.checkedInAt !== null) ||
        a.unitName.localeCompare(b.unitName),
    ),
    forces: forceRows,
  };
}
