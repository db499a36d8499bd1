import type { GeoJSONSourceSpecification, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { scaledIconSize } from './common';
import { TOGGLE_METADATA_KEY, visibility, type OverlayContext } from './context';

export const MONITORING_SOURCE = 'monitoring-points';
/** Positions only: what the density surface is drawn from, untouched by status changes. */
export const MONITORING_DENSITY_SOURCE = 'monitoring-density';
export const MONITORING_SYMBOL_LAYER = 'monitoring-symbols';
/** Below this zoom the ~150,000 points read as a density surface; above it, one symbol each. */
const MONITORING_SYMBOL_MIN_ZOOM = 14;
/** Pixels: smaller than a density kernel, so the clustering does not show. */
const DENSITY_CLUSTER_RADIUS = 6;

const MONITORING = { [TOGGLE_METADATA_KEY]: 'monitoring-points' };

export function monitoringSources(): Record<string, SourceSpecification> {
  const points = (): GeoJSONSourceSpecification => ({
    type: 'geojson',
    data: { type: 'FeatureCollection', features: [] },
    promoteId: 'id',
    // A point is copied into the neighbouring tile only as far as the widest symbol or density kernel reaches.
    buffer: 16,
  });
  return {
    [MONITORING_SOURCE]: points(),
    // Drawing ~150,000 kernels a frame is most of the frame on a wall PC without a GPU; gathering the
    // points into clusters a few pixels wide first draws the same surface from a few thousand.
    [MONITORING_DENSITY_SOURCE]: {
      ...points(),
      cluster: true,
      clusterRadius: DENSITY_CLUSTER_RADIUS,
      clusterMaxZoom: MONITORING_SYMBOL_MIN_ZOOM,
    },
  };
}

/** The density surface, drawn under the region names so they stay readable over it. */
export function monitoringDensityLayers(context: OverlayContext): LayerSpecification[] {
  return [
    {
      id: 'monitoring-density',
      type: 'heatmap',
      source: MONITORING_DENSITY_SOURCE,
      maxzoom: MONITORING_SYMBOL_MIN_ZOOM + 1,
      metadata: MONITORING,
      layout: { visibility: visibility(context, 'monitoring-points') },
      paint: {
        'heatmap-weight': ['coalesce', ['get', 'point_count'], 1],
        'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 7, 4, 14, 16],
        // Cameras are dense everywhere people live: kept low, the surface shows where coverage thins out.
        'heatmap-intensity': ['interpolate', ['linear'], ['zoom'], 7, 0.015, 10, 0.05, 14, 0.2],
        'heatmap-color': [
          'interpolate',
          ['linear'],
          ['heatmap-density'],
          0,
          'rgba(0, 0, 0, 0)',
          0.2,
          'rgba(28, 84, 98, 0.35)',
          0.5,
          'rgba(45, 128, 136, 0.45)',
          0.8,
          'rgba(84, 172, 166, 0.55)',
          1,
          'rgba(127, 209, 193, 0.65)',
        ],
        'heatmap-opacity': [
          'interpolate',
          ['linear'],
          ['zoom'],
          MONITORING_SYMBOL_MIN_ZOOM,
          0.7,
          MONITORING_SYMBOL_MIN_ZOOM + 1,
          0,
        ],
      },
    },
  ];
}

export function monitoringSymbolLayers(context: OverlayContext): LayerSpecification[] {
  return [
    {
      id: MONITORING_SYMBOL_LAYER,
      type: 'symbol',
      source: MONITORING_SOURCE,
      minzoom: MONITORING_SYMBOL_MIN_ZOOM,
      metadata: MONITORING,
      layout: {
        visibility: visibility(context, 'monitoring-points'),
        'icon-image': ['concat', 'monitoring-', ['get', 'symbol'], '-', ['get', 'status']],
        'icon-size': scaledIconSize(0.9),
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        // Faults and dark cameras on top of the healthy ones around them.
        'symbol-sort-key': ['match', ['get', 'status'], 'online', 0, 1],
      },
    },
  ];
}
