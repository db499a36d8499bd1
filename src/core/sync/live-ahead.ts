import { entityLocation, projectEvent, type EntityKind, type EntityState, type HubEvent } from '../../domain';
import type { ChangedIds } from '../cache/local-cache';
import { MAP_PROPERTIES, type LocatedKind, type MapFeatureColumns } from '../cache/queries';

type Lookup = (kind: EntityKind, id: string) => EntityState | undefined;

interface AheadEntity {
  entity: EntityState;
  /** The seq of the newest live event in it: once the cache holds that seq, the cache's own state is newer. */
  seq: number;
}

const key = (kind: string, id: string) => `${kind}/${id}`;

/**
 * The live view while a catch-up is running: what the events that arrived live, beyond the catch-up, make of
 * the entities they touch, before the cache holds them.
 *
 * The cache applies the log strictly in seq order, one high-water cursor for all of it, so that "sync by
 * cursor" stays true: every event at or below the cursor is in the cache, none above it. A live event at
 * N + 1000 therefore waits for the history N…N + 999 beneath it. Rather than hold it back from the screen
 * for that long, its entities are projected here, in memory, over what the cache holds now, and shown at
 * once; the cache still takes the event in its turn, and from then on its own state is the one shown
 * (`settle`). What is shown from here is provisional: a live change to an entity whose history has not
 * arrived yet is drawn over that entity's older state, until the history and the event itself are applied.
 * Only the map asks for it; counts, the queue and reports keep reading the cache alone.
 */
export class LiveAhead {
  private readonly entities = new Map<string, AheadEntity>();

  get size(): number {
    return this.entities.size;
  }

  /**
   * Projects live events over the cache's current state (and over what is already ahead of it); returns the
   * ids they changed. An event the stale state cannot take (its entity's past is still on the way) is left
   * to the cache: it shows when the cache applies it.
   */
  take(events: readonly HubEvent[], cacheCursor: number, lookup: Lookup): ChangedIds {
    const changed: ChangedIds = {};
    const ahead: Lookup = (kind, id) => this.entities.get(key(kind, id))?.entity ?? lookup(kind, id);
    for (const event of events) {
      if (event.seq <= cacheCursor) continue;
      let changes: EntityState[];
      try {
        changes = projectEvent(event, ahead);
      } catch {
        continue;
      }
      for (const entity of changes) {
        this.entities.set(key(entity.kind, entity.id), { entity, seq: event.seq });
        (changed[entity.kind] ??= []).push(entity.id);
      }
    }
    return changed;
  }

  /** Drops what the cache now holds: its cursor reached the entity's newest live event. */
  settle(cacheCursor: number): void {
    for (const [entityKey, { seq }] of this.entities) if (seq <= cacheCursor) this.entities.delete(entityKey);
  }

  /** Forgets everything: a snapshot replaced the cache's state. */
  clear(): void {
    this.entities.clear();
  }

  /** The cache's map features of `kind` in `scope` (or just `ids`) with the entities ahead of it in their place. */
  overMapFeatures(
    columns: MapFeatureColumns,
    kind: LocatedKind,
    scope: string,
    ids?: readonly string[],
  ): MapFeatureColumns {
    const asked = ids ? new Set(ids) : null;
    const ahead = [...this.entities.values()]
      .map(({ entity }) => entity)
      .filter(
        (entity) =>
          entity.kind === kind && entity.jurisdiction.startsWith(scope) && (asked?.has(entity.id) ?? true),
      );
    if (ahead.length === 0) return columns;
    const names = Object.keys(MAP_PROPERTIES[kind]);
    const rowOf = new Map(columns.ids.map((id, row) => [id, row]));
    const missing = new Set(columns.missing);
    for (const entity of ahead) {
      const location = entityLocation(kind, entity.doc);
      if (!location) continue;
      const row = rowOf.get(entity.id) ?? columns.ids.push(entity.id) - 1;
      columns.coordinates[2 * row] = location[0];
      columns.coordinates[2 * row + 1] = location[1];
      for (const name of names)
        columns.properties[name]![row] = documentValue(entity.doc, MAP_PROPERTIES[kind][name]!);
      missing.delete(entity.id);
    }
    columns.missing = [...missing];
    return columns;
  }
}

/** What SQLite's `json_extract(doc, path)` gives for a `$.a.b` path, read from the document in memory. */
function documentValue(doc: unknown, path: string): string | number | null {
  let value: unknown = doc;
  for (const step of path.replace(/^\$\./, '').split('.'))
    value =
      value === null || typeof value !== 'object' ? undefined : (value as Record<string, unknown>)[step];
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'object') return JSON.stringify(value);
  return value as string | number;
}
