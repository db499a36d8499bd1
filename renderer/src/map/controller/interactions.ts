import type { FeatureIdentifier, MapGeoJSONFeature, MapMouseEvent, Map as MapLibreMap } from 'maplibre-gl';
import { levelOfCode } from '../../../../src/domain';
import type { Hover, Selection } from '../inspect/targets';
import { boundarySource } from '../layers/boundaries';
import { drillTarget } from '../scope/drill-down';
import { clusterItems, featureAt, isRegionArea, pointOf, targetOf, textOf } from './hit-testing';

export interface InteractionHandlers {
  scope(): string;
  setScope(code: string): void;
  hover(hover: Hover | null): void;
  select(selection: Selection | null): void;
}

/** The region under the pointer drawn as hovered: one at a time. */
function hoverHighlight(map: MapLibreMap) {
  let hovered: FeatureIdentifier | null = null;
  return (feature: MapGeoJSONFeature | undefined): void => {
    const next =
      feature && isRegionArea(feature) && feature.id !== undefined
        ? { source: boundarySource(levelOfCode(String(feature.id)) ?? 'grid'), id: feature.id }
        : null;
    if (hovered && (hovered.id !== next?.id || hovered.source !== next?.source))
      map.setFeatureState(hovered, { hover: false });
    if (next) map.setFeatureState(next, { hover: true });
    hovered = next;
  };
}

/** A click on a region, or on a place registered in one: drills into it, or inspects the grid reached. */
function openRegion(code: string, handlers: InteractionHandlers): void {
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

function clickOn(map: MapLibreMap, feature: MapGeoJSONFeature, handlers: InteractionHandlers): void {
  const target = targetOf(feature, handlers.scope());
  switch (target.kind) {
    case 'cluster':
      void clusterItems(map, feature).then((items) =>
        handlers.select({ kind: 'cluster', count: target.count, items }),
      );
      break;
    case 'incident':
    case 'monitoring-point':
    case 'force':
      handlers.select({ kind: target.kind, id: textOf(target.properties.id), at: pointOf(feature) });
      break;
    case 'sensitive-place':
    case 'dangerous-object':
      openRegion(textOf(target.properties.code), handlers);
      break;
    case 'region':
      openRegion(target.code, handlers);
      break;
  }
}

/** Hover tooltips, clicks that inspect, and clicks that drill down. Returns a function that detaches them. */
export function attachInteractions(map: MapLibreMap, handlers: InteractionHandlers): () => void {
  const setHovered = hoverHighlight(map);
  let pendingMove: MapMouseEvent | null = null;
  let moveFrame: number | undefined;

  // Pointer moves come faster than frames: only the latest one in a frame is looked at.
  const onMove = (event: MapMouseEvent) => {
    pendingMove = event;
    moveFrame ??= requestAnimationFrame(() => {
      moveFrame = undefined;
      if (!pendingMove) return;
      const feature = featureAt(map, pendingMove);
      setHovered(feature);
      map.getCanvas().style.cursor = feature ? 'pointer' : '';
      const { x, y } = pendingMove.point;
      handlers.hover(feature ? { x, y, target: targetOf(feature, handlers.scope()) } : null);
    });
  };
  const onLeave = () => {
    pendingMove = null;
    setHovered(undefined);
    handlers.hover(null);
  };
  const onClick = (event: MapMouseEvent) => {
    const feature = featureAt(map, event);
    if (feature) clickOn(map, feature, handlers);
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
