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
  /** Requests without a valid API key allowed per client address per minute. */
  badKeyRatePerMinute: number;
}

/** Buckets the limiter keeps at most: beyond them the least recently seen is forgotten. */
const RATE_LIMIT_BUCKETS = 10_000;
const ADDRESS_BUCKET = 'address:';

/**
 * Who a request counts against: a valid key's own bucket, or else the client's address. Keying on the
 * bearer before checking it would give every made-up key a fresh bucket, so a flood of random keys would
 * never be limited and the limiter would remember each of them.
 */
function rateLimitKeys(store: HubStore) {
  const keyOfRequest = new WeakMap<FastifyRequest, ApiKeyRecord | undefined>();
  return {
    async bucketOf(request: FastifyRequest): Promise<string> {
      const token = bearer(request);
      const record = token ? await store.apiKeyByHash(hashApiKey(token)) : undefined;
      keyOfRequest.set(request, record);
      return record ? `key:${record.id}` : `${ADDRESS_BUCKET}${request.ip}`;
    },
    /** The key the limiter already looked up for this request. */
    keyOf: (request: FastifyRequest) => keyOfRequest.get(request),
  };
}

/** The key's record, or undefined once the request has been refused. */
async function refuseWithoutKey(
  metrics: HubMetrics,
  record: ApiKeyRecord | undefined,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<ApiKeyRecord | undefined> {
  if (record) return record;
  metrics.ingestRejections.inc({ endpoint: request.routeOptions.url ?? request.url, reason: 'bad-api-key' });
  await sendError(reply, 401, 'bad-api-key', 'send a valid API key as "Authorization: Bearer KEY"');
  return undefined;
}

/**
 * The field systems' API: one route per endpoint, each behind an API key; a valid key has its own rate
 * limit, and requests without one share their client address's smaller limit.
 */
export async function ingestRoutes(app: FastifyInstance, options: IngestRoutesOptions) {
  const { metrics, ratePerMinute, badKeyRatePerMinute } = options;
  const keys = rateLimitKeys(options.store);
  await app.register(fastifyRateLimit, { global: false, cache: RATE_LIMIT_BUCKETS });

  const rateLimit = {
    max: (_request: FastifyRequest, bucket: string) =>
      bucket.startsWith(ADDRESS_BUCKET) ? badKeyRatePerMinute : ratePerMinute,
    timeWindow: '1 minute',
    keyGenerator: keys.bucketOf,
  };
  for (const path of Object.keys(INGEST_ENDPOINTS) as IngestPath[]) {
    app.post(path, { config: { rateLimit } }, async (request, reply) => {
      const key = await refuseWithoutKey(metrics, keys.keyOf(request), request, reply);
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
