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
import {
  INCIDENT_TALLIES_SCHEMA,
  openTallyWriter,
  talliedFactsOf,
  type TalliedFacts,
} from './incident-tallies';
import type { CacheProjection, ProjectionContext, ProjectionWriter } from './projection';

/**
 * One row per incident, in columns a query can index: what the queue filters and orders by, and what the
 * figures count. `rowid` is the incident's row in `entities`, so a window of rows fetches its documents by
 * primary key. `due_at` is the deadline of the incident's current stage under the mode and SLA tables in force
 * where it happened (null once closed): the rules are held in the cache, so it is kept current when they
 * change, and whether an incident is overdue is then `due_at < now`, an index range.
 */
export const INCIDENT_INDEX_SCHEMA = `
  DROP TABLE IF EXISTS incident_text;
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
    -- due_at, or '~' (after every instant) when there is none: the deadline order as one indexable column.
    due_key TEXT NOT NULL,
    escalation_level INTEGER NOT NULL,
    -- The centre supervising it once escalated; null before the first escalation.
    supervised_by TEXT,
    -- What the tallies counted it as, so a change moves it out of what it was.
    verdict TEXT,
    dissatisfied_calls INTEGER NOT NULL,
    -- The reporter's phone as a keyed digest: found by the whole number, never kept in plain text.
    phone_digest TEXT
  );
  CREATE INDEX incident_index_jurisdiction ON incident_index (jurisdiction, stage);
  CREATE INDEX incident_index_due ON incident_index (due_key, id);
  CREATE INDEX incident_index_updated ON incident_index (updated_at DESC, id);
  CREATE INDEX incident_index_created ON incident_index (created_at DESC, id);
  CREATE INDEX incident_index_risk ON incident_index (risk_rank, created_at, id);
  CREATE INDEX incident_index_supervised ON incident_index (supervised_by) WHERE supervised_by IS NOT NULL;
  CREATE INDEX incident_index_phone ON incident_index (phone_digest) WHERE phone_digest IS NOT NULL;
  CREATE TABLE incident_units (
    unit_id TEXT NOT NULL,
    incident_rowid INTEGER NOT NULL,
    PRIMARY KEY (unit_id, incident_rowid)
  ) WITHOUT ROWID;
  CREATE INDEX incident_units_incident ON incident_units (incident_rowid);
  -- The words a search looks in (id, title, description, address, reporter's name), by trigram: any part of
  -- three characters or more is found through the index. rowid is the incident's.
  CREATE VIRTUAL TABLE incident_text USING fts5(text, tokenize = 'trigram');
  ${INCIDENT_TALLIES_SCHEMA}
`;

/** The text an incident is found by; the phone is matched by its digest instead. */
export function searchTextOf(incident: Incident): string {
  return [incident.id, incident.title, incident.description, incident.address, incident.reporter?.name ?? '']
    .join('\n')
    .toLowerCase();
}

/** Sorts after every ISO instant: an incident with no deadline comes last in the deadline order. */
export const NO_DEADLINE = '~';

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

/** The row of one incident, as the upsert binds it. */
function columnsOf(incident: Incident, rowid: number, dueAtNow: string | null, phoneDigest: string | null) {
  const escalationLevel = incident.escalations?.length ?? 0;
  const facts = talliedFactsOf(incident, dueAtNow);
  return {
    rowid,
    id: incident.id,
    jurisdiction: incident.jurisdictionCode,
    kind: incident.kind,
    category: incident.category,
    source: incident.source,
    stage: incident.stage,
    risk: facts.risk,
    riskRank: incident.riskLevel === null ? -1 : riskRank(incident.riskLevel),
    createdAt: incident.createdAt,
    updatedAt: incident.updatedAt,
    dueAt: dueAtNow,
    dueKey: dueAtNow ?? NO_DEADLINE,
    escalationLevel,
    supervisedBy: escalationLevel > 0 ? supervisingCentre(incident) : null,
    verdict: facts.verdict,
    dissatisfiedCalls: facts.dissatisfiedCalls,
    phoneDigest,
  };
}

/** The units an incident is assigned to, kept as an exact copy of its list. */
function unitsWriter(db: Database.Database) {
  const unitsOf = db.prepare('SELECT unit_id FROM incident_units WHERE incident_rowid = ?').pluck();
  const addUnit = db.prepare('INSERT OR IGNORE INTO incident_units (unit_id, incident_rowid) VALUES (?, ?)');
  const removeUnit = db.prepare('DELETE FROM incident_units WHERE unit_id = ? AND incident_rowid = ?');
  return (incident: Incident, rowid: number) => {
    const known = unitsOf.all(rowid) as string[];
    for (const unitId of known) if (!incident.assignedUnitIds.includes(unitId)) removeUnit.run(unitId, rowid);
    for (const unitId of incident.assignedUnitIds) if (!known.includes(unitId)) addUnit.run(unitId, rowid);
  };
}

/** The search text of an incident, written again only when it changed. */
function textWriter(db: Database.Database) {
  const current = db.prepare('SELECT text FROM incident_text WHERE rowid = ?').pluck();
  const remove = db.prepare('DELETE FROM incident_text WHERE rowid = ?');
  const insert = db.prepare('INSERT INTO incident_text (rowid, text) VALUES (?, ?)');
  return (incident: Incident, rowid: number) => {
    const text = searchTextOf(incident);
    const known = current.get(rowid) as string | undefined;
    if (known === text) return;
    if (known !== undefined) remove.run(rowid);
    insert.run(rowid, text);
  };
}

function openWriter(db: Database.Database, { personal }: ProjectionContext): ProjectionWriter {
  const upsert = db.prepare(
    `INSERT INTO incident_index (rowid, id, jurisdiction, kind, category, source, stage, risk, risk_rank,
       created_at, updated_at, due_at, due_key, escalation_level, supervised_by, verdict, dissatisfied_calls,
       phone_digest)
     VALUES (@rowid, @id, @jurisdiction, @kind, @category, @source, @stage, @risk, @riskRank,
       @createdAt, @updatedAt, @dueAt, @dueKey, @escalationLevel, @supervisedBy, @verdict, @dissatisfiedCalls,
       @phoneDigest)
     ON CONFLICT (rowid) DO UPDATE SET jurisdiction = excluded.jurisdiction, kind = excluded.kind,
       category = excluded.category, source = excluded.source, stage = excluded.stage, risk = excluded.risk,
       risk_rank = excluded.risk_rank, created_at = excluded.created_at, updated_at = excluded.updated_at,
       due_at = excluded.due_at, due_key = excluded.due_key, escalation_level = excluded.escalation_level,
       supervised_by = excluded.supervised_by, verdict = excluded.verdict,
       dissatisfied_calls = excluded.dissatisfied_calls, phone_digest = excluded.phone_digest`,
  );
  const before = db.prepare(
    `SELECT jurisdiction, stage, risk, verdict, dissatisfied_calls AS dissatisfiedCalls,
       created_at AS createdAt, due_at AS dueAt
     FROM incident_index WHERE rowid = ?`,
  );
  const openIncidents = db
    .prepare(
      `SELECT i.rowid, e.doc FROM incident_index i JOIN entities e ON e.rowid = i.rowid
       WHERE i.stage <> 'closed'`,
    )
    .raw();
  const setDue = db.prepare('UPDATE incident_index SET due_at = ?, due_key = ? WHERE rowid = ?');
  const tallies = openTallyWriter(db);
  const writeUnits = unitsWriter(db);
  const writeText = textWriter(db);
  let rules: Rules | null = null;

  return {
    write(entity, rowid) {
      if (entity.kind !== 'incident') {
        rules = null; // a mode or an SLA table: read again when next needed
        return;
      }
      const incident = entity.doc as Incident;
      rules ??= readRules(db);
      const phone = incident.reporter?.phone;
      const was = before.get(rowid) as TalliedFacts | undefined;
      const due = dueAt(incident, rules);
      upsert.run(columnsOf(incident, rowid, due, phone ? personal.lookupDigest(phone) : null));
      tallies.move(was, talliedFactsOf(incident, due));
      writeUnits(incident, rowid);
      writeText(incident, rowid);
    },
    afterBatch(writtenKinds) {
      if (!writtenKinds.has('mode') && !writtenKinds.has('sla')) return;
      rules = readRules(db);
      for (const [rowid, doc] of openIncidents.all() as [number, string][]) {
        const due = dueAt(JSON.parse(doc) as Incident, rules);
        const was = before.get(rowid) as TalliedFacts;
        if (was.dueAt === due) continue;
        setDue.run(due, due ?? NO_DEADLINE, rowid);
        tallies.move(was, { ...was, dueAt: due });
      }
    },
  };
}

export const incidentIndex: CacheProjection = {
  name: 'incident-index',
  version: 3,
  kinds: ['incident', 'mode', 'sla'],
  reset: (db) => db.exec(INCIDENT_INDEX_SCHEMA),
  open: openWriter,
};
