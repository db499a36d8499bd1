import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { hatchPattern } from '../engine/icons';
import { inScopeExpression } from '../scope/drill-down';
import { LOAD_CLASSES, RISK_COLOURS, WALL } from '../style/palette';
import { LABEL_HALO, scaledTextSize } from './common';
import { TOGGLE_METADATA_KEY, visibility, type OverlayContext } from './context';

/**
 * Only the grids with something open, as areas and as label points: small sources that change with every
 * incident, so that the thousands of static grid boundaries never need re-tiling.
 */
export const GRID_LOAD_SOURCE = 'grid-load';
export const GRID_LOAD_LABEL_SOURCE = 'grid-load-labels';
/** Counts are written in the grids from this zoom, above the grid's own name. */
const COUNT_MIN_ZOOM = 12;

export function gridLoadSources(): Record<string, SourceSpecification> {
  const empty = (): SourceSpecification => ({
    type: 'geojson',
    data: { type: 'FeatureCollection', features: [] },
    promoteId: 'code',
  });
  return { [GRID_LOAD_SOURCE]: empty(), [GRID_LOAD_LABEL_SOURCE]: empty() };
}

const GRIDS = { [TOGGLE_METADATA_KEY]: 'grids' };

const loadColour: ExpressionSpecification = [
  'step',
  ['get', 'openCount'],
  'rgba(0, 0, 0, 0)',
  ...LOAD_CLASSES.flatMap(({ min, colour }) => [min, colour]),
] as ExpressionSpecification;

const riskColour: ExpressionSpecification = [
  'match',
  ['get', 'maxRisk'],
  'high',
  RISK_COLOURS.high,
  'medium',
  RISK_COLOURS.medium,
  'low',
  RISK_COLOURS.low,
  RISK_COLOURS.ungraded,
];

/**
 * Grids with open incidents, coloured by how many (a sequential scale) or by the most urgent risk among them
 * (the risk palette, with hatching that tells the grades apart without colour).
 */
export function gridLoadLayers(context: OverlayContext): LayerSpecification[] {
  const loaded = inScopeExpression(context.scope);
  const byRisk = context.gridColouring === 'risk';
  return [
    {
      id: 'grid-load',
      type: 'fill',
      source: GRID_LOAD_SOURCE,
      filter: loaded,
      metadata: GRIDS,
      layout: { visibility: visibility(context, 'grids') },
      paint: { 'fill-color': byRisk ? riskColour : loadColour, 'fill-opacity': byRisk ? 0.5 : 0.75 },
    },
    {
      id: 'grid-risk-hatch',
      type: 'fill',
      source: GRID_LOAD_SOURCE,
      filter: ['all', loaded, ['!=', ['get', 'maxRisk'], 'ungraded']],
      metadata: GRIDS,
      layout: { visibility: visibility(context, 'grids', byRisk) },
      paint: {
        'fill-pattern': [
          'match',
          ['get', 'maxRisk'],
          'high',
          hatchPattern('high'),
          'medium',
          hatchPattern('medium'),
          hatchPattern('low'),
        ],
      },
    },
    {
      id: 'grid-load-counts',
      type: 'symbol',
      source: GRID_LOAD_LABEL_SOURCE,
      minzoom: COUNT_MIN_ZOOM,
      filter: loaded,
      metadata: GRIDS,
      layout: {
        visibility: visibility(context, 'grids'),
        'text-field': countText(context),
        'text-size': scaledTextSize([[COUNT_MIN_ZOOM, 13]]),
        'text-anchor': 'bottom',
        'text-offset': [0, -1.3],
        'text-allow-overlap': true,
      },
      paint: { 'text-color': WALL.labelStrong, ...LABEL_HALO },
    },
  ];
}

/** The count in words, with the grade in risk mode, so neither relies on the fill colour. */
function countText(context: OverlayContext): ExpressionSpecification {
  const count: ExpressionSpecification = ['to-string', ['get', 'openCount']];
  if (context.gridColouring === 'load')
    return ['concat', context.texts.openCount.before, count, context.texts.openCount.after];
  const { risks } = context.texts;
  const grade: ExpressionSpecification = [
    'match',
    ['get', 'maxRisk'],
    'high',
    risks.high,
    'medium',
    risks.medium,
    'low',
    risks.low,
    risks.ungraded,
  ];
  return ['concat', grade, ' · ', count];
}
