import type { AccountRecord, AccountSecurityRecord, HubStore } from '../store';
import { TokenError, type OperatorClaims, type TokenService } from './tokens';

export interface Refusal {
  status: number;
  code: string;
  message: string;
}

export type CheckedSession =
  | { ok: true; claims: OperatorClaims; account: AccountRecord; security: AccountSecurityRecord }
  | { ok: false; refusal: Refusal };

const refuse = (status: number, code: string, message: string): CheckedSession => ({
  ok: false,
  refusal: { status, code, message },
});

/**
 * A token checked against the account as it is now: signed, not expired, of the account's current token
 * epoch (a password change, lock, role change or disable revokes every earlier token), of an account not
 * disabled, and a full one unless `allowLimited` (the password change and TOTP enrolment take a limited one).
 */
export async function checkSession(
  store: HubStore,
  tokens: TokenService,
  token: string | undefined,
  {
    audience = 'access',
    allowLimited = false,
  }: { audience?: 'access' | 'refresh'; allowLimited?: boolean } = {},
): Promise<CheckedSession> {
  let claims: OperatorClaims;
  try {
    claims = await tokens.verify(token ?? '', audience);
  } catch (error) {
    if (error instanceof TokenError) return refuse(401, 'bad-token', error.message);
    throw error;
  }
  const account = await store.accountById(claims.accountId);
  const security = account && (await store.accountSecurity(account.id));
  if (!account || !security || security.disabled || security.tokenEpoch !== (claims.epoch ?? 0))
    return refuse(401, 'token-revoked', 'this session has ended: sign in again');
  if (claims.limited && !allowLimited)
    return refuse(
      403,
      'sign-in-incomplete',
      'change the password, or enrol the second factor, before anything else',
    );
  return { ok: true, claims, account, security };
}
