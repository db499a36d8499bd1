import { randomBytes } from 'node:crypto';
import {
  applyAction,
  isWithin,
  openIncident,
  type Incident,
  type Operator,
  type Order,
  type Force,
  type HubEventDraft,
  type MonitoringPoint,
  type NewIncident,
  chinaDayOf,
} from '../../domain';
import { modeAt, slaAt } from '../commands';
import { recordEvents } from '../projector';
import type { RegionIndex } from '../region-index';
import type { ApiKeyRecord, HubStore, HubTransaction } from '../store';
import type {
  AcknowledgementsBody,
  ForcePositionsBody,
  HotlineTicketsBody,
  MonitoringAlarmsBody,
  MonitoringStatusBody,
  ReportsBody,
} from './schemas';

/** A refused ingest request: nothing of it was stored. `problems` name each offending item. */
export class IngestError extends Error {
  constructor(
    readonly status: number,
    readonly code: 'out-of-scope' | 'unknown-reference' | 'duplicate-in-batch' | 'replayed' | 'refused',
    readonly problems: string[],
  ) {
    super(problems.join('; '));
  }
}

export interface IngestResult {
  accepted: number;
  /** Ids the hub gave to what the batch created (incident ids), in batch order. */
  created: string[];
  seqs: number[];
}

const BASE32 = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * Short enough to read out on the phone: the China day it was reported on (UTC+8, so a report at 01:30 in
 * Dali is numbered with that day, not the UTC one before) and six random characters.
 */
export function newIncidentId(at: string): string {
  const day = chinaDayOf(Date.parse(at)).replaceAll('-', '');
  const suffix = Array.from(randomBytes(6), (byte) => BASE32[byte % BASE32.length]).join('');
  return `${day}-${suffix}`;
}

type ItemProblem = string | null;

function openIncidents(reports: readonly NewIncident[], at: string) {
  const opened = reports.map((report) => openIncident(report, at));
  return { events: opened.flatMap((o) => o.events), created: opened.map((o) => o.incident.id) };
}

function throwIfAny(status: number, code: IngestError['code'], problems: ItemProblem[]): void {
  const found = problems.filter((p): p is string => p !== null);
  if (found.length > 0) throw new IngestError(status, code, found.slice(0, 50));
}

/**
 * Validates and stores what the field sends: every item is checked against the region and the key's
 * jurisdiction before anything is written, and a batch is stored in one transaction, whole or not at all.
 */
export class IngestService {
  constructor(
    private readonly store: HubStore,
    private readonly region: RegionIndex,
    private readonly onCommitted: (seqs: number[]) => void,
  ) {}

  private checkPlace(
    key: ApiKeyRecord,
    label: string,
    jurisdictionCode: string,
    location: readonly [number, number],
  ): { unknown: ItemProblem; outside: ItemProblem } {
    if (!this.region.get(jurisdictionCode)) {
      return {
        unknown: `${label}.jurisdictionCode: no jurisdiction ${jurisdictionCode} in this region`,
        outside: null,
      };
    }
    if (!isWithin(jurisdictionCode, key.jurisdiction)) {
      return {
        unknown: null,
        outside: `${label}.jurisdictionCode: ${this.region.describe(jurisdictionCode)} is outside this key's jurisdiction ${this.region.describe(key.jurisdiction)}`,
      };
    }
    if (!this.region.contains(key.jurisdiction, location)) {
      return {
        unknown: null,
        outside: `${label}.location: [${location.join(', ')}] lies outside this key's jurisdiction ${this.region.describe(key.jurisdiction)}`,
      };
    }
    return { unknown: null, outside: null };
  }

  private checkNoDuplicates(label: string, ids: readonly string[]): void {
    const seen = new Set<string>();
    throwIfAny(
      422,
      'duplicate-in-batch',
      ids.map((id, index) => {
        if (seen.has(id)) return `${label}[${index}].id: ${id} appears twice in this batch`;
        seen.add(id);
        return null;
      }),
    );
  }

  /** Claims the batch's ids and records its events; a replayed id aborts the whole transaction. */
  private async commitBatch(
    key: ApiKeyRecord,
    label: string,
    ids: readonly string[],
    build: (tx: HubTransaction) => Promise<{ events: HubEventDraft[]; created: string[] }>,
  ): Promise<IngestResult> {
    const result = await this.store.transaction(async (tx) => {
      const replayed = await tx.claimIngestIds(key.source, ids);
      if (replayed.length > 0) {
        throw new IngestError(
          409,
          'replayed',
          replayed
            .slice(0, 50)
            .map((id) => `${label}[${ids.indexOf(id)}].id: ${id} was already received from ${key.source}`),
        );
      }
      const { events, created } = await build(tx);
      const stored = await recordEvents(tx, events);
      return { accepted: ids.length, created, seqs: stored.map((e) => e.seq) };
    });
    if (result.seqs.length > 0) this.onCommitted(result.seqs);
    return result;
  }

  /**
   * Reports from people (grid workers, citizens, the hotline): each must lie in a known village or grid
   * inside the key's jurisdiction; then each opens an incident.
   */
  private openReports(
    key: ApiKeyRecord,
    label: string,
    items: readonly { externalId: string; report: Omit<NewIncident, 'id'> }[],
  ): Promise<IngestResult> {
    const checks = items.map(({ report }, i) =>
      this.checkPlace(key, `${label}[${i}]`, report.jurisdictionCode, report.location),
    );
    throwIfAny(
      422,
      'unknown-reference',
      checks.map((c) => c.unknown),
    );
    throwIfAny(
      403,
      'out-of-scope',
      checks.map((c) => c.outside),
    );
    const ids = items.map((item) => item.externalId);
    this.checkNoDuplicates(label, ids);
    const at = new Date().toISOString();
    return this.commitBatch(key, label, ids, async () =>
      openIncidents(
        items.map(({ report }) => ({ ...report, id: newIncidentId(at) })),
        at,
      ),
    );
  }

  reports(key: ApiKeyRecord, body: ReportsBody): Promise<IngestResult> {
    return this.openReports(
      key,
      'reports',
      body.reports.map(({ id, ...report }) => ({
        externalId: id,
        report: { ...report, monitoringPointId: null },
      })),
    );
  }

  hotlineTickets(key: ApiKeyRecord, body: HotlineTicketsBody): Promise<IngestResult> {
    return this.openReports(
      key,
      'tickets',
      body.tickets.map(({ ticketNo, caller, ...ticket }) => ({
        externalId: ticketNo,
        report: {
          ...ticket,
          description: ticket.description
            ? `${ticket.description}\n工单号 ${ticketNo}`
            : `工单号 ${ticketNo}`,
          reporter: caller,
          source: 'hotline' as const,
          monitoringPointId: null,
        },
      })),
    );
  }

  /** Looks up the points a batch names, refusing unknown ones and those outside the key's jurisdiction. */
  private async pointsFor(key: ApiKeyRecord, label: string, pointIds: readonly string[]) {
    const found = await this.store.transaction((tx) =>
      tx.getEntities('monitoring-point', [...new Set(pointIds)]),
    );
    const points = new Map(found.map((e) => [e.id, e.doc as MonitoringPoint]));
    throwIfAny(
      422,
      'unknown-reference',
      pointIds.map((id, i) => (points.has(id) ? null : `${label}[${i}].pointId: no monitoring point ${id}`)),
    );
    throwIfAny(
      403,
      'out-of-scope',
      pointIds.map((id, i) => {
        const point = points.get(id)!;
        return isWithin(point.jurisdictionCode, key.jurisdiction)
          ? null
          : `${label}[${i}].pointId: ${id} lies in ${this.region.describe(point.jurisdictionCode)}, outside this key's jurisdiction ${this.region.describe(key.jurisdiction)}`;
      }),
    );
    return points;
  }

  async monitoringStatus(key: ApiKeyRecord, body: MonitoringStatusBody): Promise<IngestResult> {
    const points = await this.pointsFor(
      key,
      'updates',
      body.updates.map((u) => u.pointId),
    );
    const ids = body.updates.map((u) => u.id);
    this.checkNoDuplicates('updates', ids);
    return this.commitBatch(key, 'updates', ids, async (tx) => {
      // Re-read inside the transaction: another batch may have changed these points meanwhile.
      const fresh = await tx.getEntities('monitoring-point', [...points.keys()]);
      const current = new Map(fresh.map((e) => [e.id, e.doc as MonitoringPoint]));
      const events: HubEventDraft[] = [];
      for (const update of body.updates) {
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
    });
  }

  async monitoringAlarms(key: ApiKeyRecord, body: MonitoringAlarmsBody): Promise<IngestResult> {
    const points = await this.pointsFor(
      key,
      'alarms',
      body.alarms.map((a) => a.pointId),
    );
    const ids = body.alarms.map((a) => a.id);
    this.checkNoDuplicates('alarms', ids);
    const at = new Date().toISOString();
    return this.commitBatch(key, 'alarms', ids, async () =>
      openIncidents(
        body.alarms.map((alarm) => {
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
        }),
        at,
      ),
    );
  }

  /**
   * Member units report in on their orders from their own systems: each acknowledgement is the lifecycle's
   * `acknowledge`, made by the sending key on the incident as it stands, and refused as the lifecycle
   * would refuse it (an order already acknowledged, an incident already handled).
   */
  async acknowledgements(key: ApiKeyRecord, body: AcknowledgementsBody): Promise<IngestResult> {
    const orderIds = body.acknowledgements.map((a) => a.orderId);
    const found = await this.store.transaction((tx) => tx.getEntities('order', [...new Set(orderIds)]));
    const orders = new Map(found.map((e) => [e.id, e]));
    throwIfAny(
      422,
      'unknown-reference',
      orderIds.map((id, i) => (orders.has(id) ? null : `acknowledgements[${i}].orderId: no order ${id}`)),
    );
    throwIfAny(
      403,
      'out-of-scope',
      orderIds.map((id, i) =>
        isWithin(orders.get(id)!.jurisdiction, key.jurisdiction)
          ? null
          : `acknowledgements[${i}].orderId: ${id} lies in ${this.region.describe(orders.get(id)!.jurisdiction)}, outside this key's jurisdiction ${this.region.describe(key.jurisdiction)}`,
      ),
    );
    const ids = body.acknowledgements.map((a) => a.id);
    this.checkNoDuplicates('acknowledgements', ids);
    const actor: Operator = {
      id: `key:${key.source}`,
      name: key.displayName || key.source,
      role: 'operator',
      jurisdictionCode: key.jurisdiction,
    };
    const at = new Date().toISOString();
    return this.commitBatch(key, 'acknowledgements', ids, async (tx) => {
      const events: HubEventDraft[] = [];
      const incidents = new Map<string, Incident>();
      for (const [i, ack] of body.acknowledgements.entries()) {
        const order = orders.get(ack.orderId)!.doc as Order;
        const incident =
          incidents.get(order.incidentId) ??
          ((await tx.getEntity('incident', order.incidentId))!.doc as Incident);
        const mode = await modeAt(tx, incident.jurisdictionCode);
        const sla = await slaAt(tx, incident.jurisdictionCode);
        const result = applyAction(
          incident,
          {
            type: 'acknowledge',
            unitId: order.unitId,
            ...(ack.note ? { note: ack.note } : {}),
            ...(ack.signedBy ? { signedBy: ack.signedBy } : {}),
          },
          { actor, at, mode, sla },
        );
        if (!result.ok) throw new IngestError(409, 'refused', [`acknowledgements[${i}]: ${result.reason}`]);
        incidents.set(incident.id, result.incident);
        events.push(...result.events);
      }
      return { events, created: [] };
    });
  }

  async forcePositions(key: ApiKeyRecord, body: ForcePositionsBody): Promise<IngestResult> {
    const forceIds = body.positions.map((p) => p.forceId);
    const found = await this.store.transaction((tx) => tx.getEntities('force', [...new Set(forceIds)]));
    const forces = new Map(found.map((e) => [e.id, e.doc as Force]));
    throwIfAny(
      422,
      'unknown-reference',
      body.positions.map((p, i) =>
        forces.has(p.forceId) ? null : `positions[${i}].forceId: no force ${p.forceId}`,
      ),
    );
    throwIfAny(
      403,
      'out-of-scope',
      body.positions.map((p, i) => {
        const force = forces.get(p.forceId)!;
        if (!isWithin(force.jurisdictionCode, key.jurisdiction)) {
          return `positions[${i}].forceId: ${p.forceId} belongs to ${this.region.describe(force.jurisdictionCode)}, outside this key's jurisdiction ${this.region.describe(key.jurisdiction)}`;
        }
        return this.region.contains(key.jurisdiction, [p.lng, p.lat])
          ? null
          : `positions[${i}]: [${p.lng}, ${p.lat}] lies outside this key's jurisdiction ${this.region.describe(key.jurisdiction)}`;
      }),
    );
    const ids = body.positions.map((p) => p.id);
    this.checkNoDuplicates('positions', ids);
    return this.commitBatch(key, 'positions', ids, async () => ({
      events: body.positions.map((p) => ({
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
    }));
  }
}
