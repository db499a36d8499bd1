import { z } from 'zod';
import { roleSchema } from '../domain/operator';
import { securityPolicySchema } from '../domain/security-policy';
import { totpCodeSchema } from './http';

/**
 * Password change, the second factor and the administration of accounts (三员分立): the bodies the hub
 * accepts and the answers it gives, parsed on both sides.
 */

export const passwordChangeBodySchema = z
  .object({ oldPassword: z.string().min(1).max(200), newPassword: z.string().min(1).max(200) })
  .strict();
export type PasswordChangeBody = z.infer<typeof passwordChangeBodySchema>;

export const totpEnrolmentAnswerSchema = z.object({
  /** `otpauth://totp/…` with the secret: shown once, for the authenticator app (as a QR code, say). */
  uri: z.string().startsWith('otpauth://totp/'),
});
export type TotpEnrolmentAnswer = z.infer<typeof totpEnrolmentAnswerSchema>;

export const totpConfirmBodySchema = z.object({ totpCode: totpCodeSchema }).strict();
export type TotpConfirmBody = z.infer<typeof totpConfirmBodySchema>;

const accountNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'lowercase letters, digits, dot, dash or underscore, 2 to 64');

export const newAccountBodySchema = z
  .object({
    name: accountNameSchema,
    role: roleSchema,
    jurisdiction: z.string().regex(/^\d{2,15}$/, 'a jurisdiction code'),
    displayName: z.string().trim().max(50).optional(),
    post: z.string().trim().max(50).optional(),
  })
  .strict();
export type NewAccountBody = z.infer<typeof newAccountBodySchema>;

export const accountSummarySchema = z.object({
  name: z.string(),
  role: z.string(),
  jurisdiction: z.string(),
  displayName: z.string(),
  post: z.string(),
  disabled: z.boolean(),
  /** ISO time the lock ends, when the account is locked now. */
  lockedUntil: z.string().optional(),
  totpEnrolled: z.boolean(),
});
export type AccountSummary = z.infer<typeof accountSummarySchema>;

/** A new account or a reset password: the one-time password is in this answer and nowhere else. */
export const oneTimePasswordAnswerSchema = z.object({
  account: accountSummarySchema,
  password: z.string().min(1),
});
export type OneTimePasswordAnswer = z.infer<typeof oneTimePasswordAnswerSchema>;

export const accountAnswerSchema = z.object({ account: accountSummarySchema });
export type AccountAnswer = z.infer<typeof accountAnswerSchema>;

export const roleChangeBodySchema = z.object({ role: roleSchema }).strict();
export type RoleChangeBody = z.infer<typeof roleChangeBodySchema>;

export const securityPolicyBodySchema = securityPolicySchema;
export const securityPolicyAnswerSchema = z.object({ policy: securityPolicySchema });
export type SecurityPolicyAnswer = z.infer<typeof securityPolicyAnswerSchema>;
