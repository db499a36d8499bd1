import type { ForceKind, Stage } from '../../../../src/domain';
import type { MapRisk } from '../style/palette';

export const MAP_LAYERS = [
  'grids',
  'incidents',
  'monitoring-points',
  'forces',
  'sensitive-places',
  'dangerous-objects',
] as const;
/** A layer as the operator sees it: one toggle, one count, one or more MapLibre layers. */
export type MapLayerId = (typeof MAP_LAYERS)[number];

export const GRID_COLOURINGS = ['load', 'risk'] as const;
export type GridColouring = (typeof GRID_COLOURINGS)[number];

/** Words drawn on the map itself, in the operator's language. */
export interface StyleTexts {
  stages: Record<Stage, string>;
  forceMarks: Record<ForceKind, string>;
  risks: Record<MapRisk, string>;
  /** How a grid's open-incident count reads, around the number: "在办 3", "3 open". */
  openCount: { before: string; after: string };
}

/** Everything the overlay's look depends on: the style is a pure function of it. */
export interface OverlayContext {
  root: string;
  scope: string;
  texts: StyleTexts;
  gridColouring: GridColouring;
  visible: Record<MapLayerId, boolean>;
  /** With a basemap underneath, the region's own land fill turns translucent. */
  hasBasemap: boolean;
}

/** Tags a MapLibre layer with the operator-facing layer it belongs to. */
export const TOGGLE_METADATA_KEY = 'pingan:layer';

export function visibility(context: OverlayContext, layer: MapLayerId, alsoWhen = true): 'visible' | 'none' {
  return context.visible[layer] && alsoWhen ? 'visible' : 'none';
}
