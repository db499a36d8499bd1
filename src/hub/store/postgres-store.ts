import pg from 'pg';
import { POSTGRES_MIGRATIONS } from './postgres-migrations';
import {
  INHERITED_EVENT_TYPES_SQL,
  INHERITED_KINDS_SQL,
  alreadyParsed,
  scopePattern,
  toAccount,
  toApiKey,
  toEntity,
  toEvent,
  type Row,
} from './rows';
import type { AuditEntry, HubStore, HubTransaction } from './types';

/**
 * Every hub process appends under this advisory lock, so `seq` values commit in the order they were
 * assigned and a reader never sees seq N+1 before N. (A plain sequence would let two processes commit out
 * of order, and a client could skip an event for good.)
 */
const APPEND_LOCK_KEY = 7300;
const MIGRATION_LOCK_KEY = 7301;

// BIGINT columns come back as strings by default; seqs stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const { rows } = await client.query('SELECT version FROM schema_version');
    let version = rows.length > 0 ? Number(rows[0].version) : 0;
    if (rows.length === 0) await client.query('INSERT INTO schema_version (version) VALUES (0)');
    if (version > POSTGRES_MIGRATIONS.length) {
      throw new Error(
        `the hub database is at schema version ${version}, newer than this hub (${POSTGRES_MIGRATIONS.length}); upgrade the hub`,
      );
    }
    for (; version < POSTGRES_MIGRATIONS.length; version += 1) {
      await client.query(POSTGRES_MIGRATIONS[version]!);
      await client.query('UPDATE schema_version SET version = $1', [version + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

export async function openPostgresStore(connectionString: string): Promise<HubStore> {
  const pool = new pg.Pool({ connectionString, max: 8 });
  // An idle connection that the server drops (a restart, an administrator) is discarded by the pool and
  // the next query opens a fresh one; without a listener the error would end the whole hub.
  pool.on('error', () => undefined);
  await migratePostgres(pool);

  function transactionOn(client: pg.PoolClient): HubTransaction {
    return {
      async serialise() {
        await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
      },
      async appendEvents(events) {
        if (events.length === 0) return [];
        await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
        const { rows } = await client.query('SELECT COALESCE(MAX(seq), 0) AS head FROM events');
        const head = Number(rows[0].head);
        const stored = events.map((event, index) => ({ ...event, seq: head + index + 1 }));
        await client.query(
          `INSERT INTO events (seq, id, type, jurisdiction, at, subject, payload)
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[])`,
          [
            stored.map((e) => e.seq),
            stored.map((e) => e.id),
            stored.map((e) => e.type),
            stored.map((e) => e.jurisdiction),
            stored.map((e) => e.at),
            stored.map((e) => e.subject),
            stored.map((e) => JSON.stringify(e.payload)),
          ],
        );
        return stored;
      },
      async getEntity(kind, id) {
        const { rows } = await client.query('SELECT * FROM entities WHERE kind = $1 AND id = $2', [kind, id]);
        return rows[0] ? toEntity(rows[0], alreadyParsed) : undefined;
      },
      async getEntities(kind, ids) {
        if (ids.length === 0) return [];
        const { rows } = await client.query(
          'SELECT * FROM entities WHERE kind = $1 AND id = ANY($2::text[])',
          [kind, ids],
        );
        return rows.map((row) => toEntity(row, alreadyParsed));
      },
      async putEntities(records) {
        if (records.length === 0) return;
        await client.query(
          `INSERT INTO entities (kind, id, jurisdiction, version, doc)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::jsonb[])
           ON CONFLICT (kind, id) DO UPDATE
             SET jurisdiction = excluded.jurisdiction, version = excluded.version, doc = excluded.doc`,
          [
            records.map((e) => e.kind),
            records.map((e) => e.id),
            records.map((e) => e.jurisdiction),
            records.map((e) => e.version),
            records.map((e) => JSON.stringify(e.doc)),
          ],
        );
      },
      async getCommandOutcome(commandId) {
        const { rows } = await client.query('SELECT * FROM command_outcomes WHERE command_id = $1', [
          commandId,
        ]);
        return rows[0]
          ? { commandId, accountId: String(rows[0].account_id), outcome: rows[0].outcome }
          : undefined;
      },
      async putCommandOutcome(record) {
        await client.query(
          'INSERT INTO command_outcomes (command_id, account_id, outcome) VALUES ($1, $2, $3)',
          [record.commandId, record.accountId, JSON.stringify(record.outcome)],
        );
      },
      async claimIngestIds(source, ids) {
        if (ids.length === 0) return [];
        const { rows } = await client.query(
          `INSERT INTO ingest_ids (source, external_id) SELECT $1, unnest($2::text[])
           ON CONFLICT DO NOTHING RETURNING external_id`,
          [source, ids],
        );
        const claimed = new Set(rows.map((row: Row) => String(row.external_id)));
        return ids.filter((id) => !claimed.has(id));
      },
      async audit(entry) {
        await client.query(
          'INSERT INTO audit_log (at, actor, action, target, outcome, detail) VALUES ($1, $2, $3, $4, $5, $6)',
          [entry.at, entry.actor, entry.action, entry.target, entry.outcome, JSON.stringify(entry.detail)],
        );
      },
      async putAccount(a) {
        await client.query(
          `INSERT INTO accounts (id, name, password_hash, role, jurisdiction, created_at, display_name, post)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (id) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role,
             jurisdiction = excluded.jurisdiction, display_name = excluded.display_name, post = excluded.post`,
          [a.id, a.name, a.passwordHash, a.role, a.jurisdiction, a.createdAt, a.displayName, a.post],
        );
      },
      async putApiKey(k) {
        await client.query(
          'INSERT INTO api_keys (id, source, jurisdiction, key_hash, created_at, display_name) VALUES ($1, $2, $3, $4, $5, $6)',
          [k.id, k.source, k.jurisdiction, k.keyHash, k.createdAt, k.displayName],
        );
      },
      async initSetting(key, value) {
        await client.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
          key,
          value,
        ]);
      },
      async nextInSeries(series) {
        const { rows } = await client.query(
          `INSERT INTO series (name, last) VALUES ($1, 1)
           ON CONFLICT (name) DO UPDATE SET last = series.last + 1 RETURNING last`,
          [series],
        );
        return Number(rows[0].last);
      },
    };
  }

  async function one(sql: string, params: unknown[] = []): Promise<Row | undefined> {
    const { rows } = await pool.query(sql, params);
    return rows[0] as Row | undefined;
  }

  return {
    dialect: 'postgres',
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(transactionOn(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    async headSeq() {
      return Number((await one('SELECT COALESCE(MAX(seq), 0) AS head FROM events'))!.head);
    },
    async oldestRetainedSeq() {
      const row = (await one('SELECT MIN(seq) AS oldest, COALESCE(MAX(seq), 0) AS head FROM events'))!;
      return row.oldest === null ? Number(row.head) + 1 : Number(row.oldest);
    },
    async eventsBetween(after, through, scope, limit, withheld = []) {
      const { rows } = await pool.query(
        `SELECT * FROM events WHERE seq > $1 AND seq <= $2
           AND (jurisdiction LIKE $3 ESCAPE '\\' OR (type IN ${INHERITED_EVENT_TYPES_SQL} AND $4 LIKE jurisdiction || '%'))
           AND type <> ALL($6::text[])
         ORDER BY seq LIMIT $5`,
        [after, through, scopePattern(scope), scope, limit, withheld],
      );
      return rows.map((row) => toEvent(row, alreadyParsed));
    },
    async snapshot(scope, withheld = []) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const head = await client.query('SELECT COALESCE(MAX(seq), 0) AS head FROM events');
        const { rows } = await client.query(
          `SELECT * FROM entities
           WHERE (jurisdiction LIKE $1 ESCAPE '\\' OR (kind IN ${INHERITED_KINDS_SQL} AND $2 LIKE jurisdiction || '%'))
             AND kind <> ALL($3::text[])
           ORDER BY kind, id`,
          [scopePattern(scope), scope, withheld],
        );
        await client.query('COMMIT');
        return { seq: Number(head.rows[0].head), entities: rows.map((row) => toEntity(row, alreadyParsed)) };
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    async entitiesInScope(scope, kind) {
      const { rows } = kind
        ? await pool.query(
            `SELECT * FROM entities
             WHERE kind = $1 AND (jurisdiction LIKE $2 ESCAPE '\\' OR (kind IN ${INHERITED_KINDS_SQL} AND $3 LIKE jurisdiction || '%'))
             ORDER BY id`,
            [kind, scopePattern(scope), scope],
          )
        : await pool.query(
            `SELECT * FROM entities
             WHERE jurisdiction LIKE $1 ESCAPE '\\' OR (kind IN ${INHERITED_KINDS_SQL} AND $2 LIKE jurisdiction || '%')
             ORDER BY kind, id`,
            [scopePattern(scope), scope],
          );
      return rows.map((row) => toEntity(row, alreadyParsed));
    },
    async getEntity(kind, id) {
      const row = await one('SELECT * FROM entities WHERE kind = $1 AND id = $2', [kind, id]);
      return row ? toEntity(row, alreadyParsed) : undefined;
    },
    async eventsAbout(subject) {
      const { rows } = await pool.query('SELECT * FROM events WHERE subject = $1 ORDER BY seq', [subject]);
      return rows.map((row) => toEvent(row, alreadyParsed));
    },
    async accountByName(name) {
      const row = await one('SELECT * FROM accounts WHERE name = $1', [name]);
      return row ? toAccount(row) : undefined;
    },
    async accountById(id) {
      const row = await one('SELECT * FROM accounts WHERE id = $1', [id]);
      return row ? toAccount(row) : undefined;
    },
    async countAccounts() {
      return Number((await one('SELECT COUNT(*) AS n FROM accounts'))!.n);
    },
    async listAccounts() {
      const { rows } = await pool.query('SELECT * FROM accounts ORDER BY name');
      return rows.map(toAccount);
    },
    async apiKeyByHash(keyHash) {
      const row = await one('SELECT * FROM api_keys WHERE key_hash = $1 AND NOT revoked', [keyHash]);
      return row ? toApiKey(row) : undefined;
    },
    async listApiKeys() {
      const { rows } = await pool.query('SELECT * FROM api_keys WHERE NOT revoked ORDER BY source');
      return rows.map(toApiKey);
    },
    async getSetting(key) {
      const row = await one('SELECT value FROM settings WHERE key = $1', [key]);
      return row ? String(row.value) : undefined;
    },
    async auditEntries(limit) {
      const { rows } = await pool.query('SELECT * FROM audit_log ORDER BY id DESC LIMIT $1', [limit]);
      return rows.map((row: Row) => ({
        at: String(row.at),
        actor: String(row.actor),
        action: String(row.action),
        target: row.target === null ? null : String(row.target),
        outcome: row.outcome as AuditEntry['outcome'],
        detail: row.detail,
      }));
    },
    async pruneEventsThrough(seq) {
      const result = await pool.query('DELETE FROM events WHERE seq <= $1', [seq]);
      return result.rowCount ?? 0;
    },
    async close() {
      await pool.end();
    },
  };
}
