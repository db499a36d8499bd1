import type { DesktopApi, DesktopEventPayload } from '../../../../src/core/contract/api';
import { entitiesFromColumns, MAP_ENTITY_KINDS, type MapEntity, type MapEntityKind } from './entities';
import type { EntityChange } from './entity-store';

/** `map.features` accepts at most this many ids in one call. */
const MAX_IDS_PER_CALL = 20_000;
const RETRY_AFTER_MS = 1_000;

export interface LiveFeedHandlers {
  /** Everything may have changed (a snapshot replaced the cache): read every kind again. */
  reload(): Promise<void>;
  /** What changed since the last frame, per kind: called at most once per animation frame. */
  apply(changes: Map<MapEntityKind, EntityChange>): void;
}

/**
 * Follows the cache's `changed` events: fetches only the ids that changed, and hands the results over in
 * one batch per animation frame, however many events arrived in between.
 */
export class LiveFeed {
  private readonly pending = new Map<MapEntityKind, Set<string>>();
  private readonly fetching = new Set<MapEntityKind>();
  /** Fetched, not yet applied: the newest answer per id, null when the id is gone. */
  private readonly fetched = new Map<MapEntityKind, Map<string, MapEntity | null>>();
  /** Bumped by every full reload, so that answers to older questions are dropped rather than applied over it. */
  private generation = 0;
  private reloading = false;
  private frame: number | undefined;
  private stopped = false;

  constructor(
    private readonly api: DesktopApi,
    private readonly root: string,
    private readonly handlers: LiveFeedHandlers,
  ) {}

  start(): () => void {
    const unsubscribe = this.api.on('changed', (change) => this.onChanged(change));
    return () => {
      this.stopped = true;
      unsubscribe();
      if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    };
  }

  private onChanged({ ids }: DesktopEventPayload<'changed'>): void {
    if (ids === null) {
      void this.reload();
      return;
    }
    for (const kind of MAP_ENTITY_KINDS) {
      const changed = ids[kind];
      if (!changed?.length) continue;
      const waiting = this.pending.get(kind) ?? new Set<string>();
      for (const id of changed) waiting.add(id);
      this.pending.set(kind, waiting);
      void this.fetchPending(kind);
    }
  }

  /** Reads everything again; changes that arrive meanwhile are applied after it, never before. */
  async reload(): Promise<void> {
    this.generation += 1;
    this.pending.clear();
    this.fetched.clear();
    this.reloading = true;
    try {
      await this.handlers.reload();
    } finally {
      this.reloading = false;
      this.scheduleFrame();
    }
  }

  private async fetchPending(kind: MapEntityKind): Promise<void> {
    if (this.fetching.has(kind)) return;
    this.fetching.add(kind);
    try {
      for (let waiting = this.pending.get(kind); waiting?.size && !this.stopped; waiting = this.pending.get(kind)) {
        const ids = Array.from(waiting).slice(0, MAX_IDS_PER_CALL);
        for (const id of ids) waiting.delete(id);
        const generation = this.generation;
        const answer = await this.api.call('map.features', { kind, ids, scope: this.root });
        if (generation !== this.generation) continue;
        if (!answer.ok) {
          for (const id of ids) waiting.add(id);
          setTimeout(() => void this.fetchPending(kind), RETRY_AFTER_MS);
          return;
        }
        const newest = this.fetched.get(kind) ?? new Map<string, MapEntity | null>();
        for (const entity of entitiesFromColumns(answer.value)) newest.set(entity.id, entity);
        for (const id of answer.value.missing) newest.set(id, null);
        this.fetched.set(kind, newest);
        this.scheduleFrame();
      }
    } finally {
      this.fetching.delete(kind);
    }
  }

  private scheduleFrame(): void {
    if (this.frame !== undefined || this.stopped) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.flush();
    });
  }

  private flush(): void {
    if (this.reloading || this.fetched.size === 0) return;
    const changes = new Map<MapEntityKind, EntityChange>();
    for (const [kind, newest] of this.fetched) {
      const change: EntityChange = { upserted: [], removed: [] };
      for (const [id, entity] of newest) {
        if (entity) change.upserted.push(entity);
        else change.removed.push(id);
      }
      changes.set(kind, change);
    }
    this.fetched.clear();
    this.handlers.apply(changes);
  }
}
