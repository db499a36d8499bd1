import type Database from 'better-sqlite3';
import {
  deadlineFor,
  modeInForce,
  riskRank,
  slaInForce,
  supervisingCentre,
  type Incident,
  type ModeState,
  type SlaConfig,
} from '../../../domain';
import type { CacheProjection, ProjectionWriter } from './projection';

/**
 * One row per incident, in columns a query can index: what the queue filters and orders by, and what the
 * figures count. `rowid` is the incident's row in `entities`, so a window of rows fetches its documents by
 * primary key. `due_at` is the deadline of the incident's current stage under the mode and SLA tables in force
 * where it happened (null once closed): the rules are held in the cache, so it is kept current when they
 * change, and whether an incident is overdue is then `due_at < now`, an index range.
 */
export const INCIDENT_INDEX_SCHEMA = `
  DROP TABLE IF EXISTS incident_units;
  DROP TABLE IF EXISTS incident_index;
  CREATE TABLE incident_index (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    jurisdiction TEXT NOT NULL,
    kind TEXT NOT NULL,
    category TEXT NOT NULL,
    source TEXT NOT NULL,
    stage TEXT NOT NULL,
    -- 'ungraded' when not yet assessed.
    risk TEXT NOT NULL,
    -- Ungraded -1, then the domain's rank (high first).
    risk_rank INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    due_at TEXT,
    escalation_level INTEGER NOT NULL,
    -- The centre supervising it once escalated; null before the first escalation.
    supervised_by TEXT
  );
  CREATE INDEX incident_index_jurisdiction ON incident_index (jurisdiction);
  CREATE INDEX incident_index_due ON incident_index (due_at) WHERE due_at IS NOT NULL;
  CREATE INDEX incident_index_updated ON incident_index (updated_at);
  CREATE INDEX incident_index_created ON incident_index (created_at);
  CREATE TABLE incident_units (
    unit_id TEXT NOT NULL,
    incident_rowid INTEGER NOT NULL,
    PRIMARY KEY (unit_id, incident_rowid)
  ) WITHOUT ROWID;
  CREATE INDEX incident_units_incident ON incident_units (incident_rowid);
`;

interface Rules {
  modes: ModeState[];
  slaConfigs: { jurisdictionCode: string; config: SlaConfig }[];
}

function readRules(db: Database.Database): Rules {
  const modes = db.prepare("SELECT doc FROM entities WHERE kind = 'mode'").pluck().all() as string[];
  const slas = db.prepare("SELECT id, doc FROM entities WHERE kind = 'sla'").all() as {
    id: string;
    doc: string;
  }[];
  return {
    modes: modes.map((doc) => JSON.parse(doc) as ModeState),
    slaConfigs: slas.map((row) => ({ jurisdictionCode: row.id, config: JSON.parse(row.doc) as SlaConfig })),
  };
}

/** The deadline of the incident's current stage under `rules`; null when closed. */
export function dueAt(incident: Incident, rules: Rules): string | null {
  const code = incident.jurisdictionCode;
  return deadlineFor(
    incident,
    incident.stage,
    modeInForce(rules.modes, code),
    slaInForce(rules.slaConfigs, code),
  );
}

function openWriter(db: Database.Database): ProjectionWriter {
  const upsert = db.prepare(
    `INSERT INTO incident_index (rowid, id, jurisdiction, kind, category, source, stage, risk, risk_rank,
       created_at, updated_at, due_at, escalation_level, supervised_by)
     VALUES (@rowid, @id, @jurisdiction, @kind, @category, @source, @stage, @risk, @riskRank,
       @createdAt, @updatedAt, @dueAt, @escalationLevel, @supervisedBy)
     ON CONFLICT (rowid) DO UPDATE SET jurisdiction = excluded.jurisdiction, kind = excluded.kind,
       category = excluded.category, source = excluded.source, stage = excluded.stage, risk = excluded.risk,
       risk_rank = excluded.risk_rank, created_at = excluded.created_at, updated_at = excluded.updated_at,
       due_at = excluded.due_at, escalation_level = excluded.escalation_level,
       supervised_by = excluded.supervised_by`,
  );
  const unitsOf = db.prepare('SELECT unit_id FROM incident_units WHERE incident_rowid = ?').pluck();
  const addUnit = db.prepare('INSERT OR IGNORE INTO incident_units (unit_id, incident_rowid) VALUES (?, ?)');
  const removeUnit = db.prepare('DELETE FROM incident_units WHERE unit_id = ? AND incident_rowid = ?');
  const openIncidents = db
    .prepare(
      `SELECT i.rowid, e.doc FROM incident_index i JOIN entities e ON e.rowid = i.rowid
       WHERE i.stage <> 'closed'`,
    )
    .raw();
  const setDue = db.prepare('UPDATE incident_index SET due_at = ? WHERE rowid = ?');
  let rules: Rules | null = null;

  return {
    write(entity, rowid) {
      if (entity.kind !== 'incident') {
        rules = null; // a mode or an SLA table: read again when next needed
        return;
      }
      const incident = entity.doc as Incident;
      rules ??= readRules(db);
      const escalationLevel = incident.escalations?.length ?? 0;
      upsert.run({
        rowid,
        id: incident.id,
        jurisdiction: incident.jurisdictionCode,
        kind: incident.kind,
        category: incident.category,
        source: incident.source,
        stage: incident.stage,
        risk: incident.riskLevel ?? 'ungraded',
        riskRank: incident.riskLevel === null ? -1 : riskRank(incident.riskLevel),
        createdAt: incident.createdAt,
        updatedAt: incident.updatedAt,
        dueAt: dueAt(incident, rules),
        escalationLevel,
        supervisedBy: escalationLevel > 0 ? supervisingCentre(incident) : null,
      });
      const known = unitsOf.all(rowid) as string[];
      for (const unitId of known)
        if (!incident.assignedUnitIds.includes(unitId)) removeUnit.run(unitId, rowid);
      for (const unitId of incident.assignedUnitIds) if (!known.includes(unitId)) addUnit.run(unitId, rowid);
    },
    afterBatch(writtenKinds) {
      if (!writtenKinds.has('mode') && !writtenKinds.has('sla')) return;
      rules = readRules(db);
      for (const [rowid, doc] of openIncidents.all() as [number, string][]) {
        setDue.run(dueAt(JSON.parse(doc) as Incident, rules), rowid);
      }
    },
  };
}

export const incidentIndex: CacheProjection = {
  name: 'incident-index',
  version: 1,
  kinds: ['incident', 'mode', 'sla'],
  reset: (db) => db.exec(INCIDENT_INDEX_SCHEMA),
  open: openWriter,
};
