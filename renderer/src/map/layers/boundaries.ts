import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { JURISDICTION_LEVELS, levelOfCode, type JurisdictionLevel } from '../../../../src/domain';
import type { FeatureCollection } from 'geojson';
import { levelsFrom, type RegionData } from '../data/region-data';
import { childLevelOf, inScopeExpression } from '../scope/drill-down';
import { WALL } from '../style/palette';
import { TOGGLE_METADATA_KEY, visibility, type OverlayContext } from './context';

export const boundarySource = (level: JurisdictionLevel) => `boundary-${level}`;
/** The fill that takes clicks and shows the hover highlight, one per level. */
export const regionHitLayer = (level: JurisdictionLevel) => `region-hit-${level}`;

const LINE_STYLE: Record<JurisdictionLevel, { colour: string; width: number; minzoom: number }> = {
  prefecture: { colour: WALL.prefectureLine, width: 2.5, minzoom: 0 },
  county: { colour: WALL.countyLine, width: 1.6, minzoom: 0 },
  township: { colour: WALL.townshipLine, width: 1, minzoom: 7.5 },
  village: { colour: WALL.villageLine, width: 0.8, minzoom: 9.5 },
  grid: { colour: WALL.gridLine, width: 0.6, minzoom: 10.5 },
};

export function boundarySources(region: RegionData): Record<string, SourceSpecification> {
  return Object.fromEntries(
    Array.from(region.boundaries, ([level, boundaries]) => [
      boundarySource(level),
      // The contract types polygon coordinates loosely; they are GeoJSON all the same.
      { type: 'geojson', data: boundaries as unknown as FeatureCollection, promoteId: 'code' },
    ]),
  );
}

const isScope = (scope: string): ExpressionSpecification => ['==', ['get', 'code'], scope];

/** The scope's own area, under everything else. */
export function landLayers(context: OverlayContext): LayerSpecification[] {
  return levelsFrom(context.root).map((level) => ({
    id: `land-${level}`,
    type: 'fill',
    source: boundarySource(level),
    filter: isScope(context.scope),
    paint: { 'fill-color': WALL.land, 'fill-opacity': context.hasBasemap ? 0.35 : 0.92 },
  }));
}

/**
 * Transparent fills for the level one below the scope (the scope itself at the grid level): what a click
 * drills into, lit up under the pointer.
 */
export function regionHitLayers(context: OverlayContext): LayerSpecification[] {
  const clickable = childLevelOf(context.scope) ?? levelOfCode(context.scope);
  return levelsFrom(context.root)
    .filter((level) => level !== 'prefecture')
    .map((level) => ({
      id: regionHitLayer(level),
      type: 'fill',
      source: boundarySource(level),
      filter: inScopeExpression(context.scope),
      layout: { visibility: level === clickable ? 'visible' : 'none' },
      paint: {
        'fill-color': WALL.highlight,
        'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.18, 0],
      },
    }));
}

/**
 * Division lines inside the scope, finer ones only once zoomed in far enough to read them. Every level has
 * its layer whatever the scope, so that drilling down changes filters and visibility, never the layer set.
 */
export function boundaryLineLayers(context: OverlayContext): LayerSpecification[] {
  const scopeDepth = JURISDICTION_LEVELS.indexOf(levelOfCode(context.scope)!);
  const insideScope = (level: JurisdictionLevel) => JURISDICTION_LEVELS.indexOf(level) > scopeDepth;
  const levels = levelsFrom(context.root).slice(1).reverse();
  const lines: LayerSpecification[] = levels.map((level) => ({
    id: `line-${level}`,
    type: 'line',
    source: boundarySource(level),
    minzoom: LINE_STYLE[level].minzoom,
    filter: inScopeExpression(context.scope),
    ...(level === 'grid' ? { metadata: { [TOGGLE_METADATA_KEY]: 'grids' } } : {}),
    layout: {
      'line-join': 'round',
      visibility:
        level === 'grid'
          ? visibility(context, 'grids', insideScope(level))
          : insideScope(level)
            ? 'visible'
            : 'none',
    },
    paint: {
      'line-color': LINE_STYLE[level].colour,
      'line-width': [
        'interpolate',
        ['linear'],
        ['zoom'],
        7,
        LINE_STYLE[level].width,
        14,
        LINE_STYLE[level].width * 2,
      ],
      ...(level === 'grid' ? { 'line-dasharray': [3, 2] } : {}),
    },
  }));
  const outline: LayerSpecification[] = levelsFrom(context.root).map((level) => ({
    id: `outline-${level}`,
    type: 'line',
    source: boundarySource(level),
    filter: isScope(context.scope),
    layout: { 'line-join': 'round' },
    paint: { 'line-color': WALL.prefectureLine, 'line-width': 2.5 },
  }));
  return [...lines, ...outline];
}
