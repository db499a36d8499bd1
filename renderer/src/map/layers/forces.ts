import type { ExpressionSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { FORCE_KINDS } from '../../../../src/domain';
import { FORCE_COLOURS } from '../style/palette';
import { LABEL_HALO, NOW_STATE, scaledIconSize, scaledTextSize, translatedText } from './common';
import { TOGGLE_METADATA_KEY, visibility, type OverlayContext } from './context';

export const FORCE_SOURCE = 'forces';
/** The clickable one: the dots drawn while zoomed out are an overview, and leave clicks to the regions. */
export const FORCE_SYMBOL_LAYER = 'force-symbols';

const FORCES = { [TOGGLE_METADATA_KEY]: 'forces' };
const MINUTE = 60_000;
/** A fix this recent counts as current; one older than STALE_AFTER is drawn faint. */
const FRESH_WITHIN = 15 * MINUTE;
const STALE_AFTER = 2 * 60 * MINUTE;

export function forceSources(): Record<string, SourceSpecification> {
  return {
    [FORCE_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' },
  };
}

const positionAge: ExpressionSpecification = [
  '-',
  ['global-state', NOW_STATE],
  ['coalesce', ['get', 'positionAtMs'], 0],
];

/** Faded by the age of the last position: a force seen hours ago is not where the map says. */
const byAge: ExpressionSpecification = [
  'interpolate',
  ['linear'],
  positionAge,
  FRESH_WITHIN,
  1,
  STALE_AFTER,
  0.4,
];

const kindColour: ExpressionSpecification = [
  'match',
  ['get', 'forceKind'],
  ...FORCE_KINDS.flatMap((kind) => [kind, FORCE_COLOURS[kind]]),
  '#cccccc',
] as unknown as ExpressionSpecification;

/** Small dots while zoomed out; a marked disc per force once there is room for the mark. */
export function forceLayers(context: OverlayContext): LayerSpecification[] {
  return [
    {
      id: 'force-dots',
      type: 'circle',
      source: FORCE_SOURCE,
      maxzoom: 10,
      metadata: FORCES,
      layout: { visibility: visibility(context, 'forces') },
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, 1.6, 10, 3],
        'circle-color': kindColour,
        'circle-opacity': byAge,
      },
    },
    {
      id: FORCE_SYMBOL_LAYER,
      type: 'symbol',
      source: FORCE_SOURCE,
      minzoom: 10,
      metadata: FORCES,
      layout: {
        visibility: visibility(context, 'forces'),
        'icon-image': ['concat', 'force-', ['get', 'forceKind']],
        'icon-size': scaledIconSize(0.9),
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        'text-field': translatedText('forceKind', context.texts.forceMarks),
        'text-size': scaledTextSize([[10, 10]]),
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: {
        'icon-opacity': byAge,
        'text-opacity': byAge,
        'text-color': '#ffffff',
        ...LABEL_HALO,
        'text-halo-width': 0.6,
      },
    },
  ];
}
