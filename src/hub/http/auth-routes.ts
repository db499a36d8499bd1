import type { FastifyInstance } from 'fastify';
import { loginBodySchema, refreshBodySchema, type LoginAnswer, type RefreshAnswer } from '../../protocol';
import { authenticate, personName } from '../accounts';
import { TokenError, type OperatorClaims, type TokenService } from '../auth/tokens';
import type { RegionIndex } from '../region-index';
import type { AccountRecord, HubStore } from '../store';
import { sendError, zodProblems } from './errors';

export interface AuthRoutesOptions {
  store: HubStore;
  tokens: TokenService;
  region: RegionIndex;
}

function claimsOf(account: AccountRecord): OperatorClaims {
  return {
    accountId: account.id,
    name: account.name,
    role: account.role,
    jurisdiction: account.jurisdiction,
    person: personName(account),
  };
}

/** Sign-in with name and password, and a new pair of tokens for a refresh token. */
export async function authRoutes(app: FastifyInstance, { store, tokens, region }: AuthRoutesOptions) {
  app.post('/api/v1/auth/login', async (request, reply) => {
    const body = loginBodySchema.safeParse(request.body);
    if (!body.success)
      return sendError(reply, 400, 'invalid-body', 'name and password are required', zodProblems(body.error));
    const account = await authenticate(store, body.data.name, body.data.password);
    if (!account) return sendError(reply, 401, 'bad-credentials', 'wrong name or password');
    const claims = claimsOf(account);
    const answer: LoginAnswer = {
      ...(await tokens.issue(claims)),
      account: { ...claims, jurisdictionName: region.get(account.jurisdiction)?.name },
    };
    return answer;
  });

  app.post('/api/v1/auth/refresh', async (request, reply) => {
    const body = refreshBodySchema.safeParse(request.body);
    if (!body.success) return sendError(reply, 400, 'invalid-body', 'refreshToken is required');
    try {
      const claims = await tokens.verify(body.data.refreshToken, 'refresh');
      const account = await store.accountById(claims.accountId);
      if (!account) return sendError(reply, 401, 'bad-credentials', 'the account no longer exists');
      const answer: RefreshAnswer = await tokens.issue(claimsOf(account));
      return answer;
    } catch (error) {
      if (error instanceof TokenError) return sendError(reply, 401, 'bad-token', error.message);
      throw error;
    }
  });
}
