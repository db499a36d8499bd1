import Database from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type TransactionSettings,
} from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StoreDialect } from './dialect';
import type { HubSchema } from './schema';

/** Enough for every distinct statement the hub runs, so none is prepared twice. */
const CACHED_STATEMENTS = 200;

/**
 * better-sqlite3 prepares a statement on every call, and the hub runs the same few statements over and over:
 * keep the recent ones prepared.
 */
function withStatementCache(db: Database.Database): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => db.close(),
    prepare(text) {
      const cached = cache.get(text);
      if (cached) return cached;
      const statement = db.prepare(text);
      cache.set(text, statement);
      if (cache.size > CACHED_STATEMENTS) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

/**
 * A writer begins `IMMEDIATE`: it takes the database's write lock before it reads, so what it reads stays
 * true until it commits, even against another process writing the same file. A read-only transaction
 * begins deferred and reads one snapshot.
 */
class HubSqliteDriver extends SqliteDriver {
  constructor(private readonly db: Database.Database) {
    super({ database: withStatementCache(db) });
  }

  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings) {
    const begin = settings?.accessMode === 'read only' ? 'BEGIN' : 'BEGIN IMMEDIATE';
    await connection.executeQuery(CompiledQuery.raw(begin));
  }

  /** SQLite has already rolled back after some errors (a full disk); rolling back again would hide the cause. */
  override async rollbackTransaction(connection: DatabaseConnection) {
    if (this.db.inTransaction) await super.rollbackTransaction(connection);
  }
}

class HubSqliteDialect extends SqliteDialect {
  constructor(private readonly db: Database.Database) {
    super({ database: db });
  }

  override createDriver(): Driver {
    return new HubSqliteDriver(this.db);
  }
}

function connect(file: string, options: Database.Options = {}): Kysely<HubSchema> {
  const db = new Database(file, options);
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('busy_timeout = 5000');
  return new Kysely<HubSchema>({ dialect: new HubSqliteDialect(db) });
}

/**
 * SQLite in WAL mode: one connection writes, its transactions one at a time (Kysely queues every use of a
 * SQLite connection), another reads, so the live stream and replays never see a transaction that has not
 * committed.
 */
export function openSqliteDialect(file: string): StoreDialect {
  const memory = file === ':memory:';
  if (!memory) mkdirSync(dirname(file), { recursive: true });
  const writer = connect(file);
  const reader = memory ? writer : connect(file, { readonly: true });
  return {
    name: 'sqlite',
    writer,
    reader,
    ddl: {
      bigint: 'integer',
      boolean: { type: 'integer', no: sql`0` },
      json: 'text',
      serial: { type: 'integer', autoIncrement: true },
      prefixIndexed: (column) => sql.ref(column),
    },
    async lockWriters() {},
    async lockMigrations() {},
    async readVersion(trx) {
      const { rows } = await sql<{ user_version: number }>`PRAGMA user_version`.execute(trx);
      return Number(rows[0]!.user_version);
    },
    async writeVersion(trx, version) {
      await sql.raw(`PRAGMA user_version = ${Math.trunc(version)}`).execute(trx);
    },
    readJson: (value) => JSON.parse(String(value)),
    async close() {
      // Waits for the transactions already queued on the writer, then closes both connections.
      await writer.connection().execute(async () => undefined);
      if (reader !== writer) await reader.destroy();
      await writer.destroy();
    },
  };
}
