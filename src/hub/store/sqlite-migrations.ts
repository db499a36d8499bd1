/** One entry per schema version; entry N upgrades version N to N + 1. Never edit a released entry. */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    at TEXT NOT NULL,
    subject TEXT,
    payload TEXT NOT NULL
  );
  CREATE INDEX events_jurisdiction_seq ON events (jurisdiction, seq);
  CREATE INDEX events_subject ON events (subject) WHERE subject IS NOT NULL;
  CREATE TABLE entities (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    version INTEGER NOT NULL,
    doc TEXT NOT NULL,
    PRIMARY KEY (kind, id)
  );
  CREATE INDEX entities_jurisdiction ON entities (jurisdiction);
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
  );
  CREATE TABLE command_outcomes (
    command_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    outcome TEXT NOT NULL
  );
  CREATE TABLE ingest_ids (
    source TEXT NOT NULL,
    external_id TEXT NOT NULL,
    PRIMARY KEY (source, external_id)
  );
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // 2: per-series counters, e.g. each centre's supervision notices of a year.
  `CREATE TABLE series (name TEXT PRIMARY KEY, last INTEGER NOT NULL);`,
  // 3: who is behind an account or a key, as screens name them.
  `
  -- The person behind an account and their post (值班员 李明), shown on screens instead of the login name.
  ALTER TABLE accounts ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
  ALTER TABLE accounts ADD COLUMN post TEXT NOT NULL DEFAULT '';
  -- What screens call the system behind an API key (网格通 App) instead of its source tag.
  ALTER TABLE api_keys ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
  `,
];
