import type Database from 'better-sqlite3';
import { KPI_EVENT_TYPES, arrivalOf, toMillis, type HubEvent, type Incident } from '../../../domain';
import type { CacheProjection, ProjectionWriter } from './projection';

/**
 * What the seed's figures (`src/domain/kpi.ts`) keep of the log, as tables: one record per incident (its
 * jurisdiction, kind and source as first seen, when it was reported, first resolved and closed, and how) and one
 * row per follow-up call. The figures of a stretch are then sums over the records reported or closed in it,
 * through an index on each time, rather than a fold of the whole log each time the cache is opened.
 */
const KPI_RECORDS_SCHEMA = `
  DROP TABLE IF EXISTS kpi_record;
  DROP TABLE IF EXISTS kpi_call;
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
  -- Covering: a stretch's sums read the index alone, never the records behind it.
  CREATE INDEX kpi_record_created
    ON kpi_record (created_ms, jurisdiction, kind, source, first_resolved_ms, closed_ms, closure);
  CREATE INDEX kpi_record_closed ON kpi_record (closed_ms, jurisdiction, closure, created_ms)
    WHERE closed_ms IS NOT NULL;
  CREATE TABLE kpi_call (
    seq INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    jurisdiction TEXT NOT NULL,
    satisfied INTEGER NOT NULL
  );
  CREATE INDEX kpi_call_at ON kpi_call (at_ms, jurisdiction, satisfied);
`;

/** Folds one event in as `KpiLedger.add` does: the record as first seen, the earliest resolution, the last close. */
function openWriter(db: Database.Database): ProjectionWriter {
  const seen = db.prepare(
    `INSERT INTO kpi_record (id, jurisdiction, kind, source, created_ms) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  );
  const reported = db.prepare('UPDATE kpi_record SET created_ms = ? WHERE id = ?');
  const resolved = db.prepare(
    'UPDATE kpi_record SET first_resolved_ms = MIN(COALESCE(first_resolved_ms, @at), @at) WHERE id = @id',
  );
  const closed = db.prepare('UPDATE kpi_record SET closed_ms = ?, closure = ? WHERE id = ?');
  const called = db.prepare('INSERT INTO kpi_call (seq, at_ms, jurisdiction, satisfied) VALUES (?, ?, ?, ?)');
  return {
    event(event: HubEvent) {
      const incident = (event.payload as { incident: Incident }).incident;
      const at = toMillis(event.at);
      seen.run(
        incident.id,
        incident.jurisdictionCode,
        incident.kind,
        incident.source,
        toMillis(incident.createdAt),
      );
      const arrival = arrivalOf(event);
      if (arrival) reported.run(toMillis(arrival.createdAt), incident.id);
      else if (event.type === 'incident.resolved') resolved.run({ at, id: incident.id });
      else if (event.type === 'incident.closed') closed.run(at, event.payload.closure, incident.id);
      else if (event.type === 'incident.followed-up')
        called.run(
          event.seq,
          at,
          incident.jurisdictionCode,
          event.payload.satisfaction === 'dissatisfied' ? 0 : 1,
        );
    },
  };
}

export const kpiRecords: CacheProjection = {
  name: 'kpi-records',
  version: 2,
  kinds: [],
  eventTypes: KPI_EVENT_TYPES,
  reset: (db) => db.exec(KPI_RECORDS_SCHEMA),
  open: openWriter,
};
