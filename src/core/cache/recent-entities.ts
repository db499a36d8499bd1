import type { EntityKind, EntityState } from '../../domain';

/**
 * The latest state of the entities the cache wrote most recently, as it committed them, so the next batch
 * folds its events onto them without reading each back (and opening its sealed fields again): a stream moves
 * the same forces and cameras over and over. Bounded, least recently used out. Only committed states go in,
 * and a state handed out must not be changed: the fold builds new states rather than editing old ones.
 */
export class RecentEntities {
  private readonly states = new Map<string, EntityState>();

  constructor(private readonly capacity: number) {}

  get(kind: EntityKind, id: string): EntityState | undefined {
    const key = `${kind}/${id}`;
    const state = this.states.get(key);
    if (state === undefined) return undefined;
    this.states.delete(key);
    this.states.set(key, state);
    return state;
  }

  /** After a batch commits: what it wrote. */
  remember(written: Iterable<EntityState>): void {
    for (const state of written) {
      const key = `${state.kind}/${state.id}`;
      this.states.delete(key);
      this.states.set(key, state);
    }
    for (const key of this.states.keys()) {
      if (this.states.size <= this.capacity) break;
      this.states.delete(key);
    }
  }

  /** Whenever what the database holds may differ from what was remembered: a failed batch, a snapshot. */
  forget(): void {
    this.states.clear();
  }
}
