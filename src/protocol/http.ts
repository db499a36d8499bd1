import { z } from 'zod';

/** The hub's HTTP answers and the bodies it accepts, shared by the hub's routes and its clients. */

/** A six-digit code from the authenticator app (TOTP), once the account has enrolled one. */
export const totpCodeSchema = z.string().regex(/^\d{6}$/, 'six digits');

export const loginBodySchema = z
  .object({
    name: z.string().min(1).max(100),
    password: z.string().min(1).max(200),
    totpCode: totpCodeSchema.optional(),
  })
  .strict();
export type LoginBody = z.infer<typeof loginBodySchema>;

export const refreshBodySchema = z.object({ refreshToken: z.string().min(1) }).strict();
export type RefreshBody = z.infer<typeof refreshBodySchema>;

export const tokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  /** Seconds the access token lasts. */
  expiresIn: z.number().int().positive(),
});
export type Tokens = z.infer<typeof tokensSchema>;

export const signedInAccountSchema = z.object({
  accountId: z.string(),
  name: z.string(),
  role: z.string(),
  jurisdiction: z.string(),
  jurisdictionName: z.string().optional(),
  /** The person and post (值班员 李明), from a hub that keeps them. */
  person: z.string().optional(),
});
export type SignedInAccount = z.infer<typeof signedInAccountSchema>;

export const loginAnswerSchema = tokensSchema.extend({
  account: signedInAccountSchema,
  /** After this long without input an operator's screen locks until the password is given again (not a wall's). */
  idleTimeoutMinutes: z.number().int().positive().optional(),
  /**
   * The password is generated or expired: the tokens allow nothing but `POST /api/v1/auth/password`, whose
   * answer is a sign-in answer with full tokens.
   */
  passwordChangeRequired: z.literal(true).optional(),
  /**
   * An administrator without a second factor: the tokens allow nothing but password change and TOTP
   * enrolment (`POST /api/v1/auth/totp/enrol`, then `…/totp/confirm`, whose answer has full tokens).
   */
  totpEnrolmentRequired: z.literal(true).optional(),
});
export type LoginAnswer = z.infer<typeof loginAnswerSchema>;

export const refreshAnswerSchema = tokensSchema;
export type RefreshAnswer = z.infer<typeof refreshAnswerSchema>;

export const healthzAnswerSchema = z.object({
  status: z.literal('ok'),
  /** The head of the hub's log. */
  seq: z.number().int().nonnegative(),
  store: z.string(),
});
export type HealthzAnswer = z.infer<typeof healthzAnswerSchema>;

export const checksumQuerySchema = z
  .object({ scope: z.string().regex(/^\d+$/).optional(), account: z.string().min(1).optional() })
  .strict();

export const checksumAnswerSchema = z.object({
  scope: z.string(),
  seq: z.number().int().nonnegative(),
  entities: z.number().int().nonnegative(),
  checksum: z.string(),
});
export type ChecksumAnswer = z.infer<typeof checksumAnswerSchema>;

/** Every refusal has the same shape: a code a program can switch on and a sentence a person can act on. */
export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    problems: z.array(z.string()).optional(),
    /** The problems as codes with parameters, for a screen to word (a new password's, say). */
    words: z
      .array(z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }))
      .optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
