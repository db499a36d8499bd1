import type { Expression, Transaction } from 'kysely';
import type { HubDb, HubSchema } from './schema';

/** Where SQLite and PostgreSQL spell the same schema differently. */
export interface DialectDdl {
  /** A 64-bit integer: SQLite's INTEGER (a primary key of that exact type is the rowid), BIGINT in PostgreSQL. */
  readonly bigint: 'integer' | 'bigint';
  /** A yes/no column and its no: SQLite has no boolean type and keeps 0. */
  readonly boolean: { readonly type: 'integer' | 'boolean'; readonly no: Expression<unknown> };
  readonly json: 'text' | 'jsonb';
  /** A key the database numbers itself: INTEGER … AUTOINCREMENT in SQLite (never reused), BIGSERIAL in PostgreSQL. */
  readonly serial: { readonly type: 'integer' | 'bigserial'; readonly autoIncrement: boolean };
  /**
   * A text column as an index entry that serves `LIKE 'prefix%'`: PostgreSQL needs `text_pattern_ops` for
   * that (unless the database's collation is C); SQLite's plain index serves it.
   */
  prefixIndexed(column: string): Expression<unknown>;
}

/**
 * What differs between the two databases, and nothing else: every query and migration is written once
 * against this.
 */
export interface StoreDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Runs writes: its transactions begin as writers (SQLite: `BEGIN IMMEDIATE` on the one writer connection). */
  readonly writer: HubDb;
  /**
   * Runs reads, which never wait for a writer nor see what it has not committed; a read-only transaction on
   * it reads one consistent state.
   */
  readonly reader: HubDb;
  readonly ddl: DialectDdl;
  /**
   * Waits until no other writer, in this process or another hub's, can commit before this transaction ends.
   * SQLite's single writer connection already ensures it; PostgreSQL takes an advisory lock.
   */
  lockWriters(trx: Transaction<HubSchema>): Promise<void>;
  /** The same, for migrations: two hubs starting at once upgrade the database once. */
  lockMigrations(trx: Transaction<HubSchema>): Promise<void>;
  /** The schema version recorded in the database (0 for a new one), in the place this dialect keeps it. */
  readVersion(trx: HubDb): Promise<number>;
  writeVersion(trx: HubDb, version: number): Promise<void>;
  /** A JSON column's value as read (SQLite hands back text, PostgreSQL's `jsonb` a value). */
  readJson(value: unknown): unknown;
  close(): Promise<void>;
}
