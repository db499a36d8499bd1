import { sql, type Transaction } from 'kysely';
import { GENESIS_HASH, canonicalJson, sealAuditRecord, sealChainMark, type ChainMark } from '../audit/seal';
import type { StoreDialect } from './dialect';
import type { HubDb, HubSchema } from './schema';
import type { AuditEntry, AuditFilter, ChainedAuditRecord } from './types';

/** The last record written, kept in the same transaction as the record, so a deleted last record shows. */
export const AUDIT_HEAD_SETTING = 'audit-head';
/** The last record purged: the first one kept follows it. */
export const AUDIT_ANCHOR_SETTING = 'audit-anchor';

export class AuditKeyMissingError extends Error {
  constructor() {
    super('the audit trail is written only with the hub audit key: open the store with { auditKey }');
  }
}

async function putSetting(db: HubDb, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({ value }))
    .execute();
}

export async function readChainMark(db: HubDb, key: string): Promise<ChainMark | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value) as ChainMark) : undefined;
}

async function chainHead(db: HubDb): Promise<{ number: number; hash: string }> {
  return (await readChainMark(db, AUDIT_HEAD_SETTING)) ?? { number: 0, hash: GENESIS_HASH };
}

/**
 * Appends one record to the chain. Writers are serialised first (SQLite has one writer already; PostgreSQL
 * takes the writers' lock, which a command holding it takes again at no cost), so the head read here is
 * still the head when this transaction commits.
 */
export async function appendAudit(
  trx: Transaction<HubSchema>,
  dialect: StoreDialect,
  auditKey: Uint8Array | undefined,
  { scope = null, ...entry }: AuditEntry,
): Promise<void> {
  if (!auditKey) throw new AuditKeyMissingError();
  await dialect.lockWriters(trx);
  const head = await chainHead(trx);
  const detail = canonicalJson(entry.detail);
  const number = head.number + 1;
  const fields = { ...entry, scope, detail, number, prevHash: head.hash };
  const hash = sealAuditRecord(auditKey, fields);
  await trx
    .insertInto('audit_log')
    .values({ ...entry, detail, scope, number, prev_hash: head.hash, hash })
    .execute();
  await putSetting(trx, AUDIT_HEAD_SETTING, JSON.stringify(sealChainMark(auditKey, 'head', number, hash)));
}

const UNSEALED_PAGE = 500;

/**
 * Numbers and seals, in the order they were written, the records written before the trail was a chain (the
 * schema upgrade cannot: it has no key). Runs once, at the start of the first hub given the key; later
 * starts find nothing to do.
 */
export async function sealUnchained(dialect: StoreDialect, auditKey: Uint8Array): Promise<number> {
  return dialect.writer.transaction().execute(async (trx) => {
    await dialect.lockWriters(trx);
    let head = await chainHead(trx);
    let sealed = 0;
    for (;;) {
      const rows = await trx
        .selectFrom('audit_log')
        .selectAll()
        .where('number', 'is', null)
        .orderBy('id')
        .limit(UNSEALED_PAGE)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        const detail = canonicalJson(dialect.readJson(row.detail));
        const fields = { ...row, detail, number: head.number + 1, prevHash: head.hash };
        const hash = sealAuditRecord(auditKey, fields);
        await trx
          .updateTable('audit_log')
          .set({ number: fields.number, prev_hash: head.hash, hash, detail })
          .where('id', '=', row.id)
          .execute();
        head = { number: fields.number, hash };
      }
      sealed += rows.length;
    }
    if (sealed > 0)
      await putSetting(
        trx,
        AUDIT_HEAD_SETTING,
        JSON.stringify(sealChainMark(auditKey, 'head', head.number, head.hash)),
      );
    return sealed;
  });
}

type AuditRow = HubSchema['audit_log'] & { id: number };

function toRecord(row: AuditRow, readJson: StoreDialect['readJson']): ChainedAuditRecord {
  return {
    id: Number(row.id),
    number: Number(row.number),
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: row.target,
    outcome: row.outcome as ChainedAuditRecord['outcome'],
    scope: row.scope,
    detail: readJson(row.detail),
    prevHash: row.prev_hash ?? '',
    hash: row.hash ?? '',
  };
}

/** Sealed records numbered after `after`, in chain order, at most `limit`. */
export async function auditChain(
  db: HubDb,
  readJson: StoreDialect['readJson'],
  after: number,
  limit: number,
): Promise<ChainedAuditRecord[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('number', '>', after)
    .orderBy('number')
    .limit(limit)
    .execute();
  return rows.map((row) => toRecord(row as AuditRow, readJson));
}

export async function unsealedCount(db: HubDb): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('number', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** `LIKE` pattern for values starting with `prefix`, its wildcards taken literally. */
function startingWith(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Records matching the filter, newest first. */
export async function queryAudit(
  db: HubDb,
  readJson: StoreDialect['readJson'],
  filter: AuditFilter,
): Promise<ChainedAuditRecord[]> {
  let query = db.selectFrom('audit_log').selectAll().where('number', 'is not', null);
  if (filter.actor !== undefined) query = query.where('actor', '=', filter.actor);
  if (filter.action !== undefined) {
    query = filter.action.endsWith('.')
      ? query.where(sql<boolean>`action LIKE ${startingWith(filter.action)} ESCAPE '\\'`)
      : query.where('action', '=', filter.action);
  }
  if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('at', '<=', filter.to);
  if (filter.before !== undefined) query = query.where('number', '<', filter.before);
  const { scope } = filter;
  query = query.where((eb) => {
    const within = eb(sql.ref('scope'), 'like', startingWith(scope.code));
    return scope.includeUnscoped ? eb.or([within, eb('scope', 'is', null)]) : within;
  });
  const rows = await query.orderBy('number', 'desc').limit(filter.limit).execute();
  return rows.map((row) => toRecord(row as AuditRow, readJson));
}

/**
 * Removes the records written before `before` (the oldest ones, up to the first kept one, so what stays is
 * one unbroken stretch of the chain) and remembers the last one removed as the anchor the next one follows.
 * The purge is recorded in the same transaction by `record`, which learns what was removed.
 */
export async function purgeAuditBefore(
  trx: Transaction<HubSchema>,
  dialect: StoreDialect,
  auditKey: Uint8Array | undefined,
  before: string,
): Promise<{ purged: number; through: ChainMark | null }> {
  if (!auditKey) throw new AuditKeyMissingError();
  await dialect.lockWriters(trx);
  const firstKept = await trx
    .selectFrom('audit_log')
    .select('number')
    .where('number', 'is not', null)
    .where('at', '>=', before)
    .orderBy('number')
    .limit(1)
    .executeTakeFirst();
  let last = trx
    .selectFrom('audit_log')
    .select(['number', 'hash'])
    .where('number', 'is not', null)
    .orderBy('number', 'desc')
    .limit(1);
  if (firstKept) last = last.where('number', '<', Number(firstKept.number));
  const through = await last.executeTakeFirst();
  if (!through) return { purged: 0, through: null };
  const number = Number(through.number);
  const deleted = await trx.deleteFrom('audit_log').where('number', '<=', number).executeTakeFirst();
  const anchor = sealChainMark(auditKey, 'anchor', number, through.hash ?? '');
  await putSetting(trx, AUDIT_ANCHOR_SETTING, JSON.stringify(anchor));
  return { purged: Number(deleted.numDeletedRows), through: anchor };
}
