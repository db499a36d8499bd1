import { z } from 'zod';
import { INGEST_ENDPOINTS } from '../../protocol/ingest';

const errorResponse = (description: string) => ({
  description,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              code: { type: 'string' },
              message: { type: 'string' },
              problems: { type: 'array', items: { type: 'string' } },
            },
            required: ['code', 'message'],
          },
        },
      },
    },
  },
});

/** The ingest API as OpenAPI 3.1, generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument() {
  const paths = Object.fromEntries(
    Object.entries(INGEST_ENDPOINTS).map(([path, endpoint]) => [
      path,
      {
        post: {
          summary: endpoint.summary,
          security: [{ apiKey: [] }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: z.toJSONSchema(endpoint.schema, { io: 'input' }) } },
          },
          responses: {
            '201': {
              description: 'Stored, whole',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      accepted: { type: 'integer' },
                      created: { type: 'array', items: { type: 'string' } },
                      seqs: { type: 'array', items: { type: 'integer' } },
                    },
                  },
                },
              },
            },
            '400': errorResponse('Malformed JSON or a body that breaks the schema; nothing stored'),
            '401': errorResponse('Missing or unknown API key'),
            '403': errorResponse("An item lies outside the key's jurisdiction; nothing stored"),
            '409': errorResponse(
              'An item id was already received (a replay), or the lifecycle refused an item (an order already acknowledged); nothing stored',
            ),
            '413': errorResponse('Body larger than 1 MiB'),
            '415': errorResponse('Content type other than application/json'),
            '422': errorResponse(
              'An item names an unknown jurisdiction, point or force, or repeats an id; nothing stored',
            ),
            '429': errorResponse('Too many requests for this key'),
          },
        },
      },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Pingan Command hub — field ingest API',
      version: '1',
      description:
        "Reports from grid workers' app and citizens' QR codes, hotline tickets, the camera platform's status and alarms, and forces' positions. Each key is scoped to one jurisdiction.",
    },
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'API key from `pingan hub key add`' },
      },
    },
    paths,
  };
}
