import { randomUUID } from 'node:crypto';
import {
  eventSubject,
  projectEvent,
  type EntityKind,
  type EntityState,
  type HubEvent,
  type HubEventDraft,
} from '../domain';
import type { HubTransaction, StoredEvent } from './store';

const key = (kind: string, id: string) => `${kind}/${id}`;

/**
 * Records domain events in one transaction: stamps each with an id, appends them to the log, and updates
 * the current-state entities they change. The domain's projection looks state up synchronously, so the
 * entities it asks for are fetched first (in one query per kind) and then it runs again: it asks only for
 * things named in the events themselves, so two passes always suffice.
 */
export async function recordEvents(
  tx: HubTransaction,
  drafts: readonly HubEventDraft[],
): Promise<StoredEvent[]> {
  if (drafts.length === 0) return [];
  const events = drafts.map((draft) => ({ ...draft, id: randomUUID(), seq: 0 }) as HubEvent);
  const known = new Map<string, EntityState | null>();

  for (;;) {
    const missing = new Map<EntityKind, Set<string>>();
    const working = new Map(known);
    const changed = new Map<string, EntityState>();
    const lookup = (kind: EntityKind, id: string) => {
      const found = working.get(key(kind, id));
      if (found === undefined) {
        if (!missing.has(kind)) missing.set(kind, new Set());
        missing.get(kind)!.add(id);
        return undefined;
      }
      return found ?? undefined;
    };
    for (const event of events) {
      for (const change of projectEvent(event, lookup)) {
        working.set(key(change.kind, change.id), change);
        changed.set(key(change.kind, change.id), change);
      }
    }
    if (missing.size === 0) {
      await tx.putEntities([...changed.values()]);
      return tx.appendEvents(
        events.map((event) => ({
          id: event.id,
          type: event.type,
          jurisdiction: event.jurisdiction,
          at: event.at,
          subject: eventSubject(event),
          payload: event.payload,
        })),
      );
    }
    for (const [kind, ids] of missing) {
      const found = await tx.getEntities(kind, [...ids]);
      for (const id of ids) known.set(key(kind, id), null);
      for (const entity of found) known.set(key(kind, entity.id), entity as EntityState);
    }
  }
}
