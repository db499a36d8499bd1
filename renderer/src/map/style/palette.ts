import type { ForceKind, MonitoringStatus } from '../../../../src/domain';

/** Risk as the wall shows it: the three graded levels, and incidents not yet assessed. */
export const MAP_RISKS = ['high', 'medium', 'low', 'ungraded'] as const;
export type MapRisk = (typeof MAP_RISKS)[number];

/**
 * Okabe–Ito, safe for the common colour-vision deficiencies. Every use is paired with a shape, a pattern
 * or a word, so colour is never the only cue.
 */
export const RISK_COLOURS: Record<MapRisk, string> = {
  high: '#D55E00',
  medium: '#E69F00',
  low: '#56B4E9',
  ungraded: '#9AA5B1',
};

/** Map risk onto a number that clusters can take the maximum of. */
export const RISK_RANK: Record<MapRisk, number> = { high: 3, medium: 2, low: 1, ungraded: 0 };

export const FORCE_COLOURS: Record<ForceKind, string> = {
  'grid-worker': '#009E73',
  'patrol-team': '#0072B2',
  volunteer: '#CC79A7',
  'joint-defence-team': '#7B61FF',
};

export const MONITORING_STATUS_COLOURS: Record<MonitoringStatus, string> = {
  online: '#7FD1C1',
  offline: '#8A94A6',
  fault: '#F0E442',
};

/** Open incidents per grid: darker is calmer, lighter is busier, readable on the dark wall. */
export const LOAD_CLASSES = [
  { min: 1, colour: '#23406b' },
  { min: 2, colour: '#2f5f9e' },
  { min: 4, colour: '#4f8fd6' },
  { min: 7, colour: '#a9cdf5' },
] as const;

export const WALL = {
  background: '#0b1220',
  land: '#0f1a2d',
  prefectureLine: '#4cc3ff',
  countyLine: '#6f8fc2',
  townshipLine: '#47608a',
  villageLine: '#34486a',
  gridLine: '#2a3b59',
  labelStrong: '#e6edf7',
  labelMedium: '#b8c6dc',
  labelWeak: '#8ea0bd',
  halo: '#0b1220',
  sensitivePlace: '#c58cff',
  dangerousObject: '#ffc23d',
  overdue: '#ff4d4f',
  highlight: '#4cc3ff',
} as const;
