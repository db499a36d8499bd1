import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isWithin, withheldKinds } from '../../domain';
import { checksumQuerySchema, type ChecksumAnswer } from '../../protocol';
import { checkSession } from '../auth/session-check';
import type { OperatorClaims, TokenService } from '../auth/tokens';
import { stateChecksum } from '../checksum';
import type { RegionIndex } from '../region-index';
import type { HubStore } from '../store';
import { bearer } from './bearer';
import { sendError, sendRefusal, zodProblems } from './errors';

export interface AdminRoutesOptions {
  store: HubStore;
  tokens: TokenService;
  region: RegionIndex;
}

/** The admin's claims, or undefined once the request has been refused. */
async function requireAdmin(
  store: HubStore,
  tokens: TokenService,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<OperatorClaims | undefined> {
  const session = await checkSession(store, tokens, bearer(request));
  if (!session.ok) {
    await sendRefusal(reply, session.refusal);
    return undefined;
  }
  if (session.account.role === 'sysadmin') return session.claims;
  await sendError(reply, 403, 'role-not-permitted', 'only the system administrator may read checksums');
  return undefined;
}

/**
 * The checksum of the current state of a scope, the same one a desktop cache computes: a cache synced to
 * `seq` with an equal checksum holds exactly the hub's state. The system administrator only. The state is the one the named
 * `account`'s stream delivers (the admin's own without one): what its role may not see is no part of it,
 * so a cache synced as an operator is compared with what an operator receives.
 */
export async function adminRoutes(app: FastifyInstance, { store, tokens, region }: AdminRoutesOptions) {
  app.get('/api/v1/admin/checksum', async (request, reply) => {
    const claims = await requireAdmin(store, tokens, request, reply);
    if (!claims) return reply;
    const query = checksumQuerySchema.safeParse(request.query);
    if (!query.success)
      return sendError(
        reply,
        400,
        'invalid-query',
        'scope is a code, account a name',
        zodProblems(query.error),
      );
    const { account, scope: askedScope } = query.data;
    const viewer = account
      ? await store.accountByName(account)
      : { role: claims.role, jurisdiction: claims.jurisdiction };
    if (!viewer) return sendError(reply, 404, 'not-found', `there is no account ${account}`);
    if (!isWithin(viewer.jurisdiction, claims.jurisdiction)) {
      const where = region.describe(claims.jurisdiction);
      return sendError(reply, 403, 'out-of-scope', `account ${account} works outside ${where}`);
    }
    const scope = askedScope ?? viewer.jurisdiction;
    if (!isWithin(scope, viewer.jurisdiction)) {
      const where = region.describe(viewer.jurisdiction);
      return sendError(reply, 403, 'out-of-scope', `scope ${scope} lies outside ${where}`);
    }
    const snapshot = await store.snapshot(scope, withheldKinds(viewer.role));
    const answer: ChecksumAnswer = {
      scope,
      seq: snapshot.seq,
      entities: snapshot.entities.length,
      checksum: stateChecksum(snapshot.entities),
    };
    return answer;
  });
}
