import { PASSWORD_HISTORY, passwordProblems, type PasswordProblem } from '../../domain';
import type { PasswordChangeBody } from '../../protocol';
import type { AccountRecord, HubTransaction } from '../store';
import { isLocked } from './lockout';
import { hashPassword, verifyPassword } from './passwords';
import { readSecurityPolicy } from './security-policy';
import type { CheckedSession } from './session-check';
import { BAD_CREDENTIALS, restrictionsOf, type SignedIn, type SignInDeps } from './sign-in';
import type { Gated } from './sign-in-gate';
import { recordFailure, recordRefusal, type Attempt } from './sign-in-records';

type Session = Extract<CheckedSession, { ok: true }>;

/** Whether `password` is one of the account's last passwords (the current one included). */
async function recentlyUsed(deps: SignInDeps, account: AccountRecord, password: string): Promise<boolean> {
  const history = await deps.store.transaction((tx) => tx.passwordHistory(account.id, PASSWORD_HISTORY));
  const hashes = [...new Set([account.passwordHash, ...history])].slice(0, PASSWORD_HISTORY);
  for (const hash of hashes) if (await verifyPassword(password, hash)) return true;
  return false;
}

/** Sets an account's password: hash, history, age, and a new token epoch (every earlier token revoked). */
export async function storePassword(
  tx: HubTransaction,
  account: AccountRecord,
  passwordHash: string,
  { at, mustChange }: { at: string; mustChange: boolean },
): Promise<void> {
  const security = await tx.accountSecurity(account.id);
  if (!security) throw new Error(`no account ${account.id}`);
  await tx.putAccount({ ...account, passwordHash });
  await tx.putAccountSecurity({
    ...security,
    mustChangePassword: mustChange,
    passwordChangedAt: at,
    tokenEpoch: security.tokenEpoch + 1,
  });
  await tx.addPasswordHistory(account.id, passwordHash, at, PASSWORD_HISTORY);
}

/**
 * The signed-in account changes its own password, giving the old one again: a wrong one counts towards a
 * lock like a failed sign-in; the new one must meet the policy and be none of the last five.
 */
export async function changePassword(
  deps: SignInDeps,
  { account, claims }: Session,
  body: PasswordChangeBody,
  address: string,
): Promise<Gated<SignedIn>> {
  const { store } = deps;
  const attempt: Attempt = { action: 'auth.password-changed', address, now: deps.clock() };
  const policy = await readSecurityPolicy(store);
  const security = await store.accountSecurity(account.id);
  const oldOk = await verifyPassword(body.oldPassword, account.passwordHash);
  if (!security || isLocked(security, attempt.now)) {
    await recordRefusal(store, account, 'locked', attempt);
    return { ok: false, refusal: BAD_CREDENTIALS };
  }
  if (!oldOk) {
    await recordFailure(deps, account, 'wrong-password', attempt, policy);
    return { ok: false, refusal: BAD_CREDENTIALS };
  }
  const problems: PasswordProblem[] = passwordProblems(body.newPassword, account.name);
  if (problems.length === 0 && (await recentlyUsed(deps, account, body.newPassword)))
    problems.push({ code: 'passwordRecentlyUsed', params: { count: PASSWORD_HISTORY } });
  if (problems.length > 0) {
    await recordRefusal(store, account, 'password-policy', attempt, {
      problems: problems.map((problem) => problem.code),
    });
    const message = `the new password breaks the password policy: ${problems.map((p) => p.code).join(', ')}`;
    return { ok: false, refusal: { status: 400, code: 'password-policy', message, words: problems } };
  }
  const passwordHash = await hashPassword(body.newPassword);
  const at = new Date(attempt.now).toISOString();
  const changed = await store.transaction(async (tx) => {
    await tx.serialise();
    const current = await tx.accountSecurity(account.id);
    // Revoked meanwhile (locked, disabled, another change): this session may no longer change anything.
    if (!current || current.disabled || current.tokenEpoch !== (claims.epoch ?? 0)) return undefined;
    await storePassword(tx, account, passwordHash, { at, mustChange: false });
    await tx.audit({
      at,
      actor: account.name,
      action: 'auth.password-changed',
      target: account.name,
      outcome: 'accepted',
      detail: { address },
      scope: account.jurisdiction,
    });
    return tx.accountSecurity(account.id);
  });
  if (!changed) {
    const message = 'this session has ended: sign in again';
    return { ok: false, refusal: { status: 401, code: 'token-revoked', message } };
  }
  deps.revoked(account.id);
  const updated = { ...account, passwordHash };
  const restrictions = restrictionsOf(updated, changed, attempt.now, policy);
  return { ok: true, value: { account: updated, security: changed, restrictions, policy } };
}
