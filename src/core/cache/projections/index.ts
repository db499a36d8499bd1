import { incidentCells } from './incident-cells';
import { incidentIndex } from './incident-index';
import { kpiRecords } from './kpi-records';
import { monitoringPoints } from './monitoring-points';
import type { CacheProjection } from './projection';

export type { CacheProjection, ProjectionContext, ProjectionWriter } from './projection';

/** Every projection the cache keeps, in the order they are written. */
export const CACHE_PROJECTIONS: readonly CacheProjection[] = [
  incidentIndex,
  incidentCells,
  kpiRecords,
  monitoringPoints,
];
