import { wording, type Wording } from './wording';

/** The part of a zod issue a form words. */
export interface FieldIssue {
  code: string;
  message: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  params?: Record<string, unknown>;
}

/** A form field's problem as a code: the domain's own when a rule said it, else the kind of limit it broke. */
export function wordingOfIssue(issue: FieldIssue): Wording {
  const words = issue.params?.words as Wording | undefined;
  if (words) return words;
  const text = issue.origin === 'string';
  if (issue.code === 'too_small')
    return wording(text ? 'fieldTooShort' : 'fieldTooSmall', { minimum: Number(issue.minimum) });
  if (issue.code === 'too_big')
    return wording(text ? 'fieldTooLong' : 'fieldTooLarge', { maximum: Number(issue.maximum) });
  return wording('fieldInvalid');
}
