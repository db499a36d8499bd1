import type { FeatureCollection } from 'geojson';
import type { LayerSpecification, SourceSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import type { TargetRegisterView } from '../../../../src/core/contract/targets';
import { protectiveRing } from '../../../../src/domain';
import { DANGEROUS_OBJECT_ICON, SENSITIVE_PLACE_ICON } from '../engine/icons';
import { inScopeExpression } from '../scope/drill-down';
import { WALL } from '../style/palette';
import { LABEL_HALO, scaledIconSize, scaledTextSize } from './common';
import { TOGGLE_METADATA_KEY, visibility, type OverlayContext } from './context';

/**
 * The registers on the map: each sensitive place (敏感地) with the circle of its protective radius, each dangerous
 * object (危险物) with a hazard sign, ringed red once its inspection is overdue.
 */
export const SENSITIVE_PLACE_SOURCE = 'sensitive-places';
export const SENSITIVE_RADIUS_SOURCE = 'sensitive-place-radii';
export const DANGEROUS_OBJECT_SOURCE = 'dangerous-objects';
export const SENSITIVE_PLACE_LAYER = 'sensitive-place-symbols';
export const DANGEROUS_OBJECT_LAYER = 'dangerous-object-symbols';

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

export function targetSources(): Record<string, SourceSpecification> {
  return {
    [SENSITIVE_RADIUS_SOURCE]: { type: 'geojson', data: empty(), promoteId: 'id' },
    [SENSITIVE_PLACE_SOURCE]: { type: 'geojson', data: empty(), promoteId: 'id' },
    [DANGEROUS_OBJECT_SOURCE]: { type: 'geojson', data: empty(), promoteId: 'id' },
  };
}

/** The three sources' data for a register. */
export function targetFeatures(register: Pick<TargetRegisterView, 'dangerousObjects' | 'sensitivePlaces'>) {
  const places = register.sensitivePlaces;
  return {
    [SENSITIVE_PLACE_SOURCE]: {
      type: 'FeatureCollection',
      features: places.map((place) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [place.location.lng, place.location.lat] },
        properties: {
          id: place.id,
          name: place.name,
          category: place.category,
          code: place.jurisdictionCode,
          protectiveRadiusM: place.protectiveRadiusM,
        },
      })),
    },
    [SENSITIVE_RADIUS_SOURCE]: {
      type: 'FeatureCollection',
      features: places.map((place) => ({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [protectiveRing(place)] },
        properties: { id: place.id, code: place.jurisdictionCode },
      })),
    },
    [DANGEROUS_OBJECT_SOURCE]: {
      type: 'FeatureCollection',
      features: register.dangerousObjects.map((object) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [object.location.lng, object.location.lat] },
        properties: {
          id: object.id,
          name: object.name,
          category: object.category,
          code: object.jurisdictionCode,
          riskLevel: object.riskLevel,
          inspectionDue: object.inspectionDue,
          inspectionOverdue: object.inspectionOverdue,
        },
      })),
    },
  } satisfies Record<string, FeatureCollection>;
}

const NAME_TEXT: SymbolLayerSpecification['layout'] = {
  'text-field': ['get', 'name'],
  'text-size': scaledTextSize([
    [11, 10],
    [14, 12],
  ]),
  'text-offset': [0, 1.3],
  'text-anchor': 'top',
  'text-optional': true,
};

export function targetLayers(context: OverlayContext): LayerSpecification[] {
  const inScope = inScopeExpression(context.scope);
  const places = { [TOGGLE_METADATA_KEY]: 'sensitive-places' };
  const objects = { [TOGGLE_METADATA_KEY]: 'dangerous-objects' };
  return [
    {
      id: 'sensitive-place-radius-fill',
      type: 'fill',
      source: SENSITIVE_RADIUS_SOURCE,
      filter: inScope,
      metadata: places,
      layout: { visibility: visibility(context, 'sensitive-places') },
      paint: { 'fill-color': WALL.sensitivePlace, 'fill-opacity': 0.12 },
    },
    {
      id: 'sensitive-place-radius-line',
      type: 'line',
      source: SENSITIVE_RADIUS_SOURCE,
      filter: inScope,
      metadata: places,
      layout: { visibility: visibility(context, 'sensitive-places') },
      paint: { 'line-color': WALL.sensitivePlace, 'line-width': 1.5, 'line-dasharray': [2, 1.5] },
    },
    {
      id: SENSITIVE_PLACE_LAYER,
      type: 'symbol',
      source: SENSITIVE_PLACE_SOURCE,
      filter: inScope,
      metadata: places,
      layout: {
        visibility: visibility(context, 'sensitive-places'),
        'icon-image': SENSITIVE_PLACE_ICON,
        'icon-size': scaledIconSize(0.8),
        'icon-allow-overlap': true,
        ...NAME_TEXT,
      },
      paint: { 'text-color': WALL.sensitivePlace, ...LABEL_HALO },
    },
    {
      id: 'dangerous-object-overdue-ring',
      type: 'circle',
      source: DANGEROUS_OBJECT_SOURCE,
      filter: ['all', inScope, ['==', ['get', 'inspectionOverdue'], true]],
      metadata: objects,
      layout: { visibility: visibility(context, 'dangerous-objects') },
      paint: {
        'circle-radius': 13,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': WALL.overdue,
        'circle-stroke-width': 2,
      },
    },
    {
      id: DANGEROUS_OBJECT_LAYER,
      type: 'symbol',
      source: DANGEROUS_OBJECT_SOURCE,
      filter: inScope,
      metadata: objects,
      layout: {
        visibility: visibility(context, 'dangerous-objects'),
        'icon-image': DANGEROUS_OBJECT_ICON,
        'icon-size': scaledIconSize(0.8),
        'icon-allow-overlap': true,
        ...NAME_TEXT,
      },
      paint: { 'text-color': WALL.dangerousObject, ...LABEL_HALO },
    },
  ];
}
