import { z } from 'zod';
import { roleSchema, securityPolicySchema } from '../../domain';

/*
 * The administration screen's part of the contract (三员分立). It carries what the hub's account routes
 * (`src/protocol/accounts.ts`) answer; the contract stays free of the wire, so the shapes are declared again
 * here, and the core's accounts client proves at compile time that the two agree.
 */

/** An account's login name, as the hub takes it. */
export const accountNameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/);

export const accountViewSchema = z.object({
  /** The login name: screens show the person's name and post instead, where the hub knows them. */
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
export type AccountView = z.infer<typeof accountViewSchema>;

export const accountListViewSchema = z.object({
  accounts: z.array(accountViewSchema),
  /** Names of the accounts' jurisdictions, by code. */
  names: z.record(z.string(), z.string()),
});
export type AccountListView = z.infer<typeof accountListViewSchema>;

export const newAccountInputSchema = z.strictObject({
  name: accountNameSchema,
  role: roleSchema,
  jurisdiction: z.string().regex(/^\d{2,15}$/),
  displayName: z.string().trim().max(50).optional(),
  post: z.string().trim().max(50).optional(),
});
export type NewAccountInput = z.infer<typeof newAccountInputSchema>;

export const accountTargetSchema = z.strictObject({ name: accountNameSchema });

export const roleChangeInputSchema = z.strictObject({ name: accountNameSchema, role: roleSchema });

/** A new account or a reset password: the one-time password is shown once and kept nowhere. */
export const oneTimePasswordViewSchema = z.object({ account: accountViewSchema, password: z.string() });
export type OneTimePasswordView = z.infer<typeof oneTimePasswordViewSchema>;

export const securityPolicyViewSchema = securityPolicySchema;
