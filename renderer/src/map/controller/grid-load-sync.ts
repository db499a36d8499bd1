import type { Feature } from 'geojson';
import type { GeoJSONSource, GeoJSONSourceDiff } from 'maplibre-gl';
import type { GridLoadIndex } from '../data/grid-load';
import type { RegionData } from '../data/region-data';
import { GRID_LOAD_LABEL_SOURCE, GRID_LOAD_SOURCE } from '../layers/grid-load';

/** Puts the grids that have open incidents, with their load, into the two grid-load sources. */
export class GridLoadSync {
  private readonly shown = new Set<string>();

  constructor(private readonly source: (id: string) => GeoJSONSource | undefined) {}

  reset(region: RegionData, loads: GridLoadIndex): void {
    this.shown.clear();
    const areas: Feature[] = [];
    const labels: Feature[] = [];
    for (const unit of region.units.values()) {
      if (unit.level !== 'grid' || loads.loadOf(unit.code).openCount === 0) continue;
      this.shown.add(unit.code);
      areas.push(this.feature(region, loads, unit.code, 'area'));
      labels.push(this.feature(region, loads, unit.code, 'label'));
    }
    void this.source(GRID_LOAD_SOURCE)?.setData({ type: 'FeatureCollection', features: areas });
    void this.source(GRID_LOAD_LABEL_SOURCE)?.setData({ type: 'FeatureCollection', features: labels });
  }

  apply(region: RegionData, loads: GridLoadIndex, grids: Iterable<string>): void {
    const areas: Required<Pick<GeoJSONSourceDiff, 'add' | 'update' | 'remove'>> = {
      add: [],
      update: [],
      remove: [],
    };
    const labels: typeof areas = { add: [], update: [], remove: [] };
    for (const code of grids) {
      if (!region.units.has(code)) continue;
      const load = loads.loadOf(code);
      if (load.openCount === 0) {
        if (this.shown.delete(code)) {
          areas.remove.push(code);
          labels.remove.push(code);
        }
      } else if (this.shown.has(code)) {
        const addOrUpdateProperties = [
          { key: 'openCount', value: load.openCount },
          { key: 'maxRisk', value: load.maxRisk },
        ];
        areas.update.push({ id: code, addOrUpdateProperties });
        labels.update.push({ id: code, addOrUpdateProperties });
      } else {
        this.shown.add(code);
        areas.add.push(this.feature(region, loads, code, 'area'));
        labels.add.push(this.feature(region, loads, code, 'label'));
      }
    }
    if (areas.add.length + areas.update.length + areas.remove.length === 0) return;
    void this.source(GRID_LOAD_SOURCE)?.updateData(areas);
    void this.source(GRID_LOAD_LABEL_SOURCE)?.updateData(labels);
  }

  private feature(region: RegionData, loads: GridLoadIndex, code: string, shape: 'area' | 'label'): Feature {
    const unit = region.units.get(code)!;
    return {
      type: 'Feature',
      geometry: shape === 'area' ? unit.area : { type: 'Point', coordinates: unit.labelPoint },
      properties: { code, ...loads.loadOf(code) },
    };
  }
}
