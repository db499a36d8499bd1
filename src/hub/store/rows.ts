import { INHERITED_EVENT_TYPES, INHERITED_KINDS } from '../../domain';
import type { AccountRecord, ApiKeyRecord, EntityRecord, StoredEvent } from './types';

export type Row = Record<string, unknown>;

/** SQLite hands JSON columns back as text, PostgreSQL (jsonb) as values: each store says which. */
export type JsonColumn = (value: unknown) => unknown;
export const parsedText: JsonColumn = (value) => JSON.parse(String(value));
export const alreadyParsed: JsonColumn = (value) => value;

export function toEvent(row: Row, json: JsonColumn): StoredEvent {
  return {
    seq: Number(row.seq),
    id: String(row.id),
    type: String(row.type),
    jurisdiction: String(row.jurisdiction),
    at: String(row.at),
    subject: row.subject === null ? null : String(row.subject),
    payload: json(row.payload),
  };
}

export function toEntity(row: Row, json: JsonColumn): EntityRecord {
  return {
    kind: String(row.kind),
    id: String(row.id),
    jurisdiction: String(row.jurisdiction),
    version: Number(row.version),
    doc: json(row.doc),
  };
}

export function toApiKey(row: Row): ApiKeyRecord {
  return {
    id: String(row.id),
    source: String(row.source),
    jurisdiction: String(row.jurisdiction),
    keyHash: String(row.key_hash),
    createdAt: String(row.created_at),
    displayName: String(row.display_name ?? ''),
  };
}

export function toAccount(row: Row): AccountRecord {
  return {
    id: String(row.id),
    name: String(row.name),
    passwordHash: String(row.password_hash),
    role: String(row.role),
    jurisdiction: String(row.jurisdiction),
    createdAt: String(row.created_at),
    displayName: String(row.display_name ?? ''),
    post: String(row.post ?? ''),
  };
}

/** `LIKE 'code%'` with the code's own wildcard characters escaped (codes are digits, but be strict). */
export function scopePattern(scope: string): string {
  return `${scope.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `('a', 'b')` for an IN clause. Only the domain's own names of types and kinds go in, never a client's input. */
function sqlList(values: readonly string[]): string {
  return `(${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ')})`;
}

/**
 * What a jurisdiction decides for those below it (its mode, SLA tables, subsidy rates): a scope's events and
 * entities include these from the jurisdictions above it. Derived from the domain, so a new one reaches both stores.
 */
export const INHERITED_EVENT_TYPES_SQL = sqlList(INHERITED_EVENT_TYPES);
export const INHERITED_KINDS_SQL = sqlList(INHERITED_KINDS);
