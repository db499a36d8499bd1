import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { HubMetrics } from '../observability/metrics';
import { codeForFastifyError, sendError } from './errors';

/**
 * Every refusal in the one shape (`sendError`), Fastify's own included; installed on the root so every
 * route plugin inherits it. Ingest refusals are counted by endpoint and reason.
 */
export function installErrorHandling(app: FastifyInstance, metrics: HubMetrics, logger: Logger): void {
  app.setErrorHandler(
    (error: { code?: string; statusCode?: number; message: string; problems?: string[] }, request, reply) => {
      const status = error.statusCode ?? 500;
      const code = codeForFastifyError(error);
      if (request.url.startsWith('/api/v1/') && status < 500) {
        metrics.ingestRejections.inc({ endpoint: request.routeOptions.url ?? request.url, reason: code });
      }
      if (status >= 500) logger.error({ err: error }, 'request failed');
      const message =
        code === 'unsupported-content-type'
          ? `send JSON: Content-Type must be application/json, not ${request.headers['content-type'] ?? 'missing'}`
          : status >= 500
            ? 'the hub failed; retry'
            : error.message;
      return sendError(reply, status, code, message, status < 500 ? error.problems : undefined);
    },
  );
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 'not-found', `no ${request.method} ${request.url.split('?')[0]} on this hub`),
  );
}
