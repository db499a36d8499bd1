/** One entry per schema version; entry N upgrades version N to N + 1. Never edit a released entry. */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE events (
    seq BIGINT PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    at TEXT NOT NULL,
    subject TEXT,
    payload JSONB NOT NULL
  );
  CREATE INDEX events_jurisdiction_seq ON events (jurisdiction text_pattern_ops, seq);
  CREATE INDEX events_subject ON events (subject) WHERE subject IS NOT NULL;
  CREATE TABLE entities (
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    version INTEGER NOT NULL,
    doc JSONB NOT NULL,
    PRIMARY KEY (kind, id)
  );
  CREATE INDEX entities_jurisdiction ON entities (jurisdiction text_pattern_ops);
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
    revoked BOOLEAN NOT NULL DEFAULT FALSE
  );
  CREATE TABLE command_outcomes (
    command_id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL,
    outcome JSONB NOT NULL
  );
  CREATE TABLE ingest_ids (
    source TEXT NOT NULL,
    external_id TEXT NOT NULL,
    PRIMARY KEY (source, external_id)
  );
  CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    outcome TEXT NOT NULL,
    detail JSONB NOT NULL
  );
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // 2: per-series counters, e.g. each centre's supervision notices of a year.
  `CREATE TABLE series (name TEXT PRIMARY KEY, last BIGINT NOT NULL);`,
  // 3: who is behind an account or a key, as screens name them.
  `
  -- The person behind an account and their post (值班员 李明), shown on screens instead of the login name.
  ALTER TABLE accounts ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
  ALTER TABLE accounts ADD COLUMN post TEXT NOT NULL DEFAULT '';
  -- What screens call the system behind an API key (网格通 App) instead of its source tag.
  ALTER TABLE api_keys ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
  `,
];
