import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can, chinaFileStamp, isWithin, type Role } from '../../domain';
import { auditQuerySchema, type AuditPage, type AuditQuery, type AuditRecord } from '../../protocol';
import { personName } from '../accounts';
import type { OperatorClaims, TokenService } from '../auth/tokens';
import { auditActor } from '../commands';
import type { RegionIndex } from '../region-index';
import type { AuditFilter, ChainedAuditRecord, HubStore } from '../store';
import { auditCsv } from './audit-csv';
import { bearer } from './bearer';
import { sendError, zodProblems } from './errors';

export interface AuditRoutesOptions {
  store: HubStore;
  tokens: TokenService;
  region: RegionIndex;
}

/** An export holds at most this many records; narrower filters export the rest. */
const EXPORT_LIMIT = 100_000;
const EXPORT_PAGE = 500;

/**
 * The audit administrator's claims and the filter their query comes to, or undefined once the request has
 * been refused. Anyone else reading the trail is refused and that attempt is itself recorded.
 */
async function admitAuditReader(
  { store, tokens }: AuditRoutesOptions,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<{ claims: OperatorClaims; query: AuditQuery } | undefined> {
  let claims: OperatorClaims;
  try {
    claims = await tokens.verify(bearer(request) ?? '', 'access');
  } catch {
    await sendError(reply, 401, 'bad-token', 'send an access token as "Authorization: Bearer TOKEN"');
    return undefined;
  }
  const refuse = async (status: number, code: string, message: string) => {
    await store.transaction((tx) =>
      tx.audit({
        at: new Date().toISOString(),
        actor: auditActor(claims),
        action: 'audit.read',
        target: request.url.split('?')[0] ?? null,
        outcome: 'refused',
        scope: claims.jurisdiction,
        detail: { code, query: request.query },
      }),
    );
    await sendError(reply, status, code, message);
  };
  if (!can(claims.role as Role, 'read-audit')) {
    await refuse(403, 'role-not-permitted', 'only the audit administrator may read the audit trail');
    return undefined;
  }
  const query = auditQuerySchema.safeParse(request.query);
  if (!query.success) {
    const problems = zodProblems(query.error);
    await sendError(
      reply,
      400,
      'invalid-query',
      `the audit filter is malformed: ${problems.join('; ')}`,
      problems,
    );
    return undefined;
  }
  if (query.data.scope && !isWithin(query.data.scope, claims.jurisdiction)) {
    await refuse(
      403,
      'out-of-scope',
      `scope ${query.data.scope} lies outside the administrator's jurisdiction`,
    );
    return undefined;
  }
  return { claims, query: query.data };
}

/**
 * The filter within the administrator's jurisdiction. Records filed under no jurisdiction (the hub's own:
 * accounts created, purges) are the region's: only an administrator of the whole region sees them.
 */
function filterOf(query: AuditQuery, claims: OperatorClaims, rootCode: string): Omit<AuditFilter, 'limit'> {
  return {
    ...(query.actor !== undefined ? { actor: query.actor } : {}),
    ...(query.action !== undefined ? { action: query.action } : {}),
    ...(query.from !== undefined ? { from: new Date(query.from).toISOString() } : {}),
    ...(query.to !== undefined ? { to: new Date(query.to).toISOString() } : {}),
    ...(query.before !== undefined ? { before: query.before } : {}),
    scope: {
      code: query.scope ?? claims.jurisdiction,
      includeUnscoped: query.scope === undefined && claims.jurisdiction === rootCode,
    },
  };
}

/** Names the actors of `records` the way screens name them, looking each one up once. */
async function withActorNames(
  store: HubStore,
  records: readonly ChainedAuditRecord[],
): Promise<AuditRecord[]> {
  const names = new Map<string, string | undefined>();
  const keys = records.some((record) => record.actor.startsWith('key:')) ? await store.listApiKeys() : [];
  for (const actor of new Set(records.map((record) => record.actor))) {
    if (actor.startsWith('key:')) {
      names.set(actor, keys.find((key) => `key:${key.source}` === actor)?.displayName || undefined);
    } else if (actor !== 'system') {
      // Records written before actors were named by sign-in name carry the account id.
      const account = (await store.accountByName(actor)) ?? (await store.accountById(actor));
      names.set(actor, account && personName(account));
    }
  }
  return records.map(({ number, at, actor, action, target, outcome, scope, detail }) => {
    const actorName = names.get(actor);
    return {
      id: number,
      at,
      actor,
      ...(actorName ? { actorName } : {}),
      action,
      target,
      outcome,
      scope,
      detail,
    };
  });
}

/** `GET /api/v1/audit` and `GET /api/v1/audit/export`: the audit administrator's view of the trail. */
export async function auditRoutes(app: FastifyInstance, options: AuditRoutesOptions) {
  const { store, region } = options;

  app.get('/api/v1/audit', async (request, reply) => {
    const admitted = await admitAuditReader(options, request, reply);
    if (!admitted) return reply;
    const { claims, query } = admitted;
    // One more than the page, to know whether there is a next one.
    const found = await store.queryAudit({
      ...filterOf(query, claims, region.rootCode),
      limit: query.limit + 1,
    });
    const page = found.slice(0, query.limit);
    const answer: AuditPage = {
      records: await withActorNames(store, page),
      next: found.length > query.limit ? page.at(-1)!.number : null,
    };
    return answer;
  });

  app.get('/api/v1/audit/export', async (request, reply) => {
    const admitted = await admitAuditReader(options, request, reply);
    if (!admitted) return reply;
    const { claims, query } = admitted;
    const filter = filterOf(query, claims, region.rootCode);
    const records: ChainedAuditRecord[] = [];
    for (let before = filter.before; records.length < EXPORT_LIMIT;) {
      const page = await store.queryAudit({ ...filter, ...(before ? { before } : {}), limit: EXPORT_PAGE });
      records.push(...page);
      if (page.length < EXPORT_PAGE) break;
      before = page.at(-1)!.number;
    }
    const { limit: _limit, ...asked } = query;
    const at = new Date().toISOString();
    await store.transaction((tx) =>
      tx.audit({
        at,
        actor: auditActor(claims),
        action: 'audit.exported',
        target: null,
        outcome: 'accepted',
        scope: filter.scope.code,
        detail: { filter: asked, rows: records.length, format: 'csv' },
      }),
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-${chinaFileStamp(at)}.csv"`)
      .send(auditCsv(await withActorNames(store, records)));
  });
}
