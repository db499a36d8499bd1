import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { RegionData } from '../data/region-data';
import { KEY_SITE_ICON } from '../engine/icons';
import { inScopeExpression } from '../scope/drill-down';
import { scaledIconSize } from './common';
import { TOGGLE_METADATA_KEY, visibility, type OverlayContext } from './context';

/**
 * Key sites. The cache holds no sensitive places (敏感地) yet, so this layer shows the township seats —
 * placed at the centre of each township's boundary, as the legend says.
 */
const KEY_SITE_SOURCE = 'key-sites';
export const KEY_SITE_LAYER = 'key-sites';

export function keySiteSources(region: RegionData): Record<string, SourceSpecification> {
  const seats = region.labels.features.filter((feature) => feature.properties.level === 'township');
  return {
    [KEY_SITE_SOURCE]: {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: seats },
      promoteId: 'code',
    },
  };
}

export function keySiteLayers(context: OverlayContext): LayerSpecification[] {
  return [
    {
      id: KEY_SITE_LAYER,
      type: 'symbol',
      source: KEY_SITE_SOURCE,
      filter: inScopeExpression(context.scope),
      metadata: { [TOGGLE_METADATA_KEY]: 'key-sites' },
      layout: {
        visibility: visibility(context, 'key-sites'),
        'icon-image': KEY_SITE_ICON,
        'icon-size': ['interpolate', ['linear'], ['zoom'], 6, scaledIconSize(0.45), 11, scaledIconSize(0.85)],
        'icon-allow-overlap': true,
        // The seat marks a place the township's own name already labels: it must not push names away.
        'icon-ignore-placement': true,
      },
    },
  ];
}
