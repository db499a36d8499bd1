import type { MapEntity } from './entities';

/** What one fetch after a change brought: the ids it found, and the ids that are gone. */
export interface EntityChange {
  upserted: MapEntity[];
  removed: string[];
}

/** Every located thing of one kind in the operator's jurisdiction, as last read from the cache. */
export class EntityStore {
  readonly byId = new Map<string, MapEntity>();

  replaceAll(entities: readonly MapEntity[]): void {
    this.byId.clear();
    for (const entity of entities) this.byId.set(entity.id, entity);
  }

  /** Applies a change and returns what each touched id was before, so callers can tell what is new. */
  apply(change: EntityChange): Map<string, MapEntity | undefined> {
    const previous = new Map<string, MapEntity | undefined>();
    for (const entity of change.upserted) {
      previous.set(entity.id, this.byId.get(entity.id));
      this.byId.set(entity.id, entity);
    }
    for (const id of change.removed) {
      previous.set(id, this.byId.get(id));
      this.byId.delete(id);
    }
    return previous;
  }
}
