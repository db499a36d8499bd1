import type Database from 'better-sqlite3';
import {
  HOUR_MS,
  KPI_EVENT_TYPES,
  SENSED_SOURCES,
  followUpCallOf,
  kpiRecordAfter,
  type KpiIncidentRecord,
  type HubEvent,
  type Incident,
} from '../../../domain';
import { scopesOf } from './incident-tallies';
import type { CacheProjection, ProjectionWriter } from './projection';

/**
 * What the seed's figures (`src/domain/kpi.ts`) keep of the log, as tables: one record per incident (its
 * jurisdiction, kind and source as first seen, when it was reported, first resolved and closed, and how), one
 * row per follow-up call, and per jurisdiction at every level and per hour, the sums a stretch of whole hours
 * needs: of the incidents reported in the hour, of those closed in it, of the calls made in it. A stretch is
 * then its whole hours from the tallies and its two part hours from the records (see `src/core/cache/kpis.ts`);
 * nothing is folded when the cache opens.
 */
const KPI_RECORDS_SCHEMA = `
  DROP TABLE IF EXISTS kpi_record;
  DROP TABLE IF EXISTS kpi_call;
  DROP TABLE IF EXISTS kpi_reported_tally;
  DROP TABLE IF EXISTS kpi_closed_tally;
  DROP TABLE IF EXISTS kpi_call_tally;
  CREATE TABLE kpi_record (
    id TEXT PRIMARY KEY,
    jurisdiction TEXT NOT NULL,
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    first_resolved_ms INTEGER,
    closed_ms INTEGER,
    closure TEXT
  ) WITHOUT ROWID;
  -- Covering: a part hour's sums read the index alone, never the records behind it.
  CREATE INDEX kpi_record_created
    ON kpi_record (created_ms, jurisdiction, kind, source, first_resolved_ms, closed_ms, closure);
  CREATE INDEX kpi_record_closed ON kpi_record (closed_ms, jurisdiction, closure, created_ms, first_resolved_ms)
    WHERE closed_ms IS NOT NULL;
  CREATE INDEX kpi_record_resolved ON kpi_record (first_resolved_ms, jurisdiction, created_ms, closure, closed_ms)
    WHERE first_resolved_ms IS NOT NULL;
  CREATE TABLE kpi_call (
    seq INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    jurisdiction TEXT NOT NULL,
    satisfied INTEGER NOT NULL
  );
  CREATE INDEX kpi_call_at ON kpi_call (at_ms, jurisdiction, satisfied);
  -- Of the incidents reported in the hour: how many, disputes, disputes found by sensing, dismissed (ever), and
  -- resolved (ever) and not dismissed.
  CREATE TABLE kpi_reported_tally (
    scope TEXT NOT NULL,
    hour INTEGER NOT NULL,
    reported INTEGER NOT NULL,
    disputes INTEGER NOT NULL,
    sensed INTEGER NOT NULL,
    dismissed INTEGER NOT NULL,
    resolved_kept INTEGER NOT NULL,
    PRIMARY KEY (scope, hour)
  ) WITHOUT ROWID;
  -- Closed in the hour and not dismissed, with the sum of their handling times.
  CREATE TABLE kpi_closed_tally (
    scope TEXT NOT NULL,
    hour INTEGER NOT NULL,
    closed INTEGER NOT NULL,
    handling_ms INTEGER NOT NULL,
    PRIMARY KEY (scope, hour)
  ) WITHOUT ROWID;
  CREATE TABLE kpi_call_tally (
    scope TEXT NOT NULL,
    hour INTEGER NOT NULL,
    calls INTEGER NOT NULL,
    satisfied INTEGER NOT NULL,
    PRIMARY KEY (scope, hour)
  ) WITHOUT ROWID;
`;

export const hourStart = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;

/** Adds (sign 1) or takes away (sign -1) what one record counts for in the hourly tallies. */
function tallyWriter(db: Database.Database) {
  const reported = db.prepare(
    `INSERT INTO kpi_reported_tally (scope, hour, reported, disputes, sensed, dismissed, resolved_kept)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (scope, hour) DO UPDATE SET reported = reported + excluded.reported,
       disputes = disputes + excluded.disputes, sensed = sensed + excluded.sensed,
       dismissed = dismissed + excluded.dismissed, resolved_kept = resolved_kept + excluded.resolved_kept`,
  );
  const closed = db.prepare(
    `INSERT INTO kpi_closed_tally (scope, hour, closed, handling_ms) VALUES (?, ?, ?, ?)
     ON CONFLICT (scope, hour) DO UPDATE SET closed = closed + excluded.closed,
       handling_ms = handling_ms + excluded.handling_ms`,
  );
  return (record: KpiIncidentRecord, sign: 1 | -1) => {
    const dispute = record.kind === 'dispute';
    const sensed = dispute && (SENSED_SOURCES as readonly string[]).includes(record.source);
    const dismissed = record.closure === 'dismissed' && record.closedMs !== null;
    const resolvedKept = record.firstResolvedMs !== null && !dismissed;
    const handled = record.closedMs !== null && record.closure !== 'dismissed';
    for (const scope of scopesOf(record.jurisdiction)) {
      reported.run(
        scope,
        hourStart(record.createdMs),
        sign,
        sign * +dispute,
        sign * +sensed,
        sign * +dismissed,
        sign * +resolvedKept,
      );
      if (handled)
        closed.run(scope, hourStart(record.closedMs!), sign, sign * (record.closedMs! - record.createdMs));
    }
  };
}

const sameRecord = (a: KpiIncidentRecord, b: KpiIncidentRecord) =>
  a.createdMs === b.createdMs &&
  a.firstResolvedMs === b.firstResolvedMs &&
  a.closedMs === b.closedMs &&
  a.closure === b.closure;

/** Folds one event in as `KpiLedger.add` does: the record as first seen, the earliest resolution, the last close. */
function openWriter(db: Database.Database): ProjectionWriter {
  const read = db.prepare(
    `SELECT jurisdiction, kind, source, created_ms AS createdMs, first_resolved_ms AS firstResolvedMs,
       closed_ms AS closedMs, closure FROM kpi_record WHERE id = ?`,
  );
  const write = db.prepare(
    `INSERT INTO kpi_record (id, jurisdiction, kind, source, created_ms, first_resolved_ms, closed_ms, closure)
     VALUES (@id, @jurisdiction, @kind, @source, @createdMs, @firstResolvedMs, @closedMs, @closure)
     ON CONFLICT (id) DO UPDATE SET created_ms = excluded.created_ms,
       first_resolved_ms = excluded.first_resolved_ms, closed_ms = excluded.closed_ms, closure = excluded.closure`,
  );
  const called = db.prepare('INSERT INTO kpi_call (seq, at_ms, jurisdiction, satisfied) VALUES (?, ?, ?, ?)');
  const callTally = db.prepare(
    `INSERT INTO kpi_call_tally (scope, hour, calls, satisfied) VALUES (?, ?, 1, ?)
     ON CONFLICT (scope, hour) DO UPDATE SET calls = calls + 1, satisfied = satisfied + excluded.satisfied`,
  );
  const tally = tallyWriter(db);
  return {
    event(event: HubEvent) {
      const { id } = (event.payload as { incident: Incident }).incident;
      const call = followUpCallOf(event);
      if (call) {
        called.run(event.seq, call.at, call.jurisdiction, +call.satisfied);
        for (const scope of scopesOf(call.jurisdiction))
          callTally.run(scope, hourStart(call.at), +call.satisfied);
      }
      const was = read.get(id) as KpiIncidentRecord | undefined;
      const record = kpiRecordAfter(was, event);
      if (was && sameRecord(was, record)) return;
      if (was) tally(was, -1);
      tally(record, 1);
      write.run({ id, ...record });
    },
  };
}

export const kpiRecords: CacheProjection = {
  name: 'kpi-records',
  version: 3,
  kinds: [],
  eventTypes: KPI_EVENT_TYPES,
  reset: (db) => db.exec(KPI_RECORDS_SCHEMA),
  open: openWriter,
};
