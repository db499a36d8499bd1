import { sql, type QueryExecutorProvider, type SchemaModule } from 'kysely';
import type { DialectDdl, StoreDialect } from './dialect';

/**
 * One schema change, written once for both databases and only with the schema builder (a migration is
 * frozen in time: it never reads today's types); `ddl` spells what they spell differently. Entry N of
 * `MIGRATIONS` upgrades version N to N + 1. Never edit a released entry: add one.
 */
export interface Migration {
  readonly summary: string;
  /** `db` runs the few data changes a schema change brings (raw SQL, frozen like the rest). */
  up(schema: SchemaModule, ddl: DialectDdl, db: QueryExecutorProvider): Promise<void>;
}

async function createEventLog(schema: SchemaModule, ddl: DialectDdl): Promise<void> {
  await schema
    .createTable('events')
    .addColumn('seq', ddl.bigint, (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('payload', ddl.json, (c) => c.notNull())
    .execute();
  await schema
    .createIndex('events_jurisdiction_seq')
    .on('events')
    .expression(ddl.prefixIndexed('jurisdiction'))
    .column('seq')
    .execute();
  await schema
    .createIndex('events_subject')
    .on('events')
    .column('subject')
    .where(sql.ref('subject'), 'is not', null)
    .execute();
  await schema
    .createTable('entities')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('doc', ddl.json, (c) => c.notNull())
    .addPrimaryKeyConstraint('entities_pkey', ['kind', 'id'])
    .execute();
  await schema
    .createIndex('entities_jurisdiction')
    .on('entities')
    .expression(ddl.prefixIndexed('jurisdiction'))
    .execute();
}

async function createAccountsAndKeys(schema: SchemaModule, ddl: DialectDdl): Promise<void> {
  await schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked', ddl.boolean.type, (c) => c.notNull().defaultTo(ddl.boolean.no))
    .execute();
}

/** What the hub keeps besides the log: command outcomes, ingest ids, the audit log, settings. */
async function createRecords(schema: SchemaModule, ddl: DialectDdl): Promise<void> {
  await schema
    .createTable('command_outcomes')
    .addColumn('command_id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('outcome', ddl.json, (c) => c.notNull())
    .execute();
  await schema
    .createTable('ingest_ids')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ingest_ids_pkey', ['source', 'external_id'])
    .execute();
  const { type, autoIncrement } = ddl.serial;
  await schema
    .createTable('audit_log')
    .addColumn('id', type, (c) => (autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', ddl.json, (c) => c.notNull())
    .execute();
  await schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

/** What sign-in needs to keep (等保 2.0 level 3): lockout, revocation, password age and history, TOTP. */
async function addSignInSecurity(schema: SchemaModule, ddl: DialectDdl): Promise<void> {
  const columns: [string, 'integer' | 'bigint' | 'text', number | null][] = [
    // Carried in every token: bumping it revokes them all (password change, lock, role change, disable).
    ['token_epoch', 'integer', 0],
    // 0/1: a generated password (new account, reset) must be changed at the next sign-in.
    ['must_change_password', 'integer', 0],
    // 0/1: whether the password expires by the policy; not for the accounts programs sign in with (demo).
    ['password_expires', 'integer', 1],
    ['password_changed_at', 'text', null],
    ['disabled', 'integer', 0],
    // Failed sign-ins counted from the first of the current window, and the end of a lock.
    ['failed_logins', 'integer', 0],
    ['first_failure_at', 'text', null],
    ['locked_until', 'text', null],
    // The TOTP secret, SM4-sealed; one offered but not yet confirmed; the last time step used (no replay).
    ['totp_secret', 'text', null],
    ['totp_pending', 'text', null],
    ['totp_last_step', ddl.bigint, null],
  ];
  for (const [name, type, initial] of columns) {
    await schema
      .alterTable('accounts')
      .addColumn(name, type, (c) => (initial === null ? c : c.notNull().defaultTo(initial)))
      .execute();
  }
  const { type, autoIncrement } = ddl.serial;
  await schema
    .createTable('password_history')
    .addColumn('id', type, (c) => (autoIncrement ? c.primaryKey().autoIncrement() : c.primaryKey()))
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .execute();
  await schema.createIndex('password_history_account').on('password_history').column('account_id').execute();
}

export const MIGRATIONS: readonly Migration[] = [
  {
    summary: 'the event log, current state, accounts and keys, and the records beside them',
    async up(schema, ddl) {
      await createEventLog(schema, ddl);
      await createAccountsAndKeys(schema, ddl);
      await createRecords(schema, ddl);
    },
  },
  {
    summary: "per-series counters, e.g. each centre's supervision notices of a year",
    async up(schema, ddl) {
      await schema
        .createTable('series')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('last', ddl.bigint, (c) => c.notNull())
        .execute();
    },
  },
  {
    summary: 'who is behind an account or a key, as screens name them',
    async up(schema) {
      // The person behind an account and their post (值班员 李明), shown on screens instead of the login name.
      for (const column of ['display_name', 'post']) {
        await schema
          .alterTable('accounts')
          .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
          .execute();
      }
      // What screens call the system behind an API key (网格通 App) instead of its source tag.
      await schema
        .alterTable('api_keys')
        .addColumn('display_name', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
    },
  },
  {
    summary: 'the audit trail as a hash chain: each record numbered, filed under a jurisdiction and sealed',
    async up(schema, ddl) {
      // Null until sealed: the key lives outside the database, so records written before this version are
      // numbered and sealed by the first hub started with the key (see sealUnchainedAudit).
      await schema.alterTable('audit_log').addColumn('number', ddl.bigint).execute();
      for (const column of ['scope', 'prev_hash', 'hash']) {
        await schema.alterTable('audit_log').addColumn(column, 'text').execute();
      }
      await schema.createIndex('audit_log_number').on('audit_log').column('number').unique().execute();
      await schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
    },
  },
  {
    summary:
      'sign-in security: lockout, token revocation, password age and history, TOTP; admin becomes sysadmin',
    async up(schema, ddl, db) {
      await addSignInSecurity(schema, ddl);
      // The one administrator role was split in three (三员分立); its accounts keep accounts and configuration.
      await sql`UPDATE accounts SET role = 'sysadmin' WHERE role = 'admin'`.execute(db);
    },
  },
];

/**
 * Brings the database to version `target` (the latest unless a test asks for an earlier one), in one
 * transaction that other hubs starting at the same time wait for. A database from a newer hub is refused.
 */
export async function migrate(dialect: StoreDialect, target = MIGRATIONS.length): Promise<void> {
  await dialect.writer.transaction().execute(async (trx) => {
    await dialect.lockMigrations(trx);
    const current = await dialect.readVersion(trx);
    if (current > MIGRATIONS.length) {
      throw new Error(
        `the hub database is at schema version ${current}, newer than this hub (${MIGRATIONS.length}); upgrade the hub`,
      );
    }
    for (let version = current; version < target; version += 1) {
      await MIGRATIONS[version]!.up(trx.schema, dialect.ddl, trx);
      await dialect.writeVersion(trx, version + 1);
    }
  });
}
