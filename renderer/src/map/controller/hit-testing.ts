import type { GeoJSONSource, MapGeoJSONFeature, MapMouseEvent, Map as MapLibreMap } from 'maplibre-gl';
import { levelOfCode, type JurisdictionLevel } from '../../../../src/domain';
import type { PropertyValue } from '../data/entities';
import type { ClusterItem, HoverTarget } from '../inspect/targets';
import { regionHitLayer } from '../layers/boundaries';
import { FORCE_SYMBOL_LAYER } from '../layers/forces';
import { INCIDENT_CLUSTER_LAYER, INCIDENT_POINT_LAYER, INCIDENT_SOURCE } from '../layers/incidents';
import { MONITORING_SYMBOL_LAYER } from '../layers/monitoring-points';
import { DANGEROUS_OBJECT_LAYER, SENSITIVE_PLACE_LAYER } from '../layers/targets';
import { childLevelOf } from '../scope/drill-down';

/** How many incidents a cluster's list shows at most. */
const CLUSTER_LIST_LIMIT = 100;
/** Symbols are small: a click within this many pixels of one counts. */
const HIT_SLOP = 5;
const REGION_LEVELS: JurisdictionLevel[] = ['county', 'township', 'village', 'grid'];

export const textOf = (value: PropertyValue | undefined) =>
  value === null || value === undefined ? '' : String(value);
export const pointOf = (feature: MapGeoJSONFeature): [number, number] =>
  feature.geometry.type === 'Point' ? (feature.geometry.coordinates as [number, number]) : [0, 0];
export const isRegionArea = (feature: MapGeoJSONFeature) => feature.layer.id.startsWith('region-hit-');

/** The layers a pointer may hit: those drawn now. */
function interactiveLayers(map: MapLibreMap): string[] {
  return [
    INCIDENT_CLUSTER_LAYER,
    INCIDENT_POINT_LAYER,
    FORCE_SYMBOL_LAYER,
    MONITORING_SYMBOL_LAYER,
    DANGEROUS_OBJECT_LAYER,
    SENSITIVE_PLACE_LAYER,
    ...REGION_LEVELS.map(regionHitLayer),
  ].filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');
}

/** The topmost feature under the pointer, symbols before areas. */
export function featureAt(map: MapLibreMap, event: MapMouseEvent): MapGeoJSONFeature | undefined {
  const { x, y } = event.point;
  const features = map.queryRenderedFeatures(
    [
      [x - HIT_SLOP, y - HIT_SLOP],
      [x + HIT_SLOP, y + HIT_SLOP],
    ],
    { layers: interactiveLayers(map) },
  );
  const symbol = features.find((feature) => !isRegionArea(feature));
  if (symbol) return symbol;
  // Areas need the exact point: the box would catch the neighbour across the border.
  return map.queryRenderedFeatures(event.point, { layers: interactiveLayers(map) }).find(isRegionArea);
}

const SYMBOL_KINDS = {
  [INCIDENT_POINT_LAYER]: 'incident',
  [FORCE_SYMBOL_LAYER]: 'force',
  [MONITORING_SYMBOL_LAYER]: 'monitoring-point',
  [SENSITIVE_PLACE_LAYER]: 'sensitive-place',
  [DANGEROUS_OBJECT_LAYER]: 'dangerous-object',
} as const;

/** What a hit feature is, for the tooltip and the click; a region says whether a click drills into it. */
export function targetOf(feature: MapGeoJSONFeature, scope: string): HoverTarget {
  const properties = feature.properties as Record<string, PropertyValue>;
  const layer = feature.layer.id;
  if (layer === INCIDENT_CLUSTER_LAYER)
    return {
      kind: 'cluster',
      count: Number(properties.point_count),
      high: Number(properties.highCount ?? 0),
    };
  if (Object.hasOwn(SYMBOL_KINDS, layer))
    return { kind: SYMBOL_KINDS[layer as keyof typeof SYMBOL_KINDS], properties };
  const code = textOf(properties.code);
  const level = levelOfCode(code) ?? 'grid';
  return {
    kind: 'region',
    code,
    name: textOf(properties.name),
    level,
    drillable: level === childLevelOf(scope),
  };
}

/** The incidents of a clicked cluster, as its list shows them. */
export async function clusterItems(map: MapLibreMap, feature: MapGeoJSONFeature): Promise<ClusterItem[]> {
  const source = map.getSource<GeoJSONSource>(INCIDENT_SOURCE);
  const leaves =
    (await source?.getClusterLeaves(Number(feature.properties.cluster_id), CLUSTER_LIST_LIMIT, 0)) ?? [];
  return leaves.map((leaf) => ({
    id: textOf(leaf.properties?.id),
    title: textOf(leaf.properties?.title),
    risk: textOf(leaf.properties?.risk),
    stage: textOf(leaf.properties?.stage),
    at: leaf.geometry.type === 'Point' ? (leaf.geometry.coordinates as [number, number]) : [0, 0],
  }));
}
