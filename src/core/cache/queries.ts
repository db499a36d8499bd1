import type Database from 'better-sqlite3';
import {
  BRIEFING_EVENT_TYPES,
  INCIDENT_SNAPSHOT_TYPES,
  entityLocation,
  type ConfiguredSubsidyRates,
  type Force,
  type Handover,
  type SavedBulletin,
  type HubEvent,
  type Incident,
  type MemberUnit,
  type SlaConfig,
  type IncidentNote,
  type ModeState,
  type Order,
  type RiskLevel,
  type Stage,
} from '../../domain';
import { PERSONAL_DATA_AS_IS, type PersonalDataCodec } from '../../gm';
import { incidentCellReader, type IncidentCell } from './projections/incident-cells';
import { tallyReader } from './projections/incident-tallies';

type Row = Record<string, unknown>;

/**
 * What decides deadlines and names before a report's window: the modes, the SLA tables, the units; and the
 * registers of dangerous objects and sensitive places, as they stood when it began.
 */
const DECISION_TYPES = [
  'mode.switched',
  'sla.configured',
  'units.registered',
  'target.registered',
  'target.removed',
];
/** What a map replay plays: the incidents' lives, the decisions, the forces' fixes and the cameras' states. */
const REPLAY_TYPES = [
  ...BRIEFING_EVENT_TYPES,
  'forces.registered',
  'force.moved',
  'monitoring.status-changed',
];
export type LocatedKind = 'incident' | 'monitoring-point' | 'force';

export interface LocatedEntity {
  kind: LocatedKind;
  id: string;
  location: [number, number];
  doc: unknown;
}

const EARTH_RADIUS_M = 6_371_008.8;

export function haversineMeters(
  [lng1, lat1]: readonly [number, number],
  [lng2, lat2]: readonly [number, number],
) {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
}

/** The properties a map feature carries, per kind: what its symbol, filter and tooltip need. */
export const MAP_PROPERTIES: Record<LocatedKind, Record<string, string>> = {
  incident: {
    riskLevel: '$.riskLevel',
    stage: '$.stage',
    title: '$.title',
    category: '$.category',
    updatedAt: '$.updatedAt',
    jurisdictionCode: '$.jurisdictionCode',
  },
  'monitoring-point': {
    pointKind: '$.kind',
    cameraClass: '$.cameraClass',
    status: '$.status',
    name: '$.name',
    jurisdictionCode: '$.jurisdictionCode',
  },
  force: {
    forceKind: '$.kind',
    name: '$.name',
    members: '$.members',
    positionAt: '$.position.at',
    jurisdictionCode: '$.jurisdictionCode',
  },
};

/**
 * Exact coordinates come from the document: the R*Tree keeps 32-bit floats (rounded outward, about a metre),
 * good for finding things, not for drawing them.
 */
const EXACT_LOCATION: Record<LocatedKind, [string, string]> = {
  incident: ['$.location[0]', '$.location[1]'],
  'monitoring-point': ['$.location[0]', '$.location[1]'],
  force: ['$.position.lng', '$.position.lat'],
};

/** Map features in columns rather than objects: a Dali camera layer is 146,512 of them. */
export interface MapFeatureColumns {
  ids: string[];
  /** lng, lat, lng, lat, … */
  coordinates: number[];
  properties: Record<string, (string | number | null)[]>;
  /** Ids asked for that have no feature (gone, or no position). */
  missing: string[];
  /** Asked for a page: the cursor the next page starts after, null after the last. */
  next?: number | null;
}

/** One page of a kind's features in scope: at most `limit`, after the cursor a previous page gave (0 first). */
export interface MapFeaturePage {
  after: number;
  limit: number;
}

type FeatureQuery = [select: string, sql: string, params: unknown[]];

/**
 * A kind's map features read out of its documents: the id, the exact position, `MAP_PROPERTIES` in order and
 * the rowid. The map draws incidents only while they are open, so the whole set of incidents is the open ones,
 * found through the incident index.
 */
function documentFeatureQuery(
  kind: Exclude<LocatedKind, 'monitoring-point'>,
  scope: string,
  ids?: readonly string[],
  page?: MapFeaturePage,
): FeatureQuery {
  const names = Object.keys(MAP_PROPERTIES[kind]);
  const extracts = names.map((name) => `json_extract(e.doc, '${MAP_PROPERTIES[kind][name]}') AS "${name}"`);
  const location = EXACT_LOCATION[kind].map((path) => `json_extract(e.doc, '${path}')`).join(', ');
  const select = `e.id, ${location}, ${extracts.join(', ')}, e.rowid`;
  const located = 'JOIN entity_locations l ON l.entity_rowid = e.rowid';
  // A page walks the rows in rowid order, its filters checked on the way (the unary + keeps the planner off
  // the scope's index, which would find every row in scope and sort them all to return the first few).
  if (ids)
    return [
      select,
      `FROM entities e ${located} WHERE e.kind = ? AND e.jurisdiction LIKE ?
         AND e.id IN (SELECT value FROM json_each(?))`,
      [kind, `${scope}%`, JSON.stringify(ids)],
    ];
  if (kind === 'incident')
    return page
      ? [
          select,
          `FROM incident_index i JOIN entities e ON e.rowid = i.rowid ${located}
           WHERE i.rowid > ? AND +i.jurisdiction >= ? AND +i.jurisdiction < ? AND i.stage <> 'closed'
           ORDER BY i.rowid LIMIT ?`,
          [page.after, scope, `${scope}:`, page.limit],
        ]
      : [
          select,
          `FROM incident_index i JOIN entities e ON e.rowid = i.rowid ${located}
           WHERE i.jurisdiction >= ? AND i.jurisdiction < ? AND i.stage <> 'closed'`,
          [scope, `${scope}:`],
        ];
  return page
    ? [
        select,
        `FROM entities e ${located} WHERE e.rowid > ? AND +e.kind = ? AND +e.jurisdiction LIKE ?
         ORDER BY e.rowid LIMIT ?`,
        [page.after, kind, `${scope}%`, page.limit],
      ]
    : [select, `FROM entities e ${located} WHERE e.kind = ? AND e.jurisdiction LIKE ?`, [kind, `${scope}%`]];
}

/** Monitoring points from their own columns (the `monitoring-points` projection), in the same shape. */
function pointFeatureQuery(scope: string, ids?: readonly string[], page?: MapFeaturePage): FeatureQuery {
  const select = 'p.id, p.lng, p.lat, p.kind, p.camera_class, p.status, p.name, p.jurisdiction, p.rowid';
  if (ids)
    return [
      select,
      `FROM monitoring_point_index p WHERE p.id IN (SELECT value FROM json_each(?))
         AND p.jurisdiction >= ? AND p.jurisdiction < ?`,
      [JSON.stringify(ids), scope, `${scope}:`],
    ];
  return page
    ? [
        select,
        `FROM monitoring_point_index p WHERE p.rowid > ? AND +p.jurisdiction >= ? AND +p.jurisdiction < ?
         ORDER BY p.rowid LIMIT ?`,
        [page.after, scope, `${scope}:`, page.limit],
      ]
    : [
        select,
        'FROM monitoring_point_index p WHERE p.jurisdiction >= ? AND p.jurisdiction < ?',
        [scope, `${scope}:`],
      ];
}

/** Read-only questions the interface asks of the cache. */
export class CacheQueries {
  private readonly statements;

  /**
   * `personal` opens the sealed personal fields of the incidents read here (the queue searches reporters'
   * phones); the cache's own codec, or none for a reader that never looks at them.
   */
  constructor(
    private readonly db: Database.Database,
    private readonly personal: PersonalDataCodec = PERSONAL_DATA_AS_IS,
  ) {
    this.statements = {
      tallies: tallyReader(db),
      cells: incidentCellReader(db),
      monitoringByStatus: db.prepare('SELECT status AS key, n FROM monitoring_status_tally WHERE n > 0'),
      forces: db.prepare("SELECT COUNT(*) FROM entities WHERE kind = 'force'").pluck(),
      entity: db.prepare('SELECT doc FROM entities WHERE kind = ? AND id = ?').pluck(),
      ofIncident: db
        .prepare(
          "SELECT doc FROM entities WHERE kind = ? AND json_extract(doc, '$.incidentId') = ? ORDER BY id",
        )
        .pluck(),
      timeline: db.prepare('SELECT seq, type, at, payload FROM events WHERE subject = ? ORDER BY seq'),
      modeSwitchesSince: db.prepare(
        "SELECT seq, type, at, payload FROM events WHERE type = 'mode.switched' AND ? LIKE jurisdiction || '%' AND seq > ? ORDER BY seq",
      ),
      modes: db.prepare("SELECT doc FROM entities WHERE kind = 'mode'").pluck(),
      slaConfigs: db.prepare("SELECT id, doc FROM entities WHERE kind = 'sla'"),
      subsidyRates: db.prepare("SELECT id, doc FROM entities WHERE kind = 'subsidy-rates'"),
      someIncidents: db
        .prepare(
          "SELECT doc FROM entities WHERE kind = 'incident' AND id IN (SELECT value FROM json_each(?))",
        )
        .pluck(),
      memberUnits: db.prepare("SELECT doc FROM entities WHERE kind = 'member-unit' ORDER BY id").pluck(),
      ordersIssuedSince: db
        .prepare(
          "SELECT doc FROM entities WHERE kind = 'order' AND jurisdiction LIKE ? AND json_extract(doc, '$.issuedAt') >= ? ORDER BY json_extract(doc, '$.issuedAt') DESC",
        )
        .pluck(),
      // A report's window of the log (a briefing's, a shift's): every event of @types from `from` until `until`;
      // before it, every event of @decisions (mode, SLA, register) and the last event of each thing of @located
      // (an incident's snapshot, a force's fix, a camera's status), unless it is an incident closed by then.
      // These are stamped by the hub in UTC ISO form, so `at` compares as text and the events_at index serves it.
      windowEvents: db.prepare(
        `SELECT seq, id, type, jurisdiction, at, payload FROM events
         WHERE at >= @from AND at < @until AND type IN (SELECT value FROM json_each(@types))
         UNION ALL
         SELECT seq, id, type, jurisdiction, at, payload FROM events
         WHERE at < @from AND type IN (SELECT value FROM json_each(@decisions))
         UNION ALL
         SELECT seq, id, type, jurisdiction, at, payload FROM events
         WHERE seq IN (
           SELECT MAX(seq) FROM events
           WHERE at < @from AND subject IS NOT NULL AND type IN (SELECT value FROM json_each(@located))
           GROUP BY subject
         ) AND IFNULL(json_extract(payload, '$.incident.stage'), '') <> 'closed'
         ORDER BY seq`,
      ),
      eventsAfter: db.prepare(
        `SELECT seq, id, type, jurisdiction, at, payload FROM events
         WHERE seq > @after AND at < @until AND type IN (SELECT value FROM json_each(@types)) ORDER BY seq`,
      ),
      logStart: db.prepare('SELECT MIN(at) FROM events').pluck(),
      handovers: db
        .prepare("SELECT doc FROM entities WHERE kind = 'handover' AND jurisdiction LIKE ? ORDER BY id")
        .pluck(),
      // What a month's subsidies read (see SubsidyRequest): every rate set before the month's end, the month's
      // resolutions, and dismissals from its start on. Stamped by the hub in UTC ISO form, so `at` compares as text.
      subsidyEvents: db.prepare(
        `SELECT seq, id, type, jurisdiction, at, payload FROM events
         WHERE type = 'subsidy.configured' AND at < @until
         UNION ALL
         SELECT seq, id, type, jurisdiction, at, payload FROM events
         WHERE at >= @from AND at < @until AND type = 'incident.resolved'
         UNION ALL
         SELECT seq, id, type, jurisdiction, at, payload FROM events
         WHERE at >= @from AND type = 'incident.closed' AND json_extract(payload, '$.closure') = 'dismissed'
         ORDER BY seq`,
      ),
      forcesInScope: db
        .prepare("SELECT doc FROM entities WHERE kind = 'force' AND jurisdiction LIKE ?")
        .pluck(),
      inBox: db.prepare(
        `SELECT e.kind, e.id, e.doc
         FROM entity_locations l JOIN entities e ON e.rowid = l.entity_rowid
         WHERE l.min_lng >= ? AND l.max_lng <= ? AND l.min_lat >= ? AND l.max_lat <= ? AND e.kind = ?
         LIMIT ?`,
      ),
    };
  }

  counts() {
    const tally = (statement: Database.Statement) =>
      Object.fromEntries((statement.all() as Row[]).map((row) => [String(row.key), Number(row.n)]));
    return {
      ...this.incidentCounts(),
      monitoringByStatus: tally(this.statements.monitoringByStatus),
      forces: Number(this.statements.forces.get()),
    };
  }

  /** Every incident the cache holds by stage, and the open ones by risk grade, from the cache's tallies. */
  private incidentCounts() {
    const incidentsByStage: Record<string, number> = {};
    const incidentsByRisk: Record<string, number> = {};
    for (const { stage, risk, n } of this.statements.tallies.byStageAndRisk('')) {
      incidentsByStage[stage] = (incidentsByStage[stage] ?? 0) + n;
      if (stage !== 'closed') incidentsByRisk[risk] = (incidentsByRisk[risk] ?? 0) + n;
    }
    return { incidentsByStage, incidentsByRisk };
  }

  incidents(filter: { stages?: Stage[]; riskLevels?: RiskLevel[]; limit: number }) {
    const conditions = ["kind = 'incident'"];
    const params: unknown[] = [];
    if (filter.stages?.length) {
      conditions.push(`json_extract(doc, '$.stage') IN (${filter.stages.map(() => '?').join(', ')})`);
      params.push(...filter.stages);
    }
    if (filter.riskLevels?.length) {
      conditions.push(`json_extract(doc, '$.riskLevel') IN (${filter.riskLevels.map(() => '?').join(', ')})`);
      params.push(...filter.riskLevels);
    }
    const where = conditions.join(' AND ');
    const total = Number(
      this.db
        .prepare(`SELECT COUNT(*) FROM entities WHERE ${where}`)
        .pluck()
        .get(...params),
    );
    const items = (
      this.db
        .prepare(
          `SELECT doc FROM entities WHERE ${where} ORDER BY json_extract(doc, '$.updatedAt') DESC LIMIT ?`,
        )
        .pluck()
        .all(...params, filter.limit) as string[]
    ).map((doc) => this.incidentOf(doc));
    return { total, items };
  }

  /**
   * One incident with its orders, notes and full-process record. The record includes the mode switches of
   * its jurisdiction while it was open, since a switch changes the deadlines it ran against.
   */
  incidentDetail(id: string) {
    const doc = this.statements.entity.get('incident', id) as string | undefined;
    if (!doc) return null;
    const incident = this.incidentOf(doc);
    const parseAll = <T>(docs: unknown[]) => docs.map((d) => JSON.parse(String(d)) as T);
    const entryOf = (row: Row) => ({
      seq: Number(row.seq),
      type: String(row.type),
      at: String(row.at),
      payload: this.personal.openPayload(String(row.type), JSON.parse(String(row.payload))),
    });
    const own = (this.statements.timeline.all(id) as Row[]).map(entryOf);
    const switches =
      own.length === 0
        ? []
        : (this.statements.modeSwitchesSince.all(incident.jurisdictionCode, own[0]!.seq) as Row[])
            .map(entryOf)
            .filter((entry) => incident.stage !== 'closed' || entry.seq < own.at(-1)!.seq);
    return {
      incident,
      orders: parseAll<Order>(this.statements.ofIncident.all('order', id)),
      notes: parseAll<IncidentNote>(this.statements.ofIncident.all('note', id)),
      timeline: [...own, ...switches].sort((a, b) => a.seq - b.seq),
    };
  }

  /** Incidents by id, or all of them when `ids` is null. */
  incidentDocs(ids: readonly string[]): Incident[] {
    const docs = this.statements.someIncidents.all(JSON.stringify(ids)) as string[];
    return docs.map((doc) => this.incidentOf(doc));
  }

  private incidentOf(doc: string): Incident {
    return this.personal.openDoc('incident', JSON.parse(doc)) as Incident;
  }

  slaConfigs(): { jurisdictionCode: string; config: SlaConfig }[] {
    return (this.statements.slaConfigs.all() as Row[]).map((row) => ({
      jurisdictionCode: String(row.id),
      config: JSON.parse(String(row.doc)) as SlaConfig,
    }));
  }

  subsidyRates(): ConfiguredSubsidyRates[] {
    return (this.statements.subsidyRates.all() as Row[]).map((row) => ({
      jurisdictionCode: String(row.id),
      rates: JSON.parse(String(row.doc)) as ConfiguredSubsidyRates['rates'],
    }));
  }

  /** The events the subsidies of the month from `from` to `until` need, in log order, in every scope. */
  subsidyEvents(from: number, until: number): HubEvent[] {
    const rows = this.statements.subsidyEvents.all({
      from: new Date(from).toISOString(),
      until: new Date(until).toISOString(),
    }) as Row[];
    return rows.map(eventOfRow);
  }

  memberUnits(): MemberUnit[] {
    return (this.statements.memberUnits.all() as string[]).map((doc) => JSON.parse(doc) as MemberUnit);
  }

  ordersIssuedSince(scope: string, since: string): Order[] {
    return (this.statements.ordersIssuedSince.all(`${scope}%`, since) as string[]).map(
      (doc) => JSON.parse(doc) as Order,
    );
  }

  /** A saved bulletin by its id, if there is one. */
  bulletin(id: string): SavedBulletin | null {
    const doc = this.statements.entity.get('bulletin', id) as string | undefined;
    return doc ? (JSON.parse(doc) as SavedBulletin) : null;
  }

  /** The handovers recorded in `scope`, oldest first. */
  handovers(scope: string): Handover[] {
    return (this.statements.handovers.all(`${scope}%`) as string[]).map((doc) => JSON.parse(doc) as Handover);
  }

  /** The events a map replay from `from` to `until` needs: where everything stood, then every change. */
  replayEvents(from: number, until: number): HubEvent[] {
    return this.windowEvents(from, until, {
      types: REPLAY_TYPES,
      decisions: [...DECISION_TYPES, 'forces.registered'],
      located: [...INCIDENT_SNAPSHOT_TYPES, 'force.moved', 'monitoring.status-changed'],
    });
  }

  /** What a map replay reads that reached the cache after `seq`, up to `until`: the log as it grows. */
  replayEventsAfter(seq: number, until: number): HubEvent[] {
    const rows = this.statements.eventsAfter.all({
      after: seq,
      until: new Date(until).toISOString(),
      types: JSON.stringify(REPLAY_TYPES),
    }) as Row[];
    return rows.map(eventOfRow);
  }

  /** The events a briefing reading the log event by event from `from` to `until` needs, in log order, in every scope. */
  /** The instant of the earliest event the cache holds (null for none): of the time before it, it knows nothing. */
  logStart(): number | null {
    const at = this.statements.logStart.get() as string | null;
    return at === null ? null : Date.parse(at);
  }

  briefingEvents(from: number, until: number): HubEvent[] {
    return this.windowEvents(from, until, {
      types: BRIEFING_EVENT_TYPES,
      decisions: DECISION_TYPES,
      located: INCIDENT_SNAPSHOT_TYPES,
    });
  }

  private windowEvents(
    from: number,
    until: number,
    types: { types: readonly string[]; decisions: readonly string[]; located: readonly string[] },
  ): HubEvent[] {
    const rows = this.statements.windowEvents.all({
      from: new Date(from).toISOString(),
      until: new Date(until).toISOString(),
      types: JSON.stringify(types.types),
      decisions: JSON.stringify(types.decisions),
      located: JSON.stringify(types.located),
    }) as Row[];
    return rows.map(eventOfRow);
  }

  forces(scope: string): Force[] {
    return (this.statements.forcesInScope.all(`${scope}%`) as string[]).map(
      (doc) => JSON.parse(doc) as Force,
    );
  }

  /**
   * Every located entity of a kind in `scope`, or just `ids`, as map features. The map draws incidents only while
   * they are open, so the whole set of incidents is the open ones, found through the incident index: a year of
   * closed cases costs the wall nothing. Asked for by id (after a change), a closed incident is returned too, so
   * the map learns that it closed.
   */
  mapFeatures(
    kind: LocatedKind,
    scope: string,
    ids?: readonly string[],
    page?: MapFeaturePage,
  ): MapFeatureColumns {
    const names = Object.keys(MAP_PROPERTIES[kind]);
    const [select, sql, params] =
      kind === 'monitoring-point'
        ? pointFeatureQuery(scope, ids, page)
        : documentFeatureQuery(kind, scope, ids, page);
    const rows = this.db
      .prepare(`SELECT ${select} ${sql}`)
      .raw()
      .all(...params) as unknown[][];
    const columns: MapFeatureColumns = {
      ids: new Array<string>(rows.length),
      coordinates: new Array<number>(rows.length * 2),
      properties: Object.fromEntries(names.map((name) => [name, new Array(rows.length)])),
      missing: [],
    };
    rows.forEach((row, i) => {
      columns.ids[i] = String(row[0]);
      columns.coordinates[2 * i] = Number(row[1]);
      columns.coordinates[2 * i + 1] = Number(row[2]);
      names.forEach((name, n) => (columns.properties[name]![i] = row[3 + n] as string | number | null));
    });
    if (ids) {
      const found = new Set(columns.ids);
      columns.missing = ids.filter((id) => !found.has(id));
    }
    if (page)
      columns.next = rows.length < page.limit ? null : Number(rows[rows.length - 1]![3 + names.length]);
    return columns;
  }

  /** The open incidents of `scope` clustered by the map cells of a view, and how many the scope holds in all. */
  incidentCells(
    scope: string,
    zoom: number,
    bbox: readonly number[],
  ): { total: number; cells: IncidentCell[] } {
    return {
      total: this.statements.cells.total(scope),
      cells: this.statements.cells.cells(scope, zoom, bbox),
    };
  }

  modes(): ModeState[] {
    return (this.statements.modes.all() as string[]).map((doc) => JSON.parse(doc) as ModeState);
  }

  inBox(
    kind: LocatedKind,
    [minLng, minLat, maxLng, maxLat]: readonly number[],
    limit: number,
  ): LocatedEntity[] {
    return (this.statements.inBox.all(minLng, maxLng, minLat, maxLat, kind, limit) as Row[]).map((row) => {
      const doc = JSON.parse(String(row.doc)) as unknown;
      return { kind: row.kind as LocatedKind, id: String(row.id), location: entityLocation(kind, doc)!, doc };
    });
  }

  /**
   * The `limit` nearest, found by widening a box around the point until it holds enough candidates, then
   * searching a box twice as wide: something just outside the first box's corner may be nearer than
   * something inside it.
   */
  nearest(kind: Extract<LocatedKind, 'monitoring-point' | 'force'>, at: [number, number], limit: number) {
    const box = (half: number) =>
      this.inBox(kind, [at[0] - half, at[1] - half, at[0] + half, at[1] + half], 50_000);
    let half = 0.005;
    while (half < 8 && box(half).length < limit) half *= 2;
    const candidates = box(half * 2);
    return candidates
      .map((entity) => ({ ...entity, distanceMeters: Math.round(haversineMeters(at, entity.location)) }))
      .sort((a, b) => a.distanceMeters - b.distanceMeters)
      .slice(0, limit);
  }
}

function eventOfRow(row: Row): HubEvent {
  return {
    seq: Number(row.seq),
    id: String(row.id),
    type: String(row.type),
    jurisdiction: String(row.jurisdiction),
    at: String(row.at),
    payload: JSON.parse(String(row.payload)) as unknown,
  } as HubEvent;
}
