import type { CommandType } from './command';

/**
 * Every action the hub records in its audit trail, by the code the trail holds. The hub's store takes only
 * these, and the audit screen words each of them, so the two cannot drift apart.
 */
export const AUDITED_ACTIONS = [
  'auth.login',
  'auth.locked',
  'auth.unlocked',
  'auth.password-changed',
  'auth.totp-enrolled',
  'account.created',
  'account.role-changed',
  'account.disabled',
  'account.password-reset',
  'account.refused',
  'api-key.created',
  'security.policy-changed',
  'personal-data.unmasked',
  'audit.read',
  'audit.exported',
  'audit.purged',
  /** A camera's live video watched: opened (or refused), and closed with when from and to. */
  'video.session-opened',
  'video.session-closed',
  /** A command the hub could not read, so it has no type. */
  'command',
] as const;

/** An audited action: one of the list, or an operator's command by its type (`command.addNote`). */
export type AuditedAction = (typeof AUDITED_ACTIONS)[number] | `command.${CommandType}`;
