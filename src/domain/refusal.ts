/**
 * Why the domain refused a change. The code lets the interface react (re-fetch on a stale version,
 * hide a button the role may never press); the reason is the sentence shown to the operator.
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
  reason: string;
}

export function refuse(code: RefusalCode, reason: string): Refusal {
  return { ok: false, code, reason };
}
