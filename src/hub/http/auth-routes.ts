import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  loginBodySchema,
  passwordChangeBodySchema,
  refreshBodySchema,
  totpConfirmBodySchema,
  type LoginAnswer,
  type RefreshAnswer,
  type TotpEnrolmentAnswer,
} from '../../protocol';
import { personName } from '../accounts';
import { changePassword } from '../auth/password-change';
import { checkSession } from '../auth/session-check';
import { signIn, type SignedIn, type SignInDeps } from '../auth/sign-in';
import type { SignInGate } from '../auth/sign-in-gate';
import { confirmTotpEnrolment, startTotpEnrolment } from '../auth/totp-enrolment';
import type { OperatorClaims, TokenService } from '../auth/tokens';
import type { RegionIndex } from '../region-index';
import type { AccountRecord } from '../store';
import { bearer } from './bearer';
import { sendError, sendRefusal, zodProblems } from './errors';

export interface AuthRoutesOptions {
  deps: SignInDeps;
  gate: SignInGate;
  tokens: TokenService;
  region: RegionIndex;
}

export function claimsOf(account: AccountRecord, epoch: number, limited = false): OperatorClaims {
  return {
    accountId: account.id,
    name: account.name,
    role: account.role,
    jurisdiction: account.jurisdiction,
    person: personName(account),
    epoch,
    ...(limited ? { limited: true as const } : {}),
  };
}

/** The sign-in answer: tokens limited to finishing the sign-in while something is still required. */
async function loginAnswer(
  { account, security, restrictions, policy }: SignedIn,
  tokens: TokenService,
  region: RegionIndex,
): Promise<LoginAnswer> {
  const { passwordChangeRequired, totpEnrolmentRequired } = restrictions;
  const claims = claimsOf(account, security.tokenEpoch, passwordChangeRequired || totpEnrolmentRequired);
  const { epoch: _epoch, limited: _limited, ...shown } = claims;
  return {
    ...(await tokens.issue(claims)),
    account: { ...shown, jurisdictionName: region.get(account.jurisdiction)?.name },
    idleTimeoutMinutes: policy.idleTimeoutMinutes,
    ...(passwordChangeRequired ? { passwordChangeRequired: true as const } : {}),
    ...(totpEnrolmentRequired ? { totpEnrolmentRequired: true as const } : {}),
  };
}

/** The account's name for the throttle, read from the limited or full token of a request. */
const sessionOf = (options: AuthRoutesOptions, request: FastifyRequest) =>
  checkSession(options.deps.store, options.tokens, bearer(request), { allowLimited: true });

/**
 * Sign-in with name, password and (once enrolled) a TOTP code; a new pair of tokens for a refresh token;
 * the password change; TOTP enrolment. Every password check passes the throttles and a hashing slot first.
 */
export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions) {
  const { deps, gate, tokens, region } = options;

  app.post('/api/v1/auth/login', async (request, reply) => {
    const body = loginBodySchema.safeParse(request.body);
    if (!body.success)
      return sendError(reply, 400, 'invalid-body', 'name and password are required', zodProblems(body.error));
    const result = await gate.pass(request.ip, body.data.name, () => signIn(deps, body.data, request.ip));
    if (!result.ok) return sendRefusal(reply, result.refusal);
    return loginAnswer(result.value, tokens, region);
  });

  app.post('/api/v1/auth/refresh', async (request, reply) => {
    const body = refreshBodySchema.safeParse(request.body);
    if (!body.success) return sendError(reply, 400, 'invalid-body', 'refreshToken is required');
    const session = await checkSession(deps.store, tokens, body.data.refreshToken, {
      audience: 'refresh',
      allowLimited: true,
    });
    if (!session.ok) return sendRefusal(reply, session.refusal);
    const { account, security, claims } = session;
    const answer: RefreshAnswer = await tokens.issue(claimsOf(account, security.tokenEpoch, claims.limited));
    return answer;
  });

  app.post('/api/v1/auth/password', async (request, reply) => {
    const session = await sessionOf(options, request);
    if (!session.ok) return sendRefusal(reply, session.refusal);
    const body = passwordChangeBodySchema.safeParse(request.body);
    if (!body.success)
      return sendError(
        reply,
        400,
        'invalid-body',
        'oldPassword and newPassword are required',
        zodProblems(body.error),
      );
    const result = await gate.pass(request.ip, session.account.name, () =>
      changePassword(deps, session, body.data, request.ip),
    );
    if (!result.ok) return sendRefusal(reply, result.refusal);
    return loginAnswer(result.value, tokens, region);
  });

  app.post('/api/v1/auth/totp/enrol', async (request, reply) => {
    const session = await sessionOf(options, request);
    if (!session.ok) return sendRefusal(reply, session.refusal);
    const result = await startTotpEnrolment(deps, session);
    if (!result.ok) return sendRefusal(reply, result.refusal);
    const answer: TotpEnrolmentAnswer = result.value;
    return answer;
  });

  app.post('/api/v1/auth/totp/confirm', async (request, reply) => {
    const session = await sessionOf(options, request);
    if (!session.ok) return sendRefusal(reply, session.refusal);
    const body = totpConfirmBodySchema.safeParse(request.body);
    if (!body.success)
      return sendError(reply, 400, 'invalid-body', 'totpCode: six digits', zodProblems(body.error));
    const result = await gate.pass(request.ip, session.account.name, () =>
      confirmTotpEnrolment(deps, session, body.data.totpCode, request.ip),
    );
    if (!result.ok) return sendRefusal(reply, result.refusal);
    return loginAnswer(result.value, tokens, region);
  });
}
