import type { MessageParams } from './wording';

/**
 * The password rules of 等保 2.0 level 3 that need nothing but the password itself: long enough, mixed
 * enough, not the account's name. Each problem is a code with parameters, so a screen can word it; the
 * history (no reuse of the last passwords) and expiry need the store and the clock, and are checked beside.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MIN_CLASSES = 3;
/** A new password may not be any of this many most recent ones (the current one included). */
export const PASSWORD_HISTORY = 5;

export const PASSWORD_PROBLEM_CODES = [
  'passwordTooShort',
  'passwordTooFewClasses',
  'passwordContainsName',
  'passwordRecentlyUsed',
  'passwordUnchanged',
] as const;
export type PasswordProblemCode = (typeof PASSWORD_PROBLEM_CODES)[number];

export interface PasswordProblem {
  code: PasswordProblemCode;
  params: MessageParams;
}

const CLASSES: readonly RegExp[] = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];

/** How many of the four character classes (lower, upper, digit, other) the password uses. */
export function characterClasses(password: string): number {
  return CLASSES.filter((pattern) => pattern.test(password)).length;
}

/** What is wrong with `password` as the new password of `accountName`; empty when nothing is. */
export function passwordProblems(password: string, accountName: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    problems.push({ code: 'passwordTooShort', params: { min: PASSWORD_MIN_LENGTH, length } });
  const classes = characterClasses(password);
  if (classes < PASSWORD_MIN_CLASSES)
    problems.push({ code: 'passwordTooFewClasses', params: { min: PASSWORD_MIN_CLASSES, classes } });
  const name = accountName.trim().toLowerCase();
  if (name.length > 0 && password.toLowerCase().includes(name))
    problems.push({ code: 'passwordContainsName', params: {} });
  return problems;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether a password set at `changedAt` has outlived `expiryDays` at `now` (ms). */
export function passwordExpired(changedAt: string, now: number, expiryDays: number): boolean {
  return Date.parse(changedAt) + expiryDays * DAY_MS <= now;
}
