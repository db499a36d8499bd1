import type { GeoJSONSource, GeoJSONSourceDiff } from 'maplibre-gl';
import { toFeature, type MapEntity, type MapEntityKind } from './entities';
import type { EntityChange } from './entity-store';

export type EntityPredicate = (entity: MapEntity) => boolean;

/**
 * Keeps a GeoJSON source holding exactly the entities the current scope shows, and knows which those are:
 * their number is the layer's count. Changes go to the source as diffs, never as a whole new data set.
 *
 * A mirror for a density surface carries positions only, and passes on a change only when something
 * appears, moves or goes: a camera going dark must not make the worker re-tile 150,000 points.
 */
export class SourceMirror {
  private readonly shown = new Map<string, MapEntity>();

  constructor(
    readonly kind: MapEntityKind,
    private readonly source: () => GeoJSONSource | undefined,
    private readonly carries: 'everything' | 'positions' = 'everything',
  ) {}

  private feature(entity: MapEntity) {
    if (this.carries === 'everything') return toFeature(this.kind, entity);
    return {
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [entity.lng, entity.lat] },
      properties: { id: entity.id },
    };
  }

  get entities(): ReadonlyMap<string, MapEntity> {
    return this.shown;
  }

  reset(all: Iterable<MapEntity>, shows: EntityPredicate): void {
    this.shown.clear();
    for (const entity of all) if (shows(entity)) this.shown.set(entity.id, entity);
    void this.source()?.setData({
      type: 'FeatureCollection',
      features: Array.from(this.shown.values(), (entity) => this.feature(entity)),
    });
  }

  apply(change: EntityChange, shows: EntityPredicate): void {
    const diff: Required<Pick<GeoJSONSourceDiff, 'add' | 'update' | 'remove'>> = {
      add: [],
      update: [],
      remove: [],
    };
    for (const entity of change.upserted) {
      const before = this.shown.get(entity.id);
      if (!shows(entity)) {
        if (before) diff.remove.push(entity.id);
        this.shown.delete(entity.id);
        continue;
      }
      this.shown.set(entity.id, entity);
      const moved = !before || before.lng !== entity.lng || before.lat !== entity.lat;
      if (this.carries === 'positions' && !moved) continue;
      const feature = this.feature(entity);
      if (!before) diff.add.push(feature);
      else
        diff.update.push({
          id: entity.id,
          newGeometry: feature.geometry,
          addOrUpdateProperties: Object.entries(feature.properties ?? {}).map(([key, value]) => ({
            key,
            value,
          })),
        });
    }
    for (const id of change.removed) {
      if (this.shown.delete(id)) diff.remove.push(id);
    }
    if (diff.add.length + diff.update.length + diff.remove.length > 0) void this.source()?.updateData(diff);
  }
}
