import { z } from 'zod';
import { authorityFailure, type CentreContext, type CentreResult } from './centre-actions';
import { isoDateTimeSchema } from './time';

/** The records whose personal data a commander may ask to see whole: a key person, an incident's reporter. */
export const UNMASKABLE_RECORDS = ['key-person', 'incident'] as const;
export type UnmaskableRecord = (typeof UNMASKABLE_RECORDS)[number];
export const PERSONAL_FIELDS = ['idNumber', 'phone'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** The fields of each record that showing it whole reveals. */
export const UNMASKED_FIELDS: Record<UnmaskableRecord, readonly PersonalField[]> = {
  'key-person': ['idNumber', 'phone'],
  incident: ['phone'],
};

/**
 * One look at one record's personal data in full, as the desktop reports it: which record, which fields, and
 * when — the desktop may have been offline then, and tells the hub once it is back.
 */
export const personalDataUnmaskSchema = z.object({
  record: z.enum(UNMASKABLE_RECORDS),
  recordId: z.string().min(1).max(100),
  fields: z.array(z.enum(PERSONAL_FIELDS)).min(1).max(PERSONAL_FIELDS.length),
  unmaskedAt: isoDateTimeSchema,
});
export type PersonalDataUnmask = z.infer<typeof personalDataUnmaskSchema>;
export type RecordedUnmask = PersonalDataUnmask & { by: string; scope: string };

/**
 * Showing personal data whole changes nothing the centre tracks: accepted, it yields no event, only its line
 * in the audit log. Only a role allowed to unmask, in whose scope the record lies, is accepted.
 */
export function recordUnmask(
  request: PersonalDataUnmask,
  recordJurisdiction: string,
  { actor }: CentreContext,
): CentreResult<RecordedUnmask> {
  const failure = authorityFailure('unmask-personal-data', recordJurisdiction, actor);
  if (failure) return failure;
  return {
    ok: true,
    value: { ...request, scope: recordJurisdiction, by: actor.id },
    events: [],
  };
}
