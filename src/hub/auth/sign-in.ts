import { isAdminRole, passwordExpired, type SecurityPolicy } from '../../domain';
import type { PersonalDataSeal } from '../../gm';
import type { LoginBody } from '../../protocol';
import type { AccountRecord, AccountSecurityRecord, HubStore } from '../store';
import { cleared, isLocked } from './lockout';
import { DUMMY_HASH, verifyPassword } from './passwords';
import { readSecurityPolicy } from './security-policy';
import type { Gated, GateRefusal } from './sign-in-gate';
import { recordFailure, recordRefusal, type Attempt, type RefusalReason } from './sign-in-records';
import { acceptedTotpStep } from './totp';

export interface SignInDeps {
  store: HubStore;
  /** Opens the sealed TOTP secrets. */
  seal: PersonalDataSeal;
  clock: () => number;
  /** Told of every account whose tokens were just revoked, to end its live connections. */
  revoked: (accountId: string) => void;
}

/** What a signed-in account may not do yet: its tokens are limited until it has. */
export interface Restrictions {
  passwordChangeRequired: boolean;
  totpEnrolmentRequired: boolean;
}

export interface SignedIn {
  account: AccountRecord;
  security: AccountSecurityRecord;
  restrictions: Restrictions;
  policy: SecurityPolicy;
}

/** One answer for an unknown name, a wrong password, a disabled or a locked account. */
export const BAD_CREDENTIALS: GateRefusal = {
  status: 401,
  code: 'bad-credentials',
  message: 'wrong name or password',
};
const TOTP_REQUIRED: GateRefusal = {
  status: 401,
  code: 'totp-required',
  message: 'enter the current code of your authenticator app',
};

export function restrictionsOf(
  account: AccountRecord,
  security: AccountSecurityRecord,
  now: number,
  policy: SecurityPolicy,
): Restrictions {
  const changedAt = security.passwordChangedAt ?? account.createdAt;
  return {
    passwordChangeRequired:
      security.mustChangePassword ||
      (security.passwordExpires && passwordExpired(changedAt, now, policy.passwordExpiryDays)),
    totpEnrolmentRequired: isAdminRole(account.role) && security.totpSecret === null,
  };
}

/**
 * Checks a name and password (and the TOTP code of an account that has enrolled one). The password is
 * hashed whatever the account's state, so an unknown name, a disabled or locked account and a wrong
 * password take about as long and get the same answer.
 */
export async function signIn(deps: SignInDeps, body: LoginBody, address: string): Promise<Gated<SignedIn>> {
  const { store } = deps;
  const attempt: Attempt = { action: 'auth.login', address, now: deps.clock() };
  const policy = await readSecurityPolicy(store);
  const account = await store.accountByName(body.name);
  const security = account && (await store.accountSecurity(account.id));
  const passwordOk = await verifyPassword(body.password, account?.passwordHash ?? DUMMY_HASH);
  const refuse = async (reason: RefusalReason, refusal = BAD_CREDENTIALS): Promise<Gated<SignedIn>> => {
    await recordRefusal(store, account, reason, attempt);
    return { ok: false, refusal };
  };
  const fail = async (reason: RefusalReason, refusal = BAD_CREDENTIALS): Promise<Gated<SignedIn>> => {
    await recordFailure(deps, account!, reason, attempt, policy);
    return { ok: false, refusal };
  };
  if (!account || !security) return refuse('unknown-account');
  if (security.disabled) return refuse('disabled');
  if (isLocked(security, attempt.now)) return refuse('locked');
  if (!passwordOk) return fail('wrong-password');
  let step: number | undefined;
  if (security.totpSecret !== null) {
    if (!body.totpCode) return refuse('totp-missing', TOTP_REQUIRED);
    const secret = deps.seal.open(security.totpSecret);
    step = acceptedTotpStep(secret, body.totpCode, attempt.now, security.totpLastStep);
    if (step === undefined) return fail('wrong-totp', TOTP_REQUIRED);
  }
  const accepted = await recordSignIn(store, account, attempt, step);
  if (!accepted) return fail('wrong-totp', TOTP_REQUIRED);
  const restrictions = restrictionsOf(account, accepted, attempt.now, policy);
  return { ok: true, value: { account, security: accepted, restrictions, policy } };
}

/**
 * Clears the failures and records the sign-in; undefined if the TOTP step was used meanwhile (the same
 * code sent twice at once, to two hubs).
 */
async function recordSignIn(
  store: HubStore,
  account: AccountRecord,
  { address, now }: Attempt,
  step: number | undefined,
): Promise<AccountSecurityRecord | undefined> {
  return store.transaction(async (tx) => {
    await tx.serialise();
    const security = await tx.accountSecurity(account.id);
    if (!security) return undefined;
    if (step !== undefined && security.totpLastStep !== null && step <= security.totpLastStep)
      return undefined;
    const next = { ...cleared(security), totpLastStep: step ?? security.totpLastStep };
    await tx.putAccountSecurity(next);
    await tx.audit({
      at: new Date(now).toISOString(),
      actor: account.name,
      action: 'auth.login',
      target: account.name,
      outcome: 'accepted',
      detail: { address, secondFactor: step !== undefined },
      scope: account.jurisdiction,
    });
    return next;
  });
}
