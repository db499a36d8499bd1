/** One entry per schema version of the desktop cache; entry N upgrades N to N + 1. Never edit a released entry. */
export const CACHE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    at TEXT NOT NULL,
    subject TEXT,
    payload TEXT NOT NULL
  );
  CREATE INDEX events_subject ON events (subject, seq) WHERE subject IS NOT NULL;
  CREATE INDEX events_at ON events (at);

  CREATE TABLE entities (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    version INTEGER NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (kind, id)
  );
  CREATE INDEX entities_jurisdiction ON entities (kind, jurisdiction);

  -- Spatial index over entities that sit somewhere (incidents, monitoring points, forces): viewport and
  -- nearest queries. Keyed by the entity's rowid, which an upsert keeps.
  CREATE VIRTUAL TABLE entity_locations USING rtree (entity_rowid, min_lng, max_lng, min_lat, max_lat);

  CREATE TABLE sync_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  -- Operator commands waiting for, or answered by, the hub, in the order they were given.
  CREATE TABLE outbox (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    command_id TEXT NOT NULL UNIQUE,
    command TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'refused')),
    reason TEXT,
    code TEXT,
    created_at TEXT NOT NULL,
    settled_at TEXT
  );
  `,
  `
  -- The wall counts ~150,000 monitoring points by status on every refresh of its figures. Without this index
  -- each count parses every point's document (about 300 ms, during which the core answers nothing else).
  -- Partial, so the far more frequent force and incident writes do not maintain it.
  CREATE INDEX entities_monitoring_status ON entities (json_extract(doc, '$.status'))
    WHERE kind = 'monitoring-point';
  `,
  `
  -- A refused command's message for the operator, as a code and parameters (JSON) the screen words.
  ALTER TABLE outbox ADD COLUMN words TEXT;
  `,
  `
  -- The points by status are kept by the monitoring-points projection now: this index only slowed their writes.
  DROP INDEX IF EXISTS entities_monitoring_status;
  `,
];
