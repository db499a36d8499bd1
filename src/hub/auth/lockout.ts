import type { SecurityPolicy } from '../../domain';
import type { AccountSecurityRecord } from '../store';

const MINUTE_MS = 60_000;

export function isLocked(security: AccountSecurityRecord, now: number): boolean {
  return security.lockedUntil !== null && Date.parse(security.lockedUntil) > now;
}

/**
 * The account after one more failed sign-in at `now`: failures are counted from the first of a window of
 * the policy's length; the threshold-th within it locks the account, and revokes its tokens.
 */
export function afterFailure(
  security: AccountSecurityRecord,
  now: number,
  policy: SecurityPolicy,
): { next: AccountSecurityRecord; locked: boolean } {
  const windowOpen =
    security.firstFailureAt !== null &&
    Date.parse(security.firstFailureAt) > now - policy.lockoutWindowMinutes * MINUTE_MS;
  const failures = windowOpen ? security.failedLogins + 1 : 1;
  if (failures >= policy.lockoutThreshold) {
    return {
      next: {
        ...security,
        failedLogins: 0,
        firstFailureAt: null,
        lockedUntil: new Date(now + policy.lockoutMinutes * MINUTE_MS).toISOString(),
        tokenEpoch: security.tokenEpoch + 1,
      },
      locked: true,
    };
  }
  return {
    next: {
      ...security,
      failedLogins: failures,
      firstFailureAt: windowOpen ? security.firstFailureAt : new Date(now).toISOString(),
    },
    locked: false,
  };
}

/** The account once unlocked, by a sign-in that worked or by a security administrator. */
export function cleared(security: AccountSecurityRecord): AccountSecurityRecord {
  return { ...security, failedLogins: 0, firstFailureAt: null, lockedUntil: null };
}
