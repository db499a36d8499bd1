import type {
  ExpressionSpecification,
  FilterSpecification,
  LayerSpecification,
  SourceSpecification,
} from 'maplibre-gl';
import { RISK_COLOURS, RISK_RANK } from '../style/palette';
import { LABEL_HALO, scaledIconSize, scaledTextSize, translatedText } from './common';
import { TOGGLE_METADATA_KEY, visibility, type OverlayContext } from './context';

export const INCIDENT_SOURCE = 'incidents';
export const INCIDENT_CLUSTER_LAYER = 'incident-clusters';
export const INCIDENT_POINT_LAYER = 'incident-points';
/** The cache's clusters of open incidents, drawn while the map is still loading every incident. */
export const INCIDENT_CELL_SOURCE = 'incident-cells';
export const INCIDENT_CELL_LAYER = 'incident-cells';
/** Clusters break up into single incidents past this zoom. */
const CLUSTER_MAX_ZOOM = 12;
/** Stage names appear under the symbols from this zoom. */
const STAGE_LABEL_MIN_ZOOM = 10;

const INCIDENTS = { [TOGGLE_METADATA_KEY]: 'incidents' };

export function incidentSources(): Record<string, SourceSpecification> {
  return {
    [INCIDENT_SOURCE]: {
      type: 'geojson',
      data: { type: 'FeatureCollection', features: [] },
      promoteId: 'id',
      cluster: true,
      clusterRadius: 44,
      clusterMaxZoom: CLUSTER_MAX_ZOOM,
      // A cluster is as urgent as its most urgent incident, and says how many of them are high risk.
      clusterProperties: {
        maxRiskRank: ['max', ['get', 'riskRank']],
        highCount: ['+', ['case', ['==', ['get', 'risk'], 'high'], 1, 0]],
      },
    },
    [INCIDENT_CELL_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
  };
}

const rankColour: ExpressionSpecification = [
  'match',
  ['get', 'maxRiskRank'],
  RISK_RANK.high,
  RISK_COLOURS.high,
  RISK_RANK.medium,
  RISK_COLOURS.medium,
  RISK_RANK.low,
  RISK_COLOURS.low,
  RISK_COLOURS.ungraded,
];

/**
 * A cluster's circle and its count. Clusters come from two places that look alike: the map's own, over every
 * open incident once they are all loaded, and the cache's counts per map cell, drawn before that.
 */
function clusterLayers(
  shown: 'visible' | 'none',
  [circleId, countId]: [string, string],
  source: string,
  counted: { count: string; label: string },
  filter?: FilterSpecification,
): LayerSpecification[] {
  const onSource = { source, metadata: INCIDENTS, ...(filter ? { filter } : {}) };
  return [
    {
      id: circleId,
      type: 'circle',
      ...onSource,
      layout: { visibility: shown },
      paint: {
        'circle-color': rankColour,
        'circle-radius': ['step', ['get', counted.count], 15, 10, 19, 50, 25, 200, 31],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
        'circle-opacity': 0.92,
      },
    },
    {
      id: countId,
      type: 'symbol',
      ...onSource,
      layout: {
        visibility: shown,
        // The count, and under it how many are high risk, marked with the high-risk triangle.
        'text-field': [
          'format',
          ['get', counted.label],
          {},
          [
            'case',
            ['>', ['get', 'highCount'], 0],
            ['concat', '\n▲', ['to-string', ['get', 'highCount']]],
            '',
          ],
          { 'font-scale': 0.75 },
        ],
        'text-size': scaledTextSize([[0, 13]]),
        'text-line-height': 1,
        'text-allow-overlap': true,
        // Incidents are drawn over the region's names but never push them off the map.
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#111111' },
    },
  ];
}

export function incidentLayers(context: OverlayContext): LayerSpecification[] {
  const shown = visibility(context, 'incidents');
  return [
    ...clusterLayers(shown, [INCIDENT_CELL_LAYER, 'incident-cell-counts'], INCIDENT_CELL_SOURCE, {
      count: 'count',
      label: 'countLabel',
    }),
    ...clusterLayers(
      shown,
      [INCIDENT_CLUSTER_LAYER, 'incident-cluster-counts'],
      INCIDENT_SOURCE,
      { count: 'point_count', label: 'point_count_abbreviated' },
      ['has', 'point_count'],
    ),
    {
      id: INCIDENT_POINT_LAYER,
      type: 'symbol',
      source: INCIDENT_SOURCE,
      filter: ['!', ['has', 'point_count']],
      metadata: INCIDENTS,
      layout: {
        visibility: shown,
        'icon-image': ['concat', 'incident-', ['get', 'risk']],
        'icon-size': scaledIconSize(1),
        'icon-allow-overlap': true,
        'icon-ignore-placement': true,
        // Drawn in ascending order: high risk ends up on top of whatever it overlaps.
        'symbol-sort-key': ['get', 'riskRank'],
        'text-field': [
          'step',
          ['zoom'],
          '',
          STAGE_LABEL_MIN_ZOOM,
          translatedText('stage', context.texts.stages),
        ],
        'text-size': scaledTextSize([[0, 11]]),
        'text-anchor': 'top',
        'text-offset': [0, 1],
        'text-optional': true,
      },
      paint: { 'text-color': '#ffffff', ...LABEL_HALO },
    },
  ];
}
