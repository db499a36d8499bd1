import { z } from 'zod';

/**
 * What the hub and the core tell a person, as a code and its parameters; the renderer words each code in the
 * operator's language. A parameter named `at`, `deadline`, `due`, `acknowledgeBy` or `from` is an instant (or
 * a day) the renderer writes in China time; `stage`, `role`, `action`, `permission`, `mode`, `period` and `videoRefusal`
 * are codes the renderer words too; anything else is shown as it is (a person's name, a count, a character).
 */
export const MESSAGE_CODES = [
  // the lifecycle
  'illegalInStage',
  'roleMayNot',
  'roleLacksPermission',
  'outOfScope',
  'staleVersion',
  'changedBy',
  'changedByField',
  'deadlineBeforeAcknowledge',
  'unitHasNoOrder',
  'unitAlreadyAcknowledged',
  'supervisionNeedsOverdue',
  'nobodyAcknowledged',
  'disputeNeedsDifficulty',
  'followUpInstead',
  // the centre's own actions
  'shiftNotStarted',
  'handoverAlreadySigned',
  'ownShift',
  'alreadyInMode',
  'periodNotBegun',
  'unknownLinkedIncidents',
  'keyPersonAlreadyRemoved',
  'targetAlreadyRemoved',
  'inspectionInFuture',
  'targetOutsidePlace',
  // documents
  'noOutstandingRisk',
  'incidentClosed',
  'supervisionNotOverdue',
  'noUnitToAddress',
  // the hub
  'invalidCommand',
  'incidentNotFound',
  'handoverNotFound',
  'keyPersonNotFound',
  'targetNotFound',
  'commandIdTaken',
  // the desktop core
  'roleMayNotSee',
  'incidentNotInScope',
  'invalidInput',
  'unknownMethod',
  'coreStopped',
  'coreDisconnected',
  'screenNeedsToken',
  'unexpected',
  'protocolMismatch',
  'roleSeesNoSituation',
  // the idle lock and the administrators' screens
  'screenLocked',
  'displayOnly',
  'wrongPassword',
  'accountLocked',
  'hubUnreachable',
  'hubUnavailable',
  // finishing the sign-in (the password policy's problems are worded as the hub names them)
  'passwordTooShort',
  'passwordTooFewClasses',
  'passwordContainsName',
  'passwordRecentlyUsed',
  'passwordUnchanged',
  'wrongTotpCode',
  'totpCodeRequired',
  'signInStepNotPending',
  // forms: the limits the domain sets on a value
  'fieldTooShort',
  'fieldTooLong',
  'fieldTooSmall',
  'fieldTooLarge',
  'fieldInvalid',
  'fieldRequired',
  'slaRiskOrder',
  'slaWartimeLonger',
  'subsidyHarderEarnsLess',
  // resident ID numbers (GB 11643-1999)
  'residentIdLength',
  'residentIdDigits',
  'residentIdLastCharacter',
  'residentIdBirthDate',
  'residentIdCheckCharacter',
  // account administration (三员分立)
  'ownAccount',
  'accountNotFound',
  'accountExists',
  'roleNotCreatable',
  // live video: `videoRefusal` is the hub's reason (see the video API's refusals), with `limit` for a cap
  'videoRefused',
] as const;
export type MessageCode = (typeof MESSAGE_CODES)[number];

export const messageParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type MessageParams = z.infer<typeof messageParamsSchema>;

export const wordingSchema = z.object({
  code: z.enum(MESSAGE_CODES),
  params: messageParamsSchema,
  /** A sentence for developers' logs; never shown to a person. */
  message: z.string().optional(),
});
export type Wording = z.infer<typeof wordingSchema>;

export function wording(code: MessageCode, params: MessageParams = {}, message?: string): Wording {
  return message === undefined ? { code, params } : { code, params, message };
}

/** What to tell a person about `error`: its wording if it has one, else that something unexpected happened. */
export function wordingOf(error: unknown): Wording {
  if (error instanceof WordedError) return error.wording;
  return wording('unexpected', {}, error instanceof Error ? error.message : String(error));
}

/** An error the desktop core throws that a person may read: the transports pass its wording on. */
export class WordedError extends Error {
  constructor(readonly wording: Wording) {
    super(wording.message ?? wording.code);
    this.name = 'WordedError';
  }
}
