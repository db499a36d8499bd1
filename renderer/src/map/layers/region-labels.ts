import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { JURISDICTION_LEVELS, levelOfCode, type JurisdictionLevel } from '../../../../src/domain';
import { levelsFrom, type RegionData } from '../data/region-data';
import { inScopeExpression } from '../scope/drill-down';
import { WALL } from '../style/palette';
import { LABEL_HALO, scaledTextSize } from './common';
import { TOGGLE_METADATA_KEY, visibility, type OverlayContext } from './context';

const REGION_LABEL_SOURCE = 'region-labels';

export function regionLabelSources(region: RegionData): Record<string, SourceSpecification> {
  return { [REGION_LABEL_SOURCE]: { type: 'geojson', data: region.labels, promoteId: 'code' } };
}

const LABELS: Record<
  Exclude<JurisdictionLevel, 'prefecture'>,
  { minzoom: number; maxzoom: number; sizes: [number, number][]; colour: string }
> = {
  county: {
    minzoom: 0,
    maxzoom: 10.5,
    sizes: [
      [7, 17],
      [10, 22],
    ],
    colour: WALL.labelStrong,
  },
  township: {
    minzoom: 8.5,
    maxzoom: 13,
    sizes: [
      [8, 13],
      [12, 18],
    ],
    colour: WALL.labelMedium,
  },
  village: {
    minzoom: 10,
    maxzoom: 15.5,
    sizes: [
      [10, 13],
      [14, 17],
    ],
    colour: WALL.labelMedium,
  },
  grid: {
    minzoom: 12,
    maxzoom: 24,
    sizes: [
      [12, 13],
      [16, 17],
    ],
    colour: WALL.labelMedium,
  },
};

/**
 * A label's text: a place goes by its name; a grid also shows its code under it, since the grid directory and
 * the grid workers name grids by code.
 */
function labelText(level: JurisdictionLevel): ExpressionSpecification {
  const name: ExpressionSpecification = ['get', 'name'];
  if (level !== 'grid') return ['format', name, {}];
  return [
    'format',
    name,
    {},
    '\n',
    {},
    ['get', 'code'],
    { 'font-scale': 0.78, 'text-color': WALL.labelWeak },
  ];
}

/** Names of the divisions inside the scope, each level at the zooms where it can be read. */
export function regionLabelLayers(context: OverlayContext): LayerSpecification[] {
  const scopeDepth = JURISDICTION_LEVELS.indexOf(levelOfCode(context.scope)!);
  const rootLevels = levelsFrom(context.root);
  // Finest first: a later symbol layer wins a collision, and a county's name must outlast its townships'.
  return (Object.keys(LABELS) as (keyof typeof LABELS)[])
    .reverse()
    .filter((level) => rootLevels.includes(level))
    .map((level) => ({
      id: `label-${level}`,
      type: 'symbol',
      source: REGION_LABEL_SOURCE,
      minzoom: LABELS[level].minzoom,
      maxzoom: LABELS[level].maxzoom,
      filter: ['all', ['==', ['get', 'level'], level], inScopeExpression(context.scope)],
      ...(level === 'grid' ? { metadata: { [TOGGLE_METADATA_KEY]: 'grids' } } : {}),
      layout: {
        visibility:
          level === 'grid'
            ? visibility(context, 'grids', JURISDICTION_LEVELS.indexOf(level) > scopeDepth)
            : JURISDICTION_LEVELS.indexOf(level) > scopeDepth
              ? 'visible'
              : 'none',
        'text-field': labelText(level),
        'text-size': scaledTextSize(LABELS[level].sizes),
        'text-max-width': 8,
        'text-line-height': 1.15,
        'text-padding': 4,
        // Township names sit under the seat marker drawn at the same point.
        ...(level === 'township' ? { 'text-anchor': 'top', 'text-offset': [0, 0.8] } : {}),
      },
      paint: { 'text-color': LABELS[level].colour, ...LABEL_HALO },
    }));
}
