import {
  isWithin,
  openIncident,
  type Force,
  type HubEventDraft,
  type MonitoringPoint,
  type NewIncident,
} from '../../domain';
import type { IngestBody } from '../../protocol/ingest';
import {
  ITEM_PASSES,
  entitiesById,
  outsideKey,
  recordBatch,
  type IngestContext,
  type IngestEndpoint,
  type ItemCheck,
} from './endpoint';
import { newIncidentId } from './incident-id';

function openIncidents(reports: readonly NewIncident[], at: string) {
  const opened = reports.map((report) => openIncident(report, at));
  return { events: opened.flatMap((o) => o.events), created: opened.map((o) => o.incident.id) };
}

/** A report must lie in a known village or grid, inside the key's jurisdiction, by code and by location. */
function checkPlace(ctx: IngestContext, label: string, report: Omit<NewIncident, 'id'>): ItemCheck {
  const { region, key } = ctx;
  const { jurisdictionCode, location } = report;
  if (!region.get(jurisdictionCode)) {
    return {
      unknown: `${label}.jurisdictionCode: no jurisdiction ${jurisdictionCode} in this region`,
      outside: null,
    };
  }
  if (!isWithin(jurisdictionCode, key.jurisdiction)) {
    return {
      unknown: null,
      outside: `${label}.jurisdictionCode: ${region.describe(jurisdictionCode)} is outside this key's jurisdiction ${region.describe(key.jurisdiction)}`,
    };
  }
  if (!region.contains(key.jurisdiction, location)) {
    return {
      unknown: null,
      outside: `${label}.location: [${location.join(', ')}] lies outside this key's jurisdiction ${region.describe(key.jurisdiction)}`,
    };
  }
  return ITEM_PASSES;
}

interface ReportItem {
  externalId: string;
  report: Omit<NewIncident, 'id'>;
}

/** Reports from people (grid workers, citizens, the hotline): each opens an incident. */
function reportsEndpoint<Body>(
  label: string,
  items: (body: Body) => ReportItem[],
): IngestEndpoint<Body, ReportItem, null> {
  return {
    label,
    items,
    idOf: (item) => item.externalId,
    lookUp: async () => null,
    check: (ctx, _found, item, itemLabel) => checkPlace(ctx, itemLabel, item.report),
    commit(ctx, _found, batch, ids) {
      const at = new Date().toISOString();
      return recordBatch(ctx, label, ids, async () =>
        openIncidents(
          batch.map(({ report }) => ({ ...report, id: newIncidentId(at) })),
          at,
        ),
      );
    },
  };
}

export const reports = reportsEndpoint('reports', (body: IngestBody<'/api/v1/reports'>) =>
  body.reports.map(({ id, ...report }) => ({
    externalId: id,
    report: { ...report, monitoringPointId: null },
  })),
);

export const hotlineTickets = reportsEndpoint('tickets', (body: IngestBody<'/api/v1/hotline/tickets'>) =>
  body.tickets.map(({ ticketNo, caller, ...ticket }) => ({
    externalId: ticketNo,
    report: {
      ...ticket,
      description: ticket.description ? `${ticket.description}\n工单号 ${ticketNo}` : `工单号 ${ticketNo}`,
      reporter: caller,
      source: 'hotline' as const,
      monitoringPointId: null,
    },
  })),
);

/** A camera named by a batch must be known and inside the key's jurisdiction. */
export function checkPoint(
  ctx: IngestContext,
  points: Map<string, MonitoringPoint>,
  pointId: string,
  label: string,
): ItemCheck {
  const point = points.get(pointId);
  if (!point) return { unknown: `${label}.pointId: no monitoring point ${pointId}`, outside: null };
  return isWithin(point.jurisdictionCode, ctx.key.jurisdiction)
    ? ITEM_PASSES
    : { unknown: null, outside: `${label}.pointId: ${outsideKey(ctx, pointId, point.jurisdictionCode)}` };
}

type StatusUpdate = IngestBody<'/api/v1/monitoring/status'>['updates'][number];

export const monitoringStatus: IngestEndpoint<
  IngestBody<'/api/v1/monitoring/status'>,
  StatusUpdate,
  Map<string, MonitoringPoint>
> = {
  label: 'updates',
  items: (body) => body.updates,
  idOf: (update) => update.id,
  lookUp: (ctx, updates) =>
    entitiesById(
      ctx.store,
      'monitoring-point',
      updates.map((u) => u.pointId),
    ),
  check: (ctx, points, update, label) => checkPoint(ctx, points, update.pointId, label),
  commit: (ctx, points, updates, ids) =>
    recordBatch(ctx, 'updates', ids, async (tx) => {
      // Re-read inside the transaction: another batch may have changed these points meanwhile.
      const fresh = await tx.getEntities('monitoring-point', [...points.keys()]);
      const current = new Map(fresh.map((e) => [e.id, e.doc as MonitoringPoint]));
      const events: HubEventDraft[] = [];
      for (const update of updates) {
        const point = current.get(update.pointId)!;
        if (point.status === update.status) continue;
        const changed: MonitoringPoint = { ...point, status: update.status, statusAt: update.at };
        current.set(point.id, changed);
        events.push({
          type: 'monitoring.status-changed',
          jurisdiction: point.jurisdictionCode,
          at: update.at,
          payload: { point: changed, previousStatus: point.status },
        });
      }
      return { events, created: [] };
    }),
};

type Alarm = IngestBody<'/api/v1/monitoring/alarms'>['alarms'][number];

/** A camera's alarm opens a case where the camera is. */
export const monitoringAlarms: IngestEndpoint<
  IngestBody<'/api/v1/monitoring/alarms'>,
  Alarm,
  Map<string, MonitoringPoint>
> = {
  label: 'alarms',
  items: (body) => body.alarms,
  idOf: (alarm) => alarm.id,
  lookUp: (ctx, alarms) =>
    entitiesById(
      ctx.store,
      'monitoring-point',
      alarms.map((a) => a.pointId),
    ),
  check: (ctx, points, alarm, label) => checkPoint(ctx, points, alarm.pointId, label),
  commit(ctx, points, alarms, ids) {
    const at = new Date().toISOString();
    const opened = alarms.map((alarm) => {
      const point = points.get(alarm.pointId)!;
      return {
        id: newIncidentId(at),
        kind: 'case' as const,
        category: alarm.category,
        title: alarm.title,
        description: alarm.description,
        jurisdictionCode: point.jurisdictionCode,
        location: point.location,
        address: point.name,
        reporter: null,
        source: 'camera-alarm' as const,
        monitoringPointId: point.id,
      };
    });
    return recordBatch(ctx, 'alarms', ids, async () => openIncidents(opened, at));
  },
};

type Position = IngestBody<'/api/v1/forces/positions'>['positions'][number];

/** Where the forces are: each fix must be of a known force of the key's jurisdiction, and inside it. */
export const forcePositions: IngestEndpoint<
  IngestBody<'/api/v1/forces/positions'>,
  Position,
  Map<string, Force>
> = {
  label: 'positions',
  items: (body) => body.positions,
  idOf: (position) => position.id,
  lookUp: (ctx, positions) =>
    entitiesById(
      ctx.store,
      'force',
      positions.map((p) => p.forceId),
    ),
  check(ctx, forces, p, label) {
    const force = forces.get(p.forceId);
    if (!force) return { unknown: `${label}.forceId: no force ${p.forceId}`, outside: null };
    if (!isWithin(force.jurisdictionCode, ctx.key.jurisdiction)) {
      return {
        unknown: null,
        outside: `${label}.forceId: ${outsideKey(ctx, p.forceId, force.jurisdictionCode, 'belongs to')}`,
      };
    }
    return ctx.region.contains(ctx.key.jurisdiction, [p.lng, p.lat])
      ? ITEM_PASSES
      : {
          unknown: null,
          outside: `${label}: [${p.lng}, ${p.lat}] lies outside this key's jurisdiction ${ctx.region.describe(ctx.key.jurisdiction)}`,
        };
  },
  commit: (ctx, forces, positions, ids) =>
    recordBatch(ctx, 'positions', ids, async () => ({
      events: positions.map((p) => ({
        type: 'force.moved' as const,
        jurisdiction: forces.get(p.forceId)!.jurisdictionCode,
        at: p.at,
        payload: {
          forceId: p.forceId,
          position: { lng: p.lng, lat: p.lat, at: p.at },
          ...(p.onDuty === undefined ? {} : { onDuty: p.onDuty }),
        },
      })),
      created: [],
    })),
};
