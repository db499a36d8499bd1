import { sql, type Selectable, type Transaction } from 'kysely';
import { inBatches } from './batches';
import type { StoreDialect } from './dialect';
import type { RowCodec } from './personal-data';
import type { HubDb, HubSchema } from './schema';
import { inScope, scopePattern } from './scope';
import { rowValues, runStatement } from './statements';
import type { NewEvent, Scope, StoredEvent } from './types';

function toEvent(row: Selectable<HubSchema['events']>, { readJson, personal }: RowCodec): StoredEvent {
  return { ...row, seq: Number(row.seq), payload: personal.openPayload(row.type, readJson(row.payload)) };
}

export async function headSeq(db: HubDb): Promise<number> {
  const [row] = await runStatement(db, 'headSeq', [], () =>
    db.selectFrom('events').select((eb) => eb.fn.coalesce(eb.fn.max('seq'), eb.lit(0)).as('head')),
  );
  return Number(row!.head);
}

/** The smallest seq still in the log (head + 1 when the log is empty). */
export async function oldestRetainedSeq(db: HubDb): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => [eb.fn.min('seq').as('oldest'), eb.fn.coalesce(eb.fn.max('seq'), eb.lit(0)).as('head')])
    .executeTakeFirstOrThrow();
  return row.oldest === null ? Number(row.head) + 1 : Number(row.oldest);
}

/**
 * Numbers the events after the head and stores them, with every other writer held off until this
 * transaction ends, so seqs commit in the order they were given.
 */
export async function appendEvents(
  trx: Transaction<HubSchema>,
  dialect: StoreDialect,
  codec: RowCodec,
  events: readonly NewEvent[],
): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  await dialect.lockWriters(trx);
  const head = await headSeq(trx);
  const stored = events.map((event, index) => ({ ...event, seq: head + index + 1 }));
  const rows = stored.map(({ seq, id, type, jurisdiction, at, subject, payload }) => {
    const sealed = codec.personal.sealPayload(type, payload);
    return { seq, id, type, jurisdiction, at, subject, payload: JSON.stringify(sealed) };
  });
  for (const batch of inBatches(rows)) {
    await runStatement(trx, `appendEvents/${batch.length}`, rowValues(batch), () =>
      trx.insertInto('events').values(batch),
    );
  }
  return stored;
}

type EventRange = { after: number; through: number; limit: number };

/** The events a reader may see in `after` < seq ≤ `through`, in seq order, at most `limit` of them. */
function eventsInRange(db: HubDb, range: EventRange, scope: Scope, withheld: readonly string[]) {
  return db
    .selectFrom('events')
    .where('seq', '>', range.after)
    .where('seq', '<=', range.through)
    .where(inScope('type', scope))
    .$if(withheld.length > 0, (query) => query.where('type', 'not in', withheld))
    .orderBy('seq')
    .limit(range.limit);
}

/** The parameters of `eventsInRange`, in the order its statement takes them. */
const rangeParameters = (range: EventRange, scope: Scope, withheld: readonly string[]) => [
  range.after,
  range.through,
  scopePattern(scope),
  scope,
  ...withheld,
  range.limit,
];

export async function eventsBetween(
  db: HubDb,
  codec: RowCodec,
  range: EventRange,
  scope: Scope,
  withheld: readonly string[],
): Promise<StoredEvent[]> {
  const parameters = rangeParameters(range, scope, withheld);
  const rows = await runStatement(db, `eventsBetween/${withheld.length}`, parameters, () =>
    eventsInRange(db, range, scope, withheld).selectAll(),
  );
  return rows.map((row) => toEvent(row, codec));
}

/**
 * The last seq of a frame starting after `range.after`: at most `range.limit` events, and no more payload than
 * `range.maxBytes` (its characters, as stored) unless the first event alone is larger. Read from the lengths
 * alone, so an oversized stretch of the log is never read whole to be cut.
 */
async function frameEnd(
  db: HubDb,
  range: EventRange & { maxBytes: number },
  scope: Scope,
  withheld: readonly string[],
): Promise<number> {
  const parameters = rangeParameters(range, scope, withheld);
  const rows = await runStatement(db, `eventSizes/${withheld.length}`, parameters, () =>
    eventsInRange(db, range, scope, withheld).select([
      'seq',
      sql<number>`length(cast(payload as text))`.as('bytes'),
    ]),
  );
  let bytes = 0;
  for (const [index, row] of rows.entries()) {
    bytes += Number(row.bytes);
    if (bytes > range.maxBytes && index > 0) return Number(rows[index - 1]!.seq);
  }
  return rows.length === range.limit ? Number(rows.at(-1)!.seq) : range.through;
}

/**
 * One frame of a replay: the events after `range.after` up to `range.through`, bounded by count and by size,
 * and the seq the frame covers the log through (what the audience may not see in it is left out on purpose).
 */
export async function replayFrame(
  db: HubDb,
  codec: RowCodec,
  range: EventRange & { maxBytes: number },
  scope: Scope,
  withheld: readonly string[],
): Promise<{ events: StoredEvent[]; through: number }> {
  const through = await frameEnd(db, range, scope, withheld);
  return { events: await eventsBetween(db, codec, { ...range, through }, scope, withheld), through };
}

export async function eventsAbout(db: HubDb, codec: RowCodec, subject: string): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('subject', '=', subject)
    .orderBy('seq')
    .execute();
  return rows.map((row) => toEvent(row, codec));
}

export async function pruneEventsThrough(db: HubDb, seq: number): Promise<number> {
  const result = await db.deleteFrom('events').where('seq', '<=', seq).executeTakeFirst();
  return Number(result.numDeletedRows);
}
