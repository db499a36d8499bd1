import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SQLITE_MIGRATIONS } from './sqlite-migrations';
import { SerialQueue } from './serial-queue';
import {
  INHERITED_EVENT_TYPES_SQL,
  INHERITED_KINDS_SQL,
  parsedText,
  scopePattern,
  toAccount,
  toApiKey,
  toEntity,
  toEvent,
  type Row,
} from './rows';
import type {
  AccountRecord,
  ApiKeyRecord,
  AuditEntry,
  CommandOutcomeRecord,
  HubStore,
  HubTransaction,
  NewEvent,
} from './types';

export function migrateSqlite(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SQLITE_MIGRATIONS.length) {
    throw new Error(
      `the hub database is at schema version ${current}, newer than this hub (${SQLITE_MIGRATIONS.length}); upgrade the hub`,
    );
  }
  for (let version = current; version < SQLITE_MIGRATIONS.length; version += 1) {
    db.transaction(() => {
      db.exec(SQLITE_MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/**
 * SQLite in WAL mode: one connection writes (transactions serialised through a queue), another reads, so
 * the live stream and replays never see a transaction that has not committed.
 */
export function openSqliteStore(file: string): HubStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const writer = new Database(file);
  writer.pragma('journal_mode = WAL');
  writer.pragma('synchronous = NORMAL');
  writer.pragma('busy_timeout = 5000');
  migrateSqlite(writer);
  const reader = file === ':memory:' ? writer : new Database(file, { readonly: true });
  reader.pragma('busy_timeout = 5000');
  const queue = new SerialQueue();

  const w = {
    head: writer.prepare('SELECT COALESCE(MAX(seq), 0) AS head FROM events'),
    insertEvent: writer.prepare(
      'INSERT INTO events (seq, id, type, jurisdiction, at, subject, payload) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    getEntity: writer.prepare('SELECT * FROM entities WHERE kind = ? AND id = ?'),
    putEntity: writer.prepare(
      `INSERT INTO entities (kind, id, jurisdiction, version, doc) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kind, id) DO UPDATE SET jurisdiction = excluded.jurisdiction, version = excluded.version, doc = excluded.doc`,
    ),
    getOutcome: writer.prepare('SELECT * FROM command_outcomes WHERE command_id = ?'),
    putOutcome: writer.prepare(
      'INSERT INTO command_outcomes (command_id, account_id, outcome) VALUES (?, ?, ?)',
    ),
    claimIngest: writer.prepare('INSERT OR IGNORE INTO ingest_ids (source, external_id) VALUES (?, ?)'),
    audit: writer.prepare(
      'INSERT INTO audit_log (at, actor, action, target, outcome, detail) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    putAccount: writer.prepare(
      `INSERT INTO accounts (id, name, password_hash, role, jurisdiction, created_at, display_name, post)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role,
         jurisdiction = excluded.jurisdiction, display_name = excluded.display_name, post = excluded.post`,
    ),
    putApiKey: writer.prepare(
      'INSERT INTO api_keys (id, source, jurisdiction, key_hash, created_at, display_name) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    initSetting: writer.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
    ),
    prune: writer.prepare('DELETE FROM events WHERE seq <= ?'),
    nextInSeries: writer.prepare(
      'INSERT INTO series (name, last) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET last = last + 1 RETURNING last',
    ),
  };
  const r = {
    head: reader.prepare('SELECT COALESCE(MAX(seq), 0) AS head FROM events'),
    oldest: reader.prepare('SELECT MIN(seq) AS oldest FROM events'),
    eventsBetween: reader.prepare(
      `SELECT * FROM events WHERE seq > ? AND seq <= ? AND (jurisdiction LIKE ? ESCAPE '\\' OR (type IN ${INHERITED_EVENT_TYPES_SQL} AND ? LIKE jurisdiction || '%'))
       AND type NOT IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT ?`,
    ),
    entitiesInScope: reader.prepare(
      `SELECT * FROM entities WHERE (jurisdiction LIKE ? ESCAPE '\\' OR (kind IN ${INHERITED_KINDS_SQL} AND ? LIKE jurisdiction || '%')) ORDER BY kind, id`,
    ),
    snapshotEntities: reader.prepare(
      `SELECT * FROM entities WHERE (jurisdiction LIKE ? ESCAPE '\\' OR (kind IN ${INHERITED_KINDS_SQL} AND ? LIKE jurisdiction || '%'))
       AND kind NOT IN (SELECT value FROM json_each(?)) ORDER BY kind, id`,
    ),
    entitiesOfKind: reader.prepare(
      `SELECT * FROM entities WHERE kind = ? AND (jurisdiction LIKE ? ESCAPE '\\' OR (kind IN ${INHERITED_KINDS_SQL} AND ? LIKE jurisdiction || '%')) ORDER BY id`,
    ),
    getEntity: reader.prepare('SELECT * FROM entities WHERE kind = ? AND id = ?'),
    eventsAbout: reader.prepare('SELECT * FROM events WHERE subject = ? ORDER BY seq'),
    accountByName: reader.prepare('SELECT * FROM accounts WHERE name = ?'),
    accountById: reader.prepare('SELECT * FROM accounts WHERE id = ?'),
    countAccounts: reader.prepare('SELECT COUNT(*) AS n FROM accounts'),
    listAccounts: reader.prepare('SELECT * FROM accounts ORDER BY name'),
    apiKeyByHash: reader.prepare('SELECT * FROM api_keys WHERE key_hash = ? AND revoked = 0'),
    listApiKeys: reader.prepare('SELECT * FROM api_keys WHERE revoked = 0 ORDER BY source'),
    getSetting: reader.prepare('SELECT value FROM settings WHERE key = ?'),
    audit: reader.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?'),
  };

  const tx: HubTransaction = {
    // One writer connection, and every transaction BEGIN IMMEDIATE: writers already run one at a time.
    async serialise() {},
    async appendEvents(events: readonly NewEvent[]) {
      let seq = Number((w.head.get() as Row).head);
      return events.map((event) => {
        seq += 1;
        w.insertEvent.run(
          seq,
          event.id,
          event.type,
          event.jurisdiction,
          event.at,
          event.subject,
          JSON.stringify(event.payload),
        );
        return { ...event, seq };
      });
    },
    async getEntity(kind, id) {
      const row = w.getEntity.get(kind, id) as Row | undefined;
      return row ? toEntity(row, parsedText) : undefined;
    },
    async getEntities(kind, ids) {
      return ids.flatMap((id) => {
        const row = w.getEntity.get(kind, id) as Row | undefined;
        return row ? [toEntity(row, parsedText)] : [];
      });
    },
    async putEntities(records) {
      for (const e of records)
        w.putEntity.run(e.kind, e.id, e.jurisdiction, e.version, JSON.stringify(e.doc));
    },
    async getCommandOutcome(commandId) {
      const row = w.getOutcome.get(commandId) as Row | undefined;
      return row
        ? { commandId, accountId: String(row.account_id), outcome: JSON.parse(String(row.outcome)) }
        : undefined;
    },
    async putCommandOutcome(record: CommandOutcomeRecord) {
      w.putOutcome.run(record.commandId, record.accountId, JSON.stringify(record.outcome));
    },
    async claimIngestIds(source, ids) {
      return ids.filter((id) => w.claimIngest.run(source, id).changes === 0);
    },
    async audit(entry: AuditEntry) {
      w.audit.run(
        entry.at,
        entry.actor,
        entry.action,
        entry.target,
        entry.outcome,
        JSON.stringify(entry.detail),
      );
    },
    async putAccount(a: AccountRecord) {
      w.putAccount.run(
        a.id,
        a.name,
        a.passwordHash,
        a.role,
        a.jurisdiction,
        a.createdAt,
        a.displayName,
        a.post,
      );
    },
    async putApiKey(k: ApiKeyRecord) {
      w.putApiKey.run(k.id, k.source, k.jurisdiction, k.keyHash, k.createdAt, k.displayName);
    },
    async initSetting(key, value) {
      w.initSetting.run(key, value);
    },
    async nextInSeries(series) {
      return Number((w.nextInSeries.get(series) as { last: number }).last);
    },
  };

  return {
    dialect: 'sqlite',
    transaction(work) {
      return queue.run(async () => {
        writer.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(tx);
          writer.exec('COMMIT');
          return result;
        } catch (error) {
          if (writer.inTransaction) writer.exec('ROLLBACK');
          throw error;
        }
      });
    },
    async headSeq() {
      return Number((r.head.get() as Row).head);
    },
    async oldestRetainedSeq() {
      const oldest = (r.oldest.get() as Row).oldest;
      return oldest === null ? Number((r.head.get() as Row).head) + 1 : Number(oldest);
    },
    async eventsBetween(after, through, scope, limit, withheld = []) {
      const rows = r.eventsBetween.all(
        after,
        through,
        scopePattern(scope),
        scope,
        JSON.stringify(withheld),
        limit,
      ) as Row[];
      return rows.map((row) => toEvent(row, parsedText));
    },
    async snapshot(scope, withheld = []) {
      // One read transaction: the entities and the head seq come from the same committed state.
      return reader.transaction(() => ({
        seq: Number((r.head.get() as Row).head),
        entities: (r.snapshotEntities.all(scopePattern(scope), scope, JSON.stringify(withheld)) as Row[]).map(
          (row) => toEntity(row, parsedText),
        ),
      }))();
    },
    async entitiesInScope(scope, kind) {
      const rows = kind
        ? r.entitiesOfKind.all(kind, scopePattern(scope), scope)
        : r.entitiesInScope.all(scopePattern(scope), scope);
      return (rows as Row[]).map((row) => toEntity(row, parsedText));
    },
    async getEntity(kind, id) {
      const row = r.getEntity.get(kind, id) as Row | undefined;
      return row ? toEntity(row, parsedText) : undefined;
    },
    async eventsAbout(subject) {
      return (r.eventsAbout.all(subject) as Row[]).map((row) => toEvent(row, parsedText));
    },
    async accountByName(name) {
      const row = r.accountByName.get(name) as Row | undefined;
      return row ? toAccount(row) : undefined;
    },
    async accountById(id) {
      const row = r.accountById.get(id) as Row | undefined;
      return row ? toAccount(row) : undefined;
    },
    async countAccounts() {
      return Number((r.countAccounts.get() as Row).n);
    },
    async listAccounts() {
      return (r.listAccounts.all() as Row[]).map(toAccount);
    },
    async apiKeyByHash(keyHash) {
      const row = r.apiKeyByHash.get(keyHash) as Row | undefined;
      return row ? toApiKey(row) : undefined;
    },
    async listApiKeys() {
      return (r.listApiKeys.all() as Row[]).map(toApiKey);
    },
    async getSetting(key) {
      const row = r.getSetting.get(key) as Row | undefined;
      return row ? String(row.value) : undefined;
    },
    async auditEntries(limit) {
      return (r.audit.all(limit) as Row[]).map((row) => ({
        at: String(row.at),
        actor: String(row.actor),
        action: String(row.action),
        target: row.target === null ? null : String(row.target),
        outcome: row.outcome as AuditEntry['outcome'],
        detail: JSON.parse(String(row.detail)),
      }));
    },
    pruneEventsThrough(seq) {
      return queue.run(async () => w.prune.run(seq).changes);
    },
    async close() {
      await queue.run(async () => undefined);
      if (reader !== writer) reader.close();
      writer.close();
    },
  };
}
