import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { StoreDialect } from './dialect';
import type { HubSchema } from './schema';

/**
 * Every hub process appends under this advisory lock, so `seq` values commit in the order they were
 * assigned and a reader never sees seq N+1 before N. (A plain sequence would let two processes commit out
 * of order, and a client could skip an event for good.) Commands take it too, so each is decided against
 * what the one before it wrote.
 */
const WRITERS_LOCK_KEY = 7300;
const MIGRATION_LOCK_KEY = 7301;

// BIGINT columns (and counts) come back as strings by default; seqs stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

async function advisoryLock(trx: Transaction<HubSchema>, key: number): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${key})`.execute(trx);
}

/** PostgreSQL: a pool of connections shared by reads and writes, several hub processes on one database. */
export function openPostgresDialect(connectionString: string): StoreDialect {
  const pool = new pg.Pool({ connectionString, max: 8 });
  // An idle connection that the server drops (a restart, an administrator) is discarded by the pool and
  // the next query opens a fresh one; without a listener the error would end the whole hub.
  pool.on('error', () => undefined);
  const db = new Kysely<HubSchema>({ dialect: new PostgresDialect({ pool }) });
  return {
    name: 'postgres',
    writer: db,
    reader: db,
    ddl: {
      bigint: 'bigint',
      boolean: { type: 'boolean', no: sql`FALSE` },
      json: 'jsonb',
      serial: { type: 'bigserial', autoIncrement: false },
      prefixIndexed: (column) => sql`${sql.ref(column)} text_pattern_ops`,
    },
    lockWriters: (trx) => advisoryLock(trx, WRITERS_LOCK_KEY),
    lockMigrations: (trx) => advisoryLock(trx, MIGRATION_LOCK_KEY),
    async readVersion(trx) {
      await sql`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`.execute(trx);
      const { rows } = await sql<{ version: number }>`SELECT version FROM schema_version`.execute(trx);
      if (rows.length > 0) return Number(rows[0]!.version);
      await sql`INSERT INTO schema_version (version) VALUES (0)`.execute(trx);
      return 0;
    },
    async writeVersion(trx, version) {
      await sql`UPDATE schema_version SET version = ${version}`.execute(trx);
    },
    readJson: (value) => value,
    close: () => db.destroy(),
  };
}
