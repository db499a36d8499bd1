import type { JurisdictionLevel } from '../../../../src/domain';
import type { PropertyValue } from '../data/entities';

export type FeatureProperties = Record<string, PropertyValue>;

/** An incident as a cluster lists it: enough for one line, and to open it. */
export interface ClusterItem {
  id: string;
  title: string;
  risk: string;
  stage: string;
  at: [number, number];
}

/** What the pointer is over. */
export type HoverTarget =
  | { kind: 'incident' | 'monitoring-point' | 'force'; properties: FeatureProperties }
  | { kind: 'cluster'; count: number; high: number }
  | { kind: 'region'; code: string; name: string; level: JurisdictionLevel; drillable: boolean }
  | { kind: 'sensitive-place' | 'dangerous-object'; properties: FeatureProperties };

export interface Hover {
  /** Pixels from the map's top left corner. */
  x: number;
  y: number;
  target: HoverTarget;
}

/** What the detail panel shows. */
export type Selection =
  | { kind: 'incident'; id: string; at: [number, number] }
  | { kind: 'monitoring-point' | 'force'; id: string; at: [number, number] }
  | { kind: 'grid'; code: string }
  | { kind: 'cluster'; count: number; items: ClusterItem[] };
