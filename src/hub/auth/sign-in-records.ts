import type { AuditedAction } from '../../domain/audit-actions';
import type { SecurityPolicy } from '../../domain';
import type { AccountRecord, HubStore } from '../store';
import { afterFailure } from './lockout';

/**
 * Why a sign-in (or a password change, or a TOTP confirmation) was refused, for the audit trail only: the
 * answer is the same whatever the reason, so it never says whether an account exists.
 */
export type RefusalReason =
  | 'unknown-account'
  | 'disabled'
  | 'locked'
  | 'wrong-password'
  | 'totp-missing'
  | 'wrong-totp'
  | 'password-policy';

export interface Attempt {
  /** `auth.login`, `auth.password-changed`, `auth.totp-enrolled`. */
  action: AuditedAction;
  address: string;
  now: number;
}

/**
 * Records a refusal that does not count towards a lock. An unknown name is not recorded as a target: people
 * type their password into the name field, and the trail must never hold a password.
 */
export async function recordRefusal(
  store: HubStore,
  account: AccountRecord | undefined,
  reason: RefusalReason,
  { action, address, now }: Attempt,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await store.transaction((tx) =>
    tx.audit({
      at: new Date(now).toISOString(),
      actor: account?.name ?? 'unknown',
      action,
      target: account?.name ?? null,
      outcome: 'refused',
      detail: { reason, address, ...extra },
      scope: account?.jurisdiction ?? null,
    }),
  );
}

/** Records a failed guess, locking the account at the policy's threshold (which revokes its tokens). */
export async function recordFailure(
  { store, revoked }: { store: HubStore; revoked: (accountId: string) => void },
  account: AccountRecord,
  reason: RefusalReason,
  attempt: Attempt,
  policy: SecurityPolicy,
): Promise<void> {
  const at = new Date(attempt.now).toISOString();
  const locked = await store.transaction(async (tx) => {
    // Hubs sharing one database count every failure once.
    await tx.serialise();
    const security = await tx.accountSecurity(account.id);
    if (!security) return false;
    const { next, locked } = afterFailure(security, attempt.now, policy);
    await tx.putAccountSecurity(next);
    const base = { at, actor: account.name, target: account.name, scope: account.jurisdiction };
    await tx.audit({
      ...base,
      action: attempt.action,
      outcome: 'refused',
      detail: { reason, address: attempt.address },
    });
    if (locked) {
      await tx.audit({
        ...base,
        actor: 'system',
        action: 'auth.locked',
        outcome: 'accepted',
        detail: { failures: policy.lockoutThreshold, until: next.lockedUntil, address: attempt.address },
      });
    }
    return locked;
  });
  if (locked) revoked(account.id);
}
