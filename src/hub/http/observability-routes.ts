import type { FastifyInstance } from 'fastify';
import type { HealthzAnswer } from '../../protocol';
import type { HubMetrics } from '../observability/metrics';
import { metricsTokenMatches } from '../observability/metrics-token';
import type { HubStore } from '../store';
import { bearer } from './bearer';
import { sendError } from './errors';
import { buildOpenApiDocument } from './openapi';

export interface ObservabilityRoutesOptions {
  store: HubStore;
  metrics: HubMetrics;
  /** The token `/metrics` requires as `Authorization: Bearer …`; open when undefined. */
  metricsToken: string | undefined;
}

/** What operations and integrators read: liveness with the log's head, Prometheus metrics, the ingest API. */
export async function observabilityRoutes(
  app: FastifyInstance,
  { store, metrics, metricsToken }: ObservabilityRoutesOptions,
) {
  app.get('/healthz', async (): Promise<HealthzAnswer> => ({
    status: 'ok',
    seq: await store.headSeq(),
    store: store.dialect,
  }));
  app.get('/metrics', async (request, reply) => {
    if (metricsToken !== undefined && !metricsTokenMatches(bearer(request), metricsToken)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      return sendError(
        reply,
        401,
        'bad-metrics-token',
        'send the metrics token as "Authorization: Bearer TOKEN"',
      );
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.get('/api/v1/openapi.json', async () => buildOpenApiDocument());
}
