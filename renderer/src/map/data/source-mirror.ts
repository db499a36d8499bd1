import type { Feature, Point } from 'geojson';
import type { GeoJSONSource, GeoJSONSourceDiff } from 'maplibre-gl';
import { toFeature, type MapEntity, type MapEntityKind } from './entities';
import type { EntityChange } from './entity-store';

export type EntityPredicate = (entity: MapEntity) => boolean;

export interface MirrorOptions {
  /**
   * 'positions' for a density surface: features carry their position only, and only an entity that
   * appears, moves or goes is sent on — a camera going dark must not make the worker re-tile 150,000 points.
   */
  carries?: 'everything' | 'positions';
  /**
   * The least time between two diffs sent to the source. Every diff makes the worker re-tile the source,
   * so a busy layer of thousands of points is sent its changes in batches rather than frame by frame.
   */
  minIntervalMs?: number;
  /** Shown entities this holds true of are kept counted as they change, for figures read every frame. */
  tally?: EntityPredicate;
}

/**
 * Keeps a GeoJSON source holding exactly the entities the current scope shows, and knows which those are at
 * once: their number is the layer's count. Changes reach the source as diffs, never as a whole new data set.
 */
export class SourceMirror {
  private readonly shown = new Map<string, MapEntity>();
  /** Ids the source itself holds now, which lags {@link shown} by the batching interval. */
  private readonly inSource = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly carries: 'everything' | 'positions';
  private readonly minIntervalMs: number;
  private readonly tally: EntityPredicate;
  private tallied = 0;
  private lastSent = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly kind: MapEntityKind,
    private readonly source: () => GeoJSONSource | undefined,
    options: MirrorOptions = {},
  ) {
    this.carries = options.carries ?? 'everything';
    this.minIntervalMs = options.minIntervalMs ?? 0;
    this.tally = options.tally ?? (() => false);
  }

  /** How many shown entities the `tally` predicate holds true of. */
  get tallyCount(): number {
    return this.tallied;
  }

  get entities(): ReadonlyMap<string, MapEntity> {
    return this.shown;
  }

  reset(all: Iterable<MapEntity>, shows: EntityPredicate): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.shown.clear();
    this.dirty.clear();
    this.inSource.clear();
    this.tallied = 0;
    for (const entity of all)
      if (shows(entity)) {
        this.shown.set(entity.id, entity);
        this.inSource.add(entity.id);
        if (this.tally(entity)) this.tallied += 1;
      }
    this.lastSent = performance.now();
    void this.source()?.setData({
      type: 'FeatureCollection',
      features: Array.from(this.shown.values(), (entity) => this.feature(entity)),
    });
  }

  apply(change: EntityChange, shows: EntityPredicate): void {
    for (const entity of change.upserted) {
      const before = this.shown.get(entity.id);
      if (before && this.tally(before)) this.tallied -= 1;
      if (!shows(entity)) {
        if (this.shown.delete(entity.id)) this.dirty.add(entity.id);
        continue;
      }
      this.shown.set(entity.id, entity);
      if (this.tally(entity)) this.tallied += 1;
      const moved = !before || before.lng !== entity.lng || before.lat !== entity.lat;
      if (this.carries === 'everything' || moved) this.dirty.add(entity.id);
    }
    for (const id of change.removed) {
      const before = this.shown.get(id);
      if (!before) continue;
      if (this.tally(before)) this.tallied -= 1;
      this.shown.delete(id);
      this.dirty.add(id);
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.dirty.size === 0 || this.timer !== undefined) return;
    const wait = this.lastSent + this.minIntervalMs - performance.now();
    if (wait <= 0) this.send();
    else this.timer = setTimeout(() => this.send(), wait);
  }

  private send(): void {
    this.timer = undefined;
    this.lastSent = performance.now();
    const diff: Required<Pick<GeoJSONSourceDiff, 'add' | 'update' | 'remove'>> = { add: [], update: [], remove: [] };
    for (const id of this.dirty) {
      const entity = this.shown.get(id);
      if (!entity) {
        if (this.inSource.delete(id)) diff.remove.push(id);
      } else if (!this.inSource.has(id)) {
        this.inSource.add(id);
        diff.add.push(this.feature(entity));
      } else {
        const feature = this.feature(entity);
        diff.update.push({
          id,
          newGeometry: feature.geometry,
          addOrUpdateProperties: Object.entries(feature.properties ?? {}).map(([key, value]) => ({ key, value })),
        });
      }
    }
    this.dirty.clear();
    if (diff.add.length + diff.update.length + diff.remove.length > 0) void this.source()?.updateData(diff);
  }

  private feature(entity: MapEntity): Feature<Point> {
    if (this.carries === 'everything') return toFeature(this.kind, entity);
    return { type: 'Feature', geometry: { type: 'Point', coordinates: [entity.lng, entity.lat] }, properties: { id: entity.id } };
  }

  /** Drops a pending batch: the map is going away. */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
