import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashApiKey } from '../auth/api-keys';
import { INGEST_ENDPOINTS, type IngestPath } from '../ingest/schemas';
import { IngestError, type IngestResult, type IngestService } from '../ingest/ingest-service';
import type { HubMetrics } from '../observability/metrics';
import type { ApiKeyRecord, HubStore } from '../store';
import { bearer } from './bearer';
import { sendError, zodProblems } from './errors';

export interface IngestRoutesOptions {
  store: HubStore;
  ingest: IngestService;
  metrics: HubMetrics;
  /** Requests allowed per API key per minute. */
  ratePerMinute: number;
}

type IngestHandler = (key: ApiKeyRecord, body: never) => Promise<IngestResult>;

function ingestHandlers(ingest: IngestService): Record<IngestPath, IngestHandler> {
  return {
    '/api/v1/reports': (key, body) => ingest.reports(key, body),
    '/api/v1/hotline/tickets': (key, body) => ingest.hotlineTickets(key, body),
    '/api/v1/monitoring/status': (key, body) => ingest.monitoringStatus(key, body),
    '/api/v1/monitoring/alarms': (key, body) => ingest.monitoringAlarms(key, body),
    '/api/v1/forces/positions': (key, body) => ingest.forcePositions(key, body),
    '/api/v1/orders/acknowledgements': (key, body) => ingest.acknowledgements(key, body),
  };
}

/** The key's record, or undefined once the request has been refused. */
async function authenticateKey(
  { store, metrics }: IngestRoutesOptions,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<ApiKeyRecord | undefined> {
  const key = bearer(request);
  const record = key ? await store.apiKeyByHash(hashApiKey(key)) : undefined;
  if (record) return record;
  metrics.ingestRejections.inc({ endpoint: request.routeOptions.url ?? request.url, reason: 'bad-api-key' });
  await sendError(reply, 401, 'bad-api-key', 'send a valid API key as "Authorization: Bearer KEY"');
  return undefined;
}

/** The field systems' API: one route per endpoint, each behind an API key and a per-key rate limit. */
export async function ingestRoutes(app: FastifyInstance, options: IngestRoutesOptions) {
  const { metrics, ratePerMinute } = options;
  const handlers = ingestHandlers(options.ingest);
  const keyOf = (request: FastifyRequest) => hashApiKey(bearer(request) ?? request.ip);
  await app.register(fastifyRateLimit, { global: false });

  for (const path of Object.keys(INGEST_ENDPOINTS) as IngestPath[]) {
    const endpoint = INGEST_ENDPOINTS[path];
    const rateLimit = { max: ratePerMinute, timeWindow: '1 minute', keyGenerator: keyOf };
    app.post(path, { config: { rateLimit } }, async (request, reply) => {
      const key = await authenticateKey(options, request, reply);
      if (!key) return reply;
      const parsed = endpoint.schema.safeParse(request.body);
      if (!parsed.success) {
        metrics.ingestRejections.inc({ endpoint: path, reason: 'invalid-body' });
        const problems = zodProblems(parsed.error);
        return sendError(reply, 400, 'invalid-body', 'the body does not match the schema', problems);
      }
      try {
        return reply.code(201).send(await handlers[path](key, parsed.data as never));
      } catch (error) {
        if (!(error instanceof IngestError)) throw error;
        metrics.ingestRejections.inc({ endpoint: path, reason: error.code });
        const message = error.problems[0] ?? error.message;
        return sendError(reply, error.status, error.code, message, error.problems);
      }
    });
  }
}
