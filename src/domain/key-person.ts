import { z } from 'zod';
import { phoneSchema } from './incident';
import { CODE_LENGTH, isWithin, jurisdictionCodeSchema } from './jurisdiction';
import { maskIdNumber, maskName, maskPhone } from './masking';
import { residentIdSchema } from './resident-id';
import { REASON_MIN_LENGTH, reasonSchema } from './text';
import { isoDateTimeSchema, toMillis } from './time';

/** The special groups (特殊人群) a centre keeps on its key-person list (重点人员清单), and why it tracks them. */
export const KEY_PERSON_CATEGORIES = [
  'community-correction',
  'released-prisoner',
  'drug-user',
  'severe-mental-disorder',
  'petitioner',
  'dispute-party',
  'key-youth',
  'other',
] as const;
export type KeyPersonCategory = (typeof KEY_PERSON_CATEGORIES)[number];

export const KEY_PERSON_CATEGORY_LABELS: Record<KeyPersonCategory, { zh: string; en: string }> = {
  'community-correction': { zh: '社区矫正对象', en: 'Under community correction' },
  'released-prisoner': { zh: '刑满释放人员', en: 'Released from prison' },
  'drug-user': { zh: '吸毒人员', en: 'Drug user' },
  'severe-mental-disorder': { zh: '严重精神障碍患者', en: 'Severe mental disorder' },
  petitioner: { zh: '重点信访人员', en: 'Persistent petitioner' },
  'dispute-party': { zh: '矛盾纠纷当事人', en: 'Party to a dispute' },
  'key-youth': { zh: '重点青少年', en: 'Youth at risk' },
  other: { zh: '其他', en: 'Other' },
};

const personNameSchema = z
  .string()
  .trim()
  .min(2, 'a name has at least two characters')
  .max(30, 'a name has at most 30 characters');

/** Where a person is listed: the village (or its grid) whose workers keep in touch with them. */
const listedInSchema = jurisdictionCodeSchema.refine((code) => code.length >= CODE_LENGTH.village, {
  message: 'a key person is listed in a village (12 digits) or a grid (15 digits)',
});

/** 稳控帮扶措施: what is done to keep the person stable and help them; read at briefings, like a reason. */
export const measuresSchema = z
  .string()
  .trim()
  .min(REASON_MIN_LENGTH, `the measures need at least ${REASON_MIN_LENGTH} characters`)
  .max(1000, 'the measures have at most 1000 characters');

/** What a commander fills in to list a person: registering again under the same id replaces the entry. */
export const keyPersonEntrySchema = z.object({
  id: z.string().min(1).max(100),
  name: personNameSchema,
  idNumber: residentIdSchema,
  category: z.enum(KEY_PERSON_CATEGORIES),
  jurisdictionCode: listedInSchema,
  phone: phoneSchema.nullable().default(null),
  /** Why the person is listed (列管原因). */
  reason: reasonSchema,
  measures: measuresSchema,
  /** 包保责任人: the official answerable for the person, by name. */
  responsible: personNameSchema,
  linkedIncidentIds: z.array(z.string().min(1)).max(20).default([]),
});
export type KeyPersonEntry = z.infer<typeof keyPersonEntrySchema>;

export const keyPersonRemovalSchema = z.object({
  by: z.string().min(1),
  at: isoDateTimeSchema,
  reason: reasonSchema,
});

/**
 * A person on the list as the hub holds them. Taking someone off the list marks the record rather than
 * deleting it: the log keeps the registration anyway, and a record that says who removed the person, when and
 * why is what an inspection asks for.
 */
export const keyPersonSchema = keyPersonEntrySchema.extend({
  registeredBy: z.string().min(1),
  registeredAt: isoDateTimeSchema,
  removal: keyPersonRemovalSchema.nullable(),
});
export type KeyPerson = z.infer<typeof keyPersonSchema>;

/** A line of the list as a screen or a file shows it: the same fields, the identifying ones masked. */
export const keyPersonRowSchema = keyPersonSchema.omit({ removal: true }).extend({
  name: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
});
export type KeyPersonRow = z.infer<typeof keyPersonRowSchema>;

/**
 * The row of a person for a screen or a file: the ID number and the phone always masked (a commander sees them
 * whole by asking for one person, which is audited), the name too on a screen others can read (a wall).
 */
export function keyPersonRow(person: KeyPerson, namesMasked: boolean): KeyPersonRow {
  const { removal: _removal, ...row } = person;
  return {
    ...row,
    name: namesMasked ? maskName(row.name) : row.name,
    idNumber: maskIdNumber(row.idNumber),
    phone: row.phone === null ? null : maskPhone(row.phone),
  };
}

/**
 * 重点人员清单 of a scope: everyone listed there and not taken off, village by village, each village's people
 * by category in the order of the categories, then the longest listed first.
 */
export function keyPersonList(persons: readonly KeyPerson[], scope: string): KeyPerson[] {
  const rank = (person: KeyPerson) => KEY_PERSON_CATEGORIES.indexOf(person.category);
  return persons
    .filter((person) => person.removal === null && isWithin(person.jurisdictionCode, scope))
    .sort(
      (a, b) =>
        a.jurisdictionCode
          .slice(0, CODE_LENGTH.village)
          .localeCompare(b.jurisdictionCode.slice(0, CODE_LENGTH.village)) ||
        rank(a) - rank(b) ||
        toMillis(a.registeredAt) - toMillis(b.registeredAt) ||
        a.id.localeCompare(b.id),
    );
}
