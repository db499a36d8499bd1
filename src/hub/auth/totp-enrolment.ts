import type { AccountRecord } from '../store';
import { readSecurityPolicy } from './security-policy';
import type { CheckedSession } from './session-check';
import { restrictionsOf, type SignedIn, type SignInDeps } from './sign-in';
import type { Gated } from './sign-in-gate';
import { recordFailure, type Attempt } from './sign-in-records';
import { acceptedTotpStep, newTotpSecret, totpUri } from './totp';

type Session = Extract<CheckedSession, { ok: true }>;

const ALREADY_ENROLLED = {
  status: 409,
  code: 'totp-already-enrolled',
  message: 'this account already has a second factor; a security administrator can reset it',
};

/**
 * Offers a new TOTP secret, shown once as an otpauth:// URI and kept sealed until a first code confirms
 * it; offering again replaces an unconfirmed one.
 */
export async function startTotpEnrolment(
  deps: SignInDeps,
  { account, security }: Session,
): Promise<Gated<{ uri: string }>> {
  if (security.totpSecret !== null) return { ok: false, refusal: ALREADY_ENROLLED };
  const secret = newTotpSecret();
  await deps.store.transaction(async (tx) => {
    const current = await tx.accountSecurity(account.id);
    if (current) await tx.putAccountSecurity({ ...current, totpPending: deps.seal.seal(secret) });
  });
  return { ok: true, value: { uri: totpUri(secret, account.name) } };
}

/**
 * A first code from the app confirms the offered secret: it becomes the account's second factor, the
 * limited tokens are revoked, and a full sign-in follows. A wrong code counts towards a lock.
 */
export async function confirmTotpEnrolment(
  deps: SignInDeps,
  { account, claims }: Session,
  code: string,
  address: string,
): Promise<Gated<SignedIn>> {
  const attempt: Attempt = { action: 'auth.totp-enrolled', address, now: deps.clock() };
  const policy = await readSecurityPolicy(deps.store);
  const security = await deps.store.accountSecurity(account.id);
  if (security?.totpSecret) return { ok: false, refusal: ALREADY_ENROLLED };
  if (!security?.totpPending) {
    const message = 'start the enrolment first: POST /api/v1/auth/totp/enrol';
    return { ok: false, refusal: { status: 409, code: 'totp-not-started', message } };
  }
  const step = acceptedTotpStep(deps.seal.open(security.totpPending), code, attempt.now, null);
  if (step === undefined) {
    await recordFailure(deps, account, 'wrong-totp', attempt, policy);
    const message = 'the code does not match: enter the current code of your authenticator app';
    return { ok: false, refusal: { status: 400, code: 'wrong-totp-code', message } };
  }
  const enrolled = await confirm(deps, account, claims.epoch ?? 0, step, attempt);
  if (!enrolled) {
    const message = 'this session has ended: sign in again';
    return { ok: false, refusal: { status: 401, code: 'token-revoked', message } };
  }
  const restrictions = restrictionsOf(account, enrolled, attempt.now, policy);
  return { ok: true, value: { account, security: enrolled, restrictions, policy } };
}

async function confirm(
  deps: SignInDeps,
  account: AccountRecord,
  epoch: number,
  step: number,
  attempt: Attempt,
) {
  return deps.store.transaction(async (tx) => {
    await tx.serialise();
    const current = await tx.accountSecurity(account.id);
    if (!current?.totpPending || current.disabled || current.tokenEpoch !== epoch) return undefined;
    const next = {
      ...current,
      totpSecret: current.totpPending,
      totpPending: null,
      totpLastStep: step,
      tokenEpoch: current.tokenEpoch + 1,
    };
    await tx.putAccountSecurity(next);
    await tx.audit({
      at: new Date(attempt.now).toISOString(),
      actor: account.name,
      action: 'auth.totp-enrolled',
      target: account.name,
      outcome: 'accepted',
      detail: { address: attempt.address },
      scope: account.jurisdiction,
    });
    return next;
  });
}
