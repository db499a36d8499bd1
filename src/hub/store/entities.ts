import type { Selectable } from 'kysely';
import { inBatches } from './batches';
import type { RowCodec } from './personal-data';
import type { HubDb, HubSchema } from './schema';
import { inScope, scopePattern } from './scope';
import { rowValues, runStatement } from './statements';
import type { EntityRecord, Scope } from './types';

function toEntity(row: Selectable<HubSchema['entities']>, { readJson, personal }: RowCodec): EntityRecord {
  return { ...row, version: Number(row.version), doc: personal.openDoc(row.kind, readJson(row.doc)) };
}

export async function getEntity(
  db: HubDb,
  codec: RowCodec,
  kind: string,
  id: string,
): Promise<EntityRecord | undefined> {
  const [row] = await runStatement(db, 'getEntity', [kind, id], () =>
    db.selectFrom('entities').selectAll().where('kind', '=', kind).where('id', '=', id),
  );
  return row && toEntity(row, codec);
}

export async function getEntities(
  db: HubDb,
  codec: RowCodec,
  kind: string,
  ids: readonly string[],
): Promise<EntityRecord[]> {
  const found: EntityRecord[] = [];
  for (const batch of inBatches(ids)) {
    const rows = await runStatement(db, `getEntities/${batch.length}`, [kind, ...batch], () =>
      db.selectFrom('entities').selectAll().where('kind', '=', kind).where('id', 'in', batch),
    );
    found.push(...rows.map((row) => toEntity(row, codec)));
  }
  return found;
}

/** Stores each record's current state; of two records of one entity, the later wins. */
export async function putEntities(
  db: HubDb,
  codec: RowCodec,
  records: readonly EntityRecord[],
): Promise<void> {
  const latest = new Map(records.map((record) => [`${record.kind}\u0000${record.id}`, record]));
  const rows = [...latest.values()].map(({ kind, id, jurisdiction, version, doc }) => {
    return { kind, id, jurisdiction, version, doc: JSON.stringify(codec.personal.sealDoc(kind, doc)) };
  });
  for (const batch of inBatches(rows)) {
    await runStatement(db, `putEntities/${batch.length}`, rowValues(batch), () =>
      db
        .insertInto('entities')
        .values(batch)
        .onConflict((conflict) =>
          conflict.columns(['kind', 'id']).doUpdateSet((eb) => ({
            jurisdiction: eb.ref('excluded.jurisdiction'),
            version: eb.ref('excluded.version'),
            doc: eb.ref('excluded.doc'),
          })),
        ),
    );
  }
}

/** Everything in scope, one kind or all of them but the `withheld` kinds, by kind then id. */
export async function entitiesInScope(
  db: HubDb,
  codec: RowCodec,
  scope: Scope,
  { kind, withheld = [] }: { kind?: string; withheld?: readonly string[] },
): Promise<EntityRecord[]> {
  const shape = `entitiesInScope/${kind === undefined ? 'all' : 'kind'}/${withheld.length}`;
  const parameters = [...(kind === undefined ? [] : [kind]), scopePattern(scope), scope, ...withheld];
  const rows = await runStatement(db, shape, parameters, () =>
    db
      .selectFrom('entities')
      .selectAll()
      .$if(kind !== undefined, (query) => query.where('kind', '=', kind!))
      .where(inScope('kind', scope))
      .$if(withheld.length > 0, (query) => query.where('kind', 'not in', withheld))
      .orderBy('kind')
      .orderBy('id'),
  );
  return rows.map((row) => toEntity(row, codec));
}
