import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { ApiErrorBody } from '../../protocol';

/** What is wrong with a body, one line per problem, for the `problems` of a refusal. */
export function zodProblems(error: z.ZodError): string[] {
  return error.issues
    .slice(0, 50)
    .map((issue) => `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`);
}

export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  problems?: string[],
  words?: NonNullable<ApiErrorBody['error']['words']>,
) {
  const body: ApiErrorBody = {
    error: { code, message, ...(problems ? { problems } : {}), ...(words ? { words } : {}) },
  };
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/** A refusal of the sign-in checks, with `Retry-After` when waiting will help. */
export function sendRefusal(
  reply: FastifyReply,
  refusal: {
    status: number;
    code: string;
    message: string;
    retryAfter?: number;
    words?: NonNullable<ApiErrorBody['error']['words']>;
  },
) {
  if (refusal.retryAfter !== undefined) void reply.header('retry-after', String(refusal.retryAfter));
  return sendError(reply, refusal.status, refusal.code, refusal.message, undefined, refusal.words);
}

/** Fastify's own refusals, renamed to codes that say what the sender did wrong. */
export function codeForFastifyError(error: { code?: string; statusCode?: number }): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported-content-type';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'body-too-large';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'empty-body';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'malformed-json';
    case 'PINGAN_UNSUPPORTED_CHARSET':
      return 'unsupported-charset';
    case 'PINGAN_INVALID_UTF8':
      return 'invalid-utf-8';
    case 'PINGAN_DUPLICATE_KEY':
      return 'duplicate-key';
    default:
      if (error.statusCode === 429) return 'rate-limited';
      if (error.statusCode === 400 && !error.code) return 'malformed-json';
      return error.statusCode && error.statusCode < 500 ? 'bad-request' : 'internal-error';
  }
}
