import { maskIdNumber, maskPhone } from './masking';
import type { PersonalField } from './unmasking';

/**
 * Which fields of the centre's records are personal data under 个人信息保护法, sealed wherever they are kept
 * (the hub's database, the desktop's cache) and masked wherever a person reads them: key persons' resident ID
 * numbers and phones, and the phones of those who report incidents.
 */

/** Turns one personal field's string into another: sealing it, opening it again, or masking it. */
export type FieldTransform = (value: string, field: PersonalField) => string;

/** Where a field lies in a document: the objects it is inside, then its own name. */
interface FieldPlace {
  readonly within: readonly string[];
  readonly field: PersonalField;
}

const KEY_PERSON_FIELDS: readonly FieldPlace[] = [
  { within: [], field: 'idNumber' },
  { within: [], field: 'phone' },
];
const INCIDENT_FIELDS: readonly FieldPlace[] = [{ within: ['reporter'], field: 'phone' }];

const inside = (outer: string, places: readonly FieldPlace[]) =>
  places.map((place) => ({ ...place, within: [outer, ...place.within] }));

/** The personal fields of an entity's document, by its kind. */
const ENTITY_FIELDS: Readonly<Record<string, readonly FieldPlace[]>> = {
  'key-person': KEY_PERSON_FIELDS,
  incident: INCIDENT_FIELDS,
};

/**
 * The personal fields of an event's payload: key-person events carry the person whole, and every event
 * that carries an incident carries it whole (reported, assessed, … overdue-escalated, a camera's alarm).
 */
function eventFields(type: string): readonly FieldPlace[] {
  if (type.startsWith('key-person.')) return inside('person', KEY_PERSON_FIELDS);
  return inside('incident', INCIDENT_FIELDS);
}

/** The personal fields of an operator's command, kept in the desktop's outbox until the hub answers it. */
function commandFields(type: unknown): readonly FieldPlace[] {
  return type === 'registerKeyPerson' ? inside('person', KEY_PERSON_FIELDS) : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` with the field at `within` transformed, copied along the way; unchanged where it is absent. */
function transformAt(
  value: unknown,
  within: readonly string[],
  field: PersonalField,
  transform: FieldTransform,
): unknown {
  if (!isRecord(value)) return value;
  const [head, ...rest] = within;
  if (head === undefined) {
    const current = value[field];
    return typeof current === 'string' ? { ...value, [field]: transform(current, field) } : value;
  }
  if (!(head in value)) return value;
  const changed = transformAt(value[head], rest, field, transform);
  return changed === value[head] ? value : { ...value, [head]: changed };
}

function transformAll(value: unknown, places: readonly FieldPlace[], transform: FieldTransform): unknown {
  return places.reduce((current, { within, field }) => transformAt(current, within, field, transform), value);
}

/** An entity's document with its personal fields transformed (a copy; the document itself is left as it is). */
export function transformEntityPersonalData(kind: string, doc: unknown, transform: FieldTransform): unknown {
  const places = ENTITY_FIELDS[kind];
  return places ? transformAll(doc, places, transform) : doc;
}

/** An event's payload with its personal fields transformed (a copy). */
export function transformEventPersonalData(
  type: string,
  payload: unknown,
  transform: FieldTransform,
): unknown {
  return transformAll(payload, eventFields(type), transform);
}

/** An operator's command with its personal fields transformed (a copy). */
export function transformCommandPersonalData<T extends { type: string }>(
  command: T,
  transform: FieldTransform,
): T {
  return transformAll(command, commandFields(command.type), transform) as T;
}

/** A field as a person reads it: 532901********1234, 138****0000. */
const masked: FieldTransform = (value, field) =>
  field === 'idNumber' ? maskIdNumber(value) : maskPhone(value);

/** An entity's document as a screen or a file gets it, its personal fields masked. */
export function maskEntityPersonalData<T>(kind: string, doc: T): T {
  return transformEntityPersonalData(kind, doc, masked) as T;
}

/** An event's payload as a screen gets it (an incident's record), its personal fields masked. */
export function maskEventPersonalData(type: string, payload: unknown): unknown {
  return transformEventPersonalData(type, payload, masked);
}
