import type { Selectable } from 'kysely';
import { inBatches } from './batches';
import type { StoreDialect } from './dialect';
import type { HubDb, HubSchema } from './schema';
import { inScope } from './scope';
import type { EntityRecord, Scope } from './types';

type ReadJson = StoreDialect['readJson'];

function toEntity(row: Selectable<HubSchema['entities']>, readJson: ReadJson): EntityRecord {
  return { ...row, version: Number(row.version), doc: readJson(row.doc) };
}

export async function getEntity(
  db: HubDb,
  readJson: ReadJson,
  kind: string,
  id: string,
): Promise<EntityRecord | undefined> {
  const row = await db
    .selectFrom('entities')
    .selectAll()
    .where('kind', '=', kind)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toEntity(row, readJson);
}

export async function getEntities(
  db: HubDb,
  readJson: ReadJson,
  kind: string,
  ids: readonly string[],
): Promise<EntityRecord[]> {
  const found: EntityRecord[] = [];
  for (const batch of inBatches(ids)) {
    const rows = await db
      .selectFrom('entities')
      .selectAll()
      .where('kind', '=', kind)
      .where('id', 'in', batch)
      .execute();
    found.push(...rows.map((row) => toEntity(row, readJson)));
  }
  return found;
}

/** Stores each record's current state; of two records of one entity, the later wins. */
export async function putEntities(db: HubDb, records: readonly EntityRecord[]): Promise<void> {
  const latest = new Map(records.map((record) => [`${record.kind}\u0000${record.id}`, record]));
  for (const batch of inBatches([...latest.values()])) {
    await db
      .insertInto('entities')
      .values(batch.map((record) => ({ ...record, doc: JSON.stringify(record.doc) })))
      .onConflict((conflict) =>
        conflict.columns(['kind', 'id']).doUpdateSet((eb) => ({
          jurisdiction: eb.ref('excluded.jurisdiction'),
          version: eb.ref('excluded.version'),
          doc: eb.ref('excluded.doc'),
        })),
      )
      .execute();
  }
}

/** Everything in scope, one kind or all of them but the `withheld` kinds, by kind then id. */
export async function entitiesInScope(
  db: HubDb,
  readJson: ReadJson,
  scope: Scope,
  { kind, withheld = [] }: { kind?: string; withheld?: readonly string[] },
): Promise<EntityRecord[]> {
  const rows = await db
    .selectFrom('entities')
    .selectAll()
    .$if(kind !== undefined, (query) => query.where('kind', '=', kind!))
    .where(inScope('kind', scope))
    .$if(withheld.length > 0, (query) => query.where('kind', 'not in', withheld))
    .orderBy('kind')
    .orderBy('id')
    .execute();
  return rows.map((row) => toEntity(row, readJson));
}
