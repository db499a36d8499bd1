import type { Feature, Point } from 'geojson';
import type { MapFeatureColumnsView } from '../../../../src/core/contract/api';
import { RISK_RANK, type MapRisk } from '../style/palette';

/** The kinds of thing the map places by coordinates. */
export const MAP_ENTITY_KINDS = ['incident', 'monitoring-point', 'force'] as const;
export type MapEntityKind = (typeof MAP_ENTITY_KINDS)[number];

export type PropertyValue = string | number | null;

/** One located thing as `map.features` delivers it, one row of its columns. */
export interface MapEntity {
  id: string;
  lng: number;
  lat: number;
  properties: Record<string, PropertyValue>;
}

export function entitiesFromColumns(columns: MapFeatureColumnsView): MapEntity[] {
  const names = Object.keys(columns.properties);
  return columns.ids.map((id, i) => ({
    id,
    lng: columns.coordinates[2 * i]!,
    lat: columns.coordinates[2 * i + 1]!,
    properties: Object.fromEntries(names.map((name) => [name, columns.properties[name]![i] ?? null])),
  }));
}

export const jurisdictionOf = (entity: MapEntity) => String(entity.properties.jurisdictionCode ?? '');

export function riskOf(entity: MapEntity): MapRisk {
  const level = entity.properties.riskLevel;
  return level === 'high' || level === 'medium' || level === 'low' ? level : 'ungraded';
}

export const isOpenIncident = (entity: MapEntity) => entity.properties.stage !== 'closed';

/** What the style needs beyond the raw columns, worked out once per change rather than in expressions. */
const DERIVED: Record<MapEntityKind, (entity: MapEntity) => Record<string, PropertyValue>> = {
  incident: (entity) => ({ risk: riskOf(entity), riskRank: RISK_RANK[riskOf(entity)] }),
  'monitoring-point': (entity) => ({
    symbol:
      entity.properties.pointKind === 'camera'
        ? `camera-${entity.properties.cameraClass ?? 3}`
        : String(entity.properties.pointKind),
  }),
  force: (entity) => ({
    positionAtMs: entity.properties.positionAt ? Date.parse(String(entity.properties.positionAt)) : null,
  }),
};

export function toFeature(kind: MapEntityKind, entity: MapEntity): Feature<Point> {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [entity.lng, entity.lat] },
    properties: { ...entity.properties, ...DERIVED[kind](entity), id: entity.id },
  };
}
