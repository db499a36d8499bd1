import type { Wording } from './wording';

/**
 * Why the domain refused a change. The code lets the interface react (re-fetch on a stale version,
 * hide a button the role may never press); `words` is what the operator reads, as a message code and its
 * parameters the renderer words in their language; `reason` is a sentence for developers' logs.
 */
export const REFUSAL_CODES = [
  'illegal-in-stage',
  'role-not-permitted',
  'out-of-scope',
  'precondition-failed',
  'stale-version',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface Refusal {
  ok: false;
  code: RefusalCode;
  words: Wording;
  reason: string;
}

export function refuse(code: RefusalCode, reason: string, words: Wording): Refusal {
  return { ok: false, code, words, reason };
}
