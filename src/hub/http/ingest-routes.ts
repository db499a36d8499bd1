import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashApiKey } from '../auth/api-keys';
import { INGEST_ENDPOINTS, type IngestPath } from '../../protocol/ingest';
import type { IngestService } from '../ingest/ingest-service';
import { IngestError } from '../ingest/refusal';
import type { HubMetrics } from '../observability/metrics';
import type { ApiKeyRecord, HubStore } from '../store';
import { bearer } from './bearer';
import { sendError } from './errors';

export interface IngestRoutesOptions {
  store: HubStore;
  ingest: IngestService;
  metrics: HubMetrics;
  /** Requests allowed per API key per minute. */
  ratePerMinute: number;
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
  const keyOf = (request: FastifyRequest) => hashApiKey(bearer(request) ?? request.ip);
  await app.register(fastifyRateLimit, { global: false });

  for (const path of Object.keys(INGEST_ENDPOINTS) as IngestPath[]) {
    const rateLimit = { max: ratePerMinute, timeWindow: '1 minute', keyGenerator: keyOf };
    app.post(path, { config: { rateLimit } }, async (request, reply) => {
      const key = await authenticateKey(options, request, reply);
      if (!key) return reply;
      try {
        return reply.code(201).send(await options.ingest.accept(path, key, request.body));
      } catch (error) {
        if (!(error instanceof IngestError)) throw error;
        metrics.ingestRejections.inc({ endpoint: path, reason: error.code });
        return sendError(reply, error.status, error.code, error.message, error.problems);
      }
    });
  }
}
