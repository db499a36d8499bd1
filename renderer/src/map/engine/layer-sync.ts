import type { LayerSpecification, Map as MapLibreMap } from 'maplibre-gl';

type Properties = Record<string, unknown>;
type LayoutProperty = Parameters<MapLibreMap['setLayoutProperty']>[1];
type PaintProperty = Parameters<MapLibreMap['setPaintProperty']>[1];
type LayoutValue = Parameters<MapLibreMap['setLayoutProperty']>[2];
type PaintValue = Parameters<MapLibreMap['setPaintProperty']>[2];
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function propertiesOf(layer: LayerSpecification, group: 'layout' | 'paint'): Properties {
  return ((layer as Record<string, unknown>)[group] as Properties | undefined) ?? {};
}

/**
 * Brings the overlay's layers in line with freshly built specifications — after a drill-down, a toggle or
 * a change of language — by setting only the filters and properties that differ. The sources, and the
 * hundred thousand features in them, stay untouched.
 */
export class LayerSync {
  private readonly applied = new Map<string, LayerSpecification>();

  /** What a freshly loaded style holds. */
  reset(layers: readonly LayerSpecification[]): void {
    this.applied.clear();
    for (const layer of layers) this.applied.set(layer.id, layer);
  }

  sync(map: MapLibreMap, layers: readonly LayerSpecification[]): void {
    for (const layer of layers) {
      const before = this.applied.get(layer.id);
      if (!before || !map.getLayer(layer.id)) continue;
      if ('filter' in layer && !same((before as { filter?: unknown }).filter, layer.filter))
        map.setFilter(layer.id, layer.filter ?? null);
      for (const group of ['layout', 'paint'] as const) {
        const now = propertiesOf(layer, group);
        const then = propertiesOf(before, group);
        for (const name of new Set([...Object.keys(now), ...Object.keys(then)])) {
          if (same(now[name], then[name])) continue;
          if (group === 'layout')
            map.setLayoutProperty(layer.id, name as LayoutProperty, now[name] as LayoutValue);
          else map.setPaintProperty(layer.id, name as PaintProperty, now[name] as PaintValue);
        }
      }
      this.applied.set(layer.id, layer);
    }
  }
}
