import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app reads it: SHA-1, six digits, 30-second steps. */
const PERIOD_SECONDS = 30;
const PARAMETERS = { algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS } as const;
/** A code of the step before or after is accepted too: phones' clocks drift. */
const WINDOW = 1;
const ISSUER = 'Pingan Command';

/** A new secret, base32 (what the otpauth:// URI carries). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, accountName: string): string {
  return new TOTP({
    issuer: ISSUER,
    label: accountName,
    secret: Secret.fromBase32(secret),
    ...PARAMETERS,
  }).toString();
}

/**
 * The time step `code` belongs to at `now` (ms), or undefined if it is wrong, or of a step at or before
 * `lastStep`: a code once accepted is never accepted again, not even within its window.
 */
export function acceptedTotpStep(
  secret: string,
  code: string,
  now: number,
  lastStep: number | null,
): number | undefined {
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secret),
    timestamp: now,
    window: WINDOW,
    ...PARAMETERS,
  });
  if (delta === null) return undefined;
  const step = Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
  return lastStep !== null && step <= lastStep ? undefined : step;
}

/** The current code, for tests and tools that stand in for an authenticator app. */
export function totpCode(secret: string, now: number): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: now, ...PARAMETERS });
}
