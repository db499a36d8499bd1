import type {
  FeatureIdentifier,
  GeoJSONSource,
  MapGeoJSONFeature,
  MapMouseEvent,
  Map as MapLibreMap,
} from 'maplibre-gl';
import { levelOfCode, type JurisdictionLevel } from '../../../../src/domain';
import type { PropertyValue } from '../data/entities';
import type { ClusterItem, Hover, HoverTarget, Selection } from '../inspect/targets';
import { boundarySource, regionHitLayer } from '../layers/boundaries';
import { FORCE_SYMBOL_LAYER } from '../layers/forces';
import { INCIDENT_CLUSTER_LAYER, INCIDENT_POINT_LAYER, INCIDENT_SOURCE } from '../layers/incidents';
import { MONITORING_SYMBOL_LAYER } from '../layers/monitoring-points';
import { DANGEROUS_OBJECT_LAYER, SENSITIVE_PLACE_LAYER } from '../layers/targets';
import { childLevelOf, drillTarget } from '../scope/drill-down';

/** How many incidents a cluster's list shows at most. */
const CLUSTER_LIST_LIMIT = 100;
/** Symbols are small: a click within this many pixels of one counts. */
const HIT_SLOP = 5;
const REGION_LEVELS: JurisdictionLevel[] = ['county', 'township', 'village', 'grid'];

export interface InteractionHandlers {
  scope(): string;
  setScope(code: string): void;
  hover(hover: Hover | null): void;
  select(selection: Selection | null): void;
}

const text = (value: PropertyValue | undefined) =>
  value === null || value === undefined ? '' : String(value);
const pointOf = (feature: MapGeoJSONFeature): [number, number] =>
  feature.geometry.type === 'Point' ? (feature.geometry.coordinates as [number, number]) : [0, 0];

/** Hover tooltips, clicks that inspect, and clicks that drill down. Returns a function that detaches them. */
export function attachInteractions(map: MapLibreMap, handlers: InteractionHandlers): () => void {
  let hovered: FeatureIdentifier | null = null;
  let pendingMove: MapMouseEvent | null = null;
  let moveFrame: number | undefined;

  const interactiveLayers = () =>
    [
      INCIDENT_CLUSTER_LAYER,
      INCIDENT_POINT_LAYER,
      FORCE_SYMBOL_LAYER,
      MONITORING_SYMBOL_LAYER,
      DANGEROUS_OBJECT_LAYER,
      SENSITIVE_PLACE_LAYER,
      ...REGION_LEVELS.map(regionHitLayer),
    ].filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none');

  /** The topmost feature under the pointer, symbols before areas. */
  function featureAt(event: MapMouseEvent): MapGeoJSONFeature | undefined {
    const { x, y } = event.point;
    const features = map.queryRenderedFeatures(
      [
        [x - HIT_SLOP, y - HIT_SLOP],
        [x + HIT_SLOP, y + HIT_SLOP],
      ],
      { layers: interactiveLayers() },
    );
    const isArea = (feature: MapGeoJSONFeature) => feature.layer.id.startsWith('region-hit-');
    const symbol = features.find((feature) => !isArea(feature));
    if (symbol) return symbol;
    // Areas need the exact point: the box would catch the neighbour across the border.
    return map.queryRenderedFeatures(event.point, { layers: interactiveLayers() }).find(isArea);
  }

  function targetOf(feature: MapGeoJSONFeature): HoverTarget {
    const properties = feature.properties as Record<string, PropertyValue>;
    const layer = feature.layer.id;
    if (layer === INCIDENT_CLUSTER_LAYER)
      return {
        kind: 'cluster',
        count: Number(properties.point_count),
        high: Number(properties.highCount ?? 0),
      };
    if (layer === INCIDENT_POINT_LAYER) return { kind: 'incident', properties };
    if (layer === FORCE_SYMBOL_LAYER) return { kind: 'force', properties };
    if (layer === MONITORING_SYMBOL_LAYER) return { kind: 'monitoring-point', properties };
    if (layer === SENSITIVE_PLACE_LAYER) return { kind: 'sensitive-place', properties };
    if (layer === DANGEROUS_OBJECT_LAYER) return { kind: 'dangerous-object', properties };
    const code = text(properties.code);
    const level = levelOfCode(code) ?? 'grid';
    return {
      kind: 'region',
      code,
      name: text(properties.name),
      level,
      drillable: level === childLevelOf(handlers.scope()),
    };
  }

  function setHovered(feature: MapGeoJSONFeature | undefined): void {
    const next =
      feature?.layer.id.startsWith('region-hit-') && feature.id !== undefined
        ? { source: boundarySource(levelOfCode(String(feature.id)) ?? 'grid'), id: feature.id }
        : null;
    if (hovered && (hovered.id !== next?.id || hovered.source !== next?.source))
      map.setFeatureState(hovered, { hover: false });
    if (next) map.setFeatureState(next, { hover: true });
    hovered = next;
  }

  const onMove = (event: MapMouseEvent) => {
    pendingMove = event;
    moveFrame ??= requestAnimationFrame(() => {
      moveFrame = undefined;
      if (!pendingMove) return;
      const feature = featureAt(pendingMove);
      setHovered(feature);
      map.getCanvas().style.cursor = feature ? 'pointer' : '';
      handlers.hover(
        feature ? { x: pendingMove.point.x, y: pendingMove.point.y, target: targetOf(feature) } : null,
      );
    });
  };

  const onLeave = () => {
    pendingMove = null;
    setHovered(undefined);
    handlers.hover(null);
  };

  async function listCluster(feature: MapGeoJSONFeature): Promise<void> {
    const source = map.getSource<GeoJSONSource>(INCIDENT_SOURCE);
    const count = Number(feature.properties.point_count);
    const leaves =
      (await source?.getClusterLeaves(Number(feature.properties.cluster_id), CLUSTER_LIST_LIMIT, 0)) ?? [];
    const items: ClusterItem[] = leaves.map((leaf) => ({
      id: text(leaf.properties?.id),
      title: text(leaf.properties?.title),
      risk: text(leaf.properties?.risk),
      stage: text(leaf.properties?.stage),
      at: leaf.geometry.type === 'Point' ? (leaf.geometry.coordinates as [number, number]) : [0, 0],
    }));
    handlers.select({ kind: 'cluster', count, items });
  }

  function openRegion(code: string): void {
    const scope = handlers.scope();
    if (levelOfCode(scope) === 'grid') {
      handlers.select({ kind: 'grid', code: scope });
      return;
    }
    const target = drillTarget(code, scope);
    if (!target) return;
    handlers.setScope(target);
    // The pointer has not moved, but what it was over has just become the scope.
    handlers.hover(null);
    handlers.select(levelOfCode(target) === 'grid' ? { kind: 'grid', code: target } : null);
  }

  const onClick = (event: MapMouseEvent) => {
    const feature = featureAt(event);
    if (!feature) return;
    const target = targetOf(feature);
    switch (target.kind) {
      case 'cluster':
        void listCluster(feature);
        break;
      case 'incident':
      case 'monitoring-point':
      case 'force':
        handlers.select({ kind: target.kind, id: text(target.properties.id), at: pointOf(feature) });
        break;
      case 'sensitive-place':
      case 'dangerous-object':
        openRegion(text(target.properties.code));
        break;
      case 'region':
        openRegion(target.code);
        break;
    }
  };

  map.on('mousemove', onMove);
  map.on('mouseout', onLeave);
  map.on('click', onClick);
  return () => {
    if (moveFrame !== undefined) cancelAnimationFrame(moveFrame);
    map.off('mousemove', onMove);
    map.off('mouseout', onLeave);
    map.off('click', onClick);
  };
}
