import type { EntityKind, HubEventDraft } from '../../domain';
import type { CommandHandler } from '../commands';
import { recordEvents } from '../projector';
import type { RegionIndex } from '../region-index';
import type { ApiKeyRecord, EntityRecord, HubStore, HubTransaction } from '../store';
import { IngestError, refuseDuplicates, throwIfAny, type ItemProblem } from './refusal';

export interface IngestResult {
  accepted: number;
  /** Ids the hub gave to what the batch created (incident ids), in batch order. */
  created: string[];
  seqs: number[];
}

/** What an endpoint works with: the hub's store, region and command rules, and the key that sent the batch. */
export interface IngestContext {
  store: HubStore;
  region: RegionIndex;
  commands: CommandHandler;
  key: ApiKeyRecord;
  /** Tells the hub the event log has grown. */
  onCommitted(seqs: number[]): void;
}

/** Whether an item names something the hub does not know, or something outside the key's jurisdiction. */
export interface ItemCheck {
  unknown: ItemProblem;
  outside: ItemProblem;
}

export const ITEM_PASSES: ItemCheck = { unknown: null, outside: null };

/**
 * One ingest endpoint: how its body splits into items, what they refer to and how that is looked up, how an
 * item is checked against what was found, and how the batch is committed.
 */
export interface IngestEndpoint<Body, Item, Found> {
  /** What problems call the batch's items: `reports[3].id`. */
  label: string;
  items(body: Body): readonly Item[];
  /** The sender's own id of an item, by which a resent batch is recognised. */
  idOf(item: Item): string;
  lookUp(ctx: IngestContext, items: readonly Item[]): Promise<Found>;
  check(ctx: IngestContext, found: Found, item: Item, label: string): ItemCheck;
  commit(
    ctx: IngestContext,
    found: Found,
    items: readonly Item[],
    ids: readonly string[],
  ): Promise<IngestResult>;
}

/**
 * Every endpoint's sequence: look up what the items refer to, refuse unknown references (422), then anything
 * outside the key's jurisdiction (403), then an id sent twice (422), and only then commit.
 */
export function acceptBatch<Body, Item, Found>(
  endpoint: IngestEndpoint<Body, Item, Found>,
): (ctx: IngestContext, body: Body) => Promise<IngestResult> {
  return async (ctx, body) => {
    const items = endpoint.items(body);
    const found = await endpoint.lookUp(ctx, items);
    const checks = items.map((item, i) => endpoint.check(ctx, found, item, `${endpoint.label}[${i}]`));
    throwIfAny(
      422,
      'unknown-reference',
      checks.map((c) => c.unknown),
    );
    throwIfAny(
      403,
      'out-of-scope',
      checks.map((c) => c.outside),
    );
    const ids = items.map((item) => endpoint.idOf(item));
    refuseDuplicates(endpoint.label, ids);
    return endpoint.commit(ctx, found, items, ids);
  };
}

/** The stored entities of one kind a batch names, by id. */
export async function recordsById(
  store: HubStore,
  kind: EntityKind,
  ids: readonly string[],
): Promise<Map<string, EntityRecord>> {
  const found = await store.transaction((tx) => tx.getEntities(kind, [...new Set(ids)]));
  return new Map(found.map((entity) => [entity.id, entity]));
}

/** The entities of one kind a batch names, by id. */
export async function entitiesById<T>(
  store: HubStore,
  kind: EntityKind,
  ids: readonly string[],
): Promise<Map<string, T>> {
  const records = await recordsById(store, kind, ids);
  return new Map([...records].map(([id, entity]) => [id, entity.doc as T]));
}

/**
 * Claims the batch's ids and records its events in one transaction; a replayed id aborts the whole of it.
 */
export async function recordBatch(
  ctx: IngestContext,
  label: string,
  ids: readonly string[],
  build: (tx: HubTransaction) => Promise<{ events: HubEventDraft[]; created: string[] }>,
): Promise<IngestResult> {
  const { key } = ctx;
  const result = await ctx.store.transaction(async (tx) => {
    const replayed = await tx.claimIngestIds(key.source, ids);
    if (replayed.length > 0) {
      throw new IngestError(
        409,
        'replayed',
        replayed.slice(0, 50).map((id) => alreadyReceived(label, ids.indexOf(id), id, key.source)),
      );
    }
    const { events, created } = await build(tx);
    const stored = await recordEvents(tx, events);
    return { accepted: ids.length, created, seqs: stored.map((e) => e.seq) };
  });
  if (result.seqs.length > 0) ctx.onCommitted(result.seqs);
  return result;
}

export function alreadyReceived(label: string, index: number, id: string, source: string): string {
  return `${label}[${index}].id: ${id} was already received from ${source}`;
}

/** The problem of a thing that lies in `where`, outside the key's jurisdiction. */
export function outsideKey(ctx: IngestContext, what: string, where: string, verb = 'lies in'): string {
  const { region, key } = ctx;
  return `${what} ${verb} ${region.describe(where)}, outside this key's jurisdiction ${region.describe(key.jurisdiction)}`;
}
