import type { ColumnType, Generated, Kysely } from 'kysely';

/**
 * A JSON column: written as JSON text; read back as text from SQLite and as a value from PostgreSQL's
 * `jsonb` (each dialect's `readJson` evens that out).
 */
type Json = ColumnType<unknown, string, string>;

/** The hub's tables as the migrations leave them (the latest version). */
export interface HubSchema {
  events: {
    seq: number;
    id: string;
    type: string;
    jurisdiction: string;
    at: string;
    subject: string | null;
    payload: Json;
  };
  entities: { kind: string; id: string; jurisdiction: string; version: number; doc: Json };
  accounts: {
    id: string;
    name: string;
    password_hash: string;
    role: string;
    jurisdiction: string;
    created_at: string;
    display_name: string;
    post: string;
    token_epoch: ColumnType<number, never, number>;
    must_change_password: ColumnType<number, never, number>;
    password_expires: ColumnType<number, never, number>;
    password_changed_at: ColumnType<string | null, never, string | null>;
    disabled: ColumnType<number, never, number>;
    failed_logins: ColumnType<number, never, number>;
    first_failure_at: ColumnType<string | null, never, string | null>;
    locked_until: ColumnType<string | null, never, string | null>;
    totp_secret: ColumnType<string | null, never, string | null>;
    totp_pending: ColumnType<string | null, never, string | null>;
    /** A bigint: PostgreSQL hands it back as text. */
    totp_last_step: ColumnType<number | string | null, never, number | null>;
  };
  password_history: { id: Generated<number>; account_id: string; password_hash: string; set_at: string };
  api_keys: {
    id: string;
    source: string;
    jurisdiction: string;
    key_hash: string;
    created_at: string;
    /** 0/1 in SQLite, a boolean in PostgreSQL; written only by its default. */
    revoked: ColumnType<number | boolean, never, number | boolean>;
    display_name: string;
  };
  command_outcomes: { command_id: string; account_id: string; outcome: Json };
  ingest_ids: { source: string; external_id: string };
  audit_log: {
    id: Generated<number>;
    at: string;
    actor: string;
    action: string;
    target: string | null;
    outcome: string;
    detail: Json;
    /** Its place in the chain, 1, 2, 3 … with no gaps; null only before the first keyed hub sealed it. */
    number: number | null;
    scope: string | null;
    prev_hash: string | null;
    /** HMAC-SM3 of the record and `prev_hash` (see audit/seal.ts). */
    hash: string | null;
  };
  settings: { key: string; value: string };
  series: { name: string; last: number };
}

/** The store itself or a transaction of it: queries run on either. */
export type HubDb = Kysely<HubSchema>;
