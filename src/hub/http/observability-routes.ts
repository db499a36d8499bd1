import type { FastifyInstance } from 'fastify';
import type { HealthzAnswer } from '../../protocol';
import type { HubMetrics } from '../observability/metrics';
import type { HubStore } from '../store';
import { buildOpenApiDocument } from './openapi';

export interface ObservabilityRoutesOptions {
  store: HubStore;
  metrics: HubMetrics;
}

/** What operations and integrators read: liveness with the log's head, Prometheus metrics, the ingest API. */
export async function observabilityRoutes(
  app: FastifyInstance,
  { store, metrics }: ObservabilityRoutesOptions,
) {
  app.get('/healthz', async (): Promise<HealthzAnswer> => ({
    status: 'ok',
    seq: await store.headSeq(),
    store: store.dialect,
  }));
  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  app.get('/api/v1/openapi.json', async () => buildOpenApiDocument());
}
