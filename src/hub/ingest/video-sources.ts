import { groupBy, type HubEventDraft, type MonitoringPoint } from '../../domain';
import type { IngestBody } from '../../protocol/ingest';
import { entitiesById, recordBatch, type IngestEndpoint } from './endpoint';
import { checkPoint } from './field-endpoints';

type SourceItem = IngestBody<'/api/v1/monitoring/video-sources'>['sources'][number];

/**
 * The camera platform's video directory: sets or clears each camera's video source. The changed cameras are
 * registered again, a village's at a time, so every desktop learns of them through the log like of the
 * inventory itself.
 */
export const videoSources: IngestEndpoint<
  IngestBody<'/api/v1/monitoring/video-sources'>,
  SourceItem,
  Map<string, MonitoringPoint>
> = {
  label: 'sources',
  items: (body) => body.sources,
  idOf: (item) => item.id,
  lookUp: (ctx, items) =>
    entitiesById(
      ctx.store,
      'monitoring-point',
      items.map((item) => item.pointId),
    ),
  check(ctx, points, item, label) {
    const point = points.get(item.pointId);
    if (point && point.kind !== 'camera' && item.source !== null) {
      return { unknown: `${label}.pointId: ${item.pointId} is a ${point.kind}, not a camera`, outside: null };
    }
    return checkPoint(ctx, points, item.pointId, label);
  },
  commit: (ctx, points, items, ids) =>
    recordBatch(ctx, 'sources', ids, async (tx) => {
      // Re-read inside the transaction: a status update may have changed these cameras meanwhile.
      const fresh = await tx.getEntities('monitoring-point', [...points.keys()]);
      const current = new Map(fresh.map((entity) => [entity.id, entity.doc as MonitoringPoint]));
      for (const { pointId, source } of items)
        current.set(pointId, { ...current.get(pointId)!, video: source });
      const changed = [...new Set(items.map((item) => item.pointId))].map((id) => current.get(id)!);
      const events: HubEventDraft[] = [...groupBy(changed, (point) => point.jurisdictionCode)].map(
        ([jurisdiction, villagePoints]) => ({
          type: 'monitoring.registered',
          jurisdiction,
          at: new Date().toISOString(),
          payload: { points: villagePoints },
        }),
      );
      return { events, created: [] };
    }),
};
