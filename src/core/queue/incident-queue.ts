import type Database from 'better-sqlite3';
import { toMillis, type Incident } from '../../domain';
import type { PersonalDataCodec } from '../../gm';
import type { QueueFilter, QueueRow, QueueSort, QueueWindow, SlaState } from '../contract/queue';
import { tallyReader, type StageRiskCount, type TallyReader } from '../cache/projections/incident-tallies';
import { DUE_SOON_MS, isTalliedFilter, queueQuery, type Condition } from './queue-query';

export { DUE_SOON_MS } from './queue-query';

/** What a queue's answer depends on besides the cache: the clock, which moves incidents into overdue. */
export interface QueueRules {
  now: number;
}

/**
 * The incident queue behind the workspace, as SQL over the columns the cache indexes every incident by
 * (`incident_index`): filters are index lookups, each order walks its own index, and the counts on the stage
 * tabs come from the cache's tallies when the filter allows. Due times are kept in the index as the rules in
 * force change, so whether an incident is overdue is a comparison with the clock. A window reads the documents
 * of its own rows only, so a screen of 100 rows costs about the same over ten thousand incidents or a million.
 */
export class IncidentQueue {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly tallies: TallyReader;

  constructor(
    private readonly db: Database.Database,
    private readonly personal: PersonalDataCodec,
  ) {
    this.tallies = tallyReader(db);
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  get(id: string): Incident | undefined {
    const doc = this.statement("SELECT doc FROM entities WHERE kind = 'incident' AND id = ?")
      .pluck()
      .get(id) as string | undefined;
    return doc === undefined ? undefined : this.incidentOf(doc);
  }

  window(
    filter: QueueFilter,
    sort: QueueSort,
    offset: number,
    limit: number,
    rules: QueueRules,
  ): QueueWindow {
    const now = new Date(rules.now);
    const query = queueQuery(filter, sort, now.toISOString(), (text) => this.personal.lookupDigest(text));
    // One read transaction: the counts and the rows are of the same moment.
    return this.db.transaction(() => {
      const counts = isTalliedFilter(filter)
        ? this.talliedCounts(filter, now)
        : this.countedCounts(query.beside, query.matching, now);
      const total = filter.stages
        ? filter.stages.reduce((sum, stage) => sum + (counts.byStage[stage] ?? 0), 0)
        : Object.values(counts.byStage).reduce((sum, n) => sum + n, 0);
      const soon = new Date(rules.now + DUE_SOON_MS).toISOString();
      return {
        total,
        byStage: counts.byStage,
        overdue: counts.overdue,
        dueSoon: filter.overdueOnly
          ? 0
          : this.countDue(query.matching, 'due_key >= ? AND due_key <= ?', [now.toISOString(), soon]),
        offset,
        rows: this.rows(query.matching, query.orderBy, rules.now, limit, offset),
      };
    })();
  }

  /** The ids of every incident matching `filter`, without reading a document. */
  ids(filter: QueueFilter, rules: QueueRules): string[] {
    const query = queueQuery(filter, 'created', new Date(rules.now).toISOString(), (text) =>
      this.personal.lookupDigest(text),
    );
    return this.statement(`SELECT id FROM incident_index WHERE ${query.matching.sql}`)
      .pluck()
      .all(...query.matching.params) as string[];
  }

  /**
   * The incidents in `stages` whose current stage falls due in [from, to) (ms), walked in the due-time index:
   * what went overdue between two looks costs what went overdue. Only among `ids` when given.
   */
  dueWithin(stages: readonly string[], from: number, to: number, ids?: readonly string[]): QueueRow[] {
    const terms = [
      'due_key >= ? AND due_key < ?',
      `stage IN (SELECT value FROM json_each(?))`,
      ...(ids ? ['id IN (SELECT value FROM json_each(?))'] : []),
    ];
    const params = [
      new Date(from).toISOString(),
      new Date(to).toISOString(),
      JSON.stringify(stages),
      ...(ids ? [JSON.stringify(ids)] : []),
    ];
    return this.rows({ sql: terms.join(' AND '), params }, 'due_key, id', to, -1, 0);
  }

  /** Every matching row in order, for export. */
  all(filter: QueueFilter, sort: QueueSort, rules: QueueRules): QueueRow[] {
    const query = queueQuery(filter, sort, new Date(rules.now).toISOString(), (text) =>
      this.personal.lookupDigest(text),
    );
    return this.db.transaction(() => this.rows(query.matching, query.orderBy, rules.now, -1, 0))();
  }

  /**
   * Only scope, stage, risk and overdue filtered: the counts per stage and the overdue come from the tallies the
   * cache keeps per jurisdiction, a few rows whatever it holds.
   */
  private talliedCounts(
    filter: QueueFilter,
    now: Date,
  ): { byStage: Record<string, number>; overdue: number } {
    const scope = filter.scope ?? '';
    const graded = ({ risk }: StageRiskCount) => !filter.risks || (filter.risks as string[]).includes(risk);
    const overdueRows = this.tallies.overdue(scope, now).filter(graded);
    const counted = filter.overdueOnly ? overdueRows : this.tallies.byStageAndRisk(scope).filter(graded);
    const byStage: Record<string, number> = {};
    for (const { stage, n } of counted) byStage[stage] = (byStage[stage] ?? 0) + n;
    const chosen = ({ stage }: StageRiskCount) =>
      !filter.stages || (filter.stages as string[]).includes(stage);
    return {
      byStage: Object.fromEntries(Object.entries(byStage).filter(([, n]) => n > 0)),
      overdue: overdueRows.filter(chosen).reduce((sum, { n }) => sum + n, 0),
    };
  }

  /** Any other filter: counted over the matching rows, through whatever index the filter allows. */
  private countedCounts(beside: Condition, matching: Condition, now: Date) {
    const counted = this.statement(
      `SELECT stage, COUNT(*) FROM incident_index WHERE ${beside.sql} GROUP BY stage`,
    )
      .raw()
      .all(...beside.params) as [string, number][];
    return {
      byStage: Object.fromEntries(counted),
      overdue: this.countDue(matching, 'due_key < ?', [now.toISOString()]),
    };
  }

  /** Matching rows due within `range`: walked in the due-time index, so it costs as many rows as it counts. */
  private countDue(matching: Condition, range: string, bounds: string[]): number {
    return this.statement(
      `SELECT COUNT(*) FROM incident_index INDEXED BY incident_index_due WHERE ${range} AND ${matching.sql}`,
    )
      .pluck()
      .get(...bounds, ...matching.params) as number;
  }

  private rows(matching: Condition, orderBy: string, now: number, limit: number, offset: number): QueueRow[] {
    const found = this.statement(
      `SELECT rowid, due_at FROM incident_index WHERE ${matching.sql} ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
    )
      .raw()
      .all(...matching.params, limit, offset) as [number, string | null][];
    const docs = new Map(
      this.statement('SELECT rowid, doc FROM entities WHERE rowid IN (SELECT value FROM json_each(?))')
        .raw()
        .all(JSON.stringify(found.map(([rowid]) => rowid))) as [number, string][],
    );
    return found.map(([rowid, due]) => rowOf(this.incidentOf(docs.get(rowid)!), due, now));
  }

  private incidentOf(doc: string): Incident {
    return this.personal.openDoc('incident', JSON.parse(doc)) as Incident;
  }
}

function slaStateOf(deadline: string | null, now: number): SlaState {
  if (deadline === null) return 'none';
  const left = toMillis(deadline) - now;
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_MS ? 'due-soon' : 'on-time';
}

function rowOf(incident: Incident, deadline: string | null, now: number): QueueRow {
  return {
    id: incident.id,
    version: incident.version,
    title: incident.title,
    kind: incident.kind,
    category: incident.category,
    source: incident.source,
    stage: incident.stage,
    riskLevel: incident.riskLevel,
    jurisdictionCode: incident.jurisdictionCode,
    address: incident.address,
    location: incident.location,
    createdAt: incident.createdAt,
    updatedAt: incident.updatedAt,
    deadline,
    sla: slaStateOf(deadline, now),
    assignedUnitIds: incident.assignedUnitIds,
    acknowledgedCount: incident.acknowledgedUnitIds.length,
    escalationLevel: incident.escalations?.length ?? 0,
  };
}
