import { inBatches } from './batches';
import type { StoreDialect } from './dialect';
import { rowValues, runStatement } from './statements';
import type { HubDb } from './schema';
import type { AuditEntry, CommandOutcomeRecord } from './types';

type ReadJson = StoreDialect['readJson'];

export async function getCommandOutcome(
  db: HubDb,
  readJson: ReadJson,
  commandId: string,
): Promise<CommandOutcomeRecord | undefined> {
  const [row] = await runStatement(db, 'getCommandOutcome', [commandId], () =>
    db.selectFrom('command_outcomes').selectAll().where('command_id', '=', commandId),
  );
  return row && { commandId, accountId: row.account_id, outcome: readJson(row.outcome) };
}

export async function putCommandOutcome(db: HubDb, record: CommandOutcomeRecord): Promise<void> {
  await db
    .insertInto('command_outcomes')
    .values({
      command_id: record.commandId,
      account_id: record.accountId,
      outcome: JSON.stringify(record.outcome),
    })
    .execute();
}

/** Records external ids of one source; returns those already recorded (and any repeated within `ids`). */
export async function claimIngestIds(db: HubDb, source: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const claimed = new Set<string>();
  for (const batch of inBatches(ids)) {
    const rows = batch.map((id) => ({ source, external_id: id }));
    const inserted = await runStatement(db, `claimIngestIds/${batch.length}`, rowValues(rows), () =>
      db
        .insertInto('ingest_ids')
        .values(rows)
        .onConflict((conflict) => conflict.doNothing())
        .returning('external_id'),
    );
    for (const row of inserted) claimed.add(row.external_id);
  }
  // Each id claimed now counts once; a second mention of it, like one claimed before, is a replay.
  return ids.filter((id) => !claimed.delete(id));
}

/** The latest entries first. */
export async function auditEntries(db: HubDb, readJson: ReadJson, limit: number): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'actor', 'action', 'target', 'outcome', 'detail', 'scope'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    ...row,
    outcome: row.outcome as AuditEntry['outcome'],
    detail: readJson(row.detail),
  }));
}

export async function getSetting(db: HubDb, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Stores a setting unless it has a value already, which is kept. */
export async function initSetting(db: HubDb, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((conflict) => conflict.column('key').doNothing())
    .execute();
}

export async function nextInSeries(db: HubDb, name: string): Promise<number> {
  const row = await db
    .insertInto('series')
    .values({ name, last: 1 })
    .onConflict((conflict) =>
      conflict.column('name').doUpdateSet((eb) => ({ last: eb('series.last', '+', 1) })),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}
