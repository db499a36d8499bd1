import { z } from 'zod';

/**
 * What the security administrator sets (等保 2.0 level 3): how many failed sign-ins within a window lock an
 * account and for how long, how long a password lasts, and after how long without input a screen locks.
 */
export const securityPolicySchema = z
  .object({
    /** Failed sign-ins within the window that lock the account. */
    lockoutThreshold: z.number().int().min(3).max(20),
    lockoutWindowMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    /** How long a lock lasts unless a security administrator lifts it sooner. */
    lockoutMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
    passwordExpiryDays: z.number().int().min(1).max(3650),
    idleTimeoutMinutes: z.number().int().min(1).max(240),
  })
  .strict();
export type SecurityPolicy = z.infer<typeof securityPolicySchema>;

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  lockoutThreshold: 5,
  lockoutWindowMinutes: 15,
  lockoutMinutes: 30,
  passwordExpiryDays: 90,
  idleTimeoutMinutes: 30,
};
