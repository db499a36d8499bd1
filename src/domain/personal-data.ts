/**
 * Which fields of the centre's records are personal data under 个人信息保护法, sealed wherever they are kept
 * (the hub's database, the desktop's cache) and masked wherever a person reads them: key persons' resident ID
 * numbers and phones, and the phones of those who report incidents.
 */

/** Turns one stored string into another: sealing it, or opening it again. */
export type FieldTransform = (value: string) => string;

type Path = readonly string[];

const KEY_PERSON_FIELDS: readonly Path[] = [['idNumber'], ['phone']];
const INCIDENT_FIELDS: readonly Path[] = [['reporter', 'phone']];

/** The personal fields of an entity's document, by its kind. */
const ENTITY_FIELDS: Readonly<Record<string, readonly Path[]>> = {
  'key-person': KEY_PERSON_FIELDS,
  incident: INCIDENT_FIELDS,
};

/**
 * The personal fields of an event's payload: key-person events carry the person whole, and every event
 * that carries an incident carries it whole (reported, assessed, … overdue-escalated, a camera's alarm).
 */
function eventFields(type: string): readonly Path[] {
  if (type.startsWith('key-person.')) return KEY_PERSON_FIELDS.map((path) => ['person', ...path]);
  return INCIDENT_FIELDS.map((path) => ['incident', ...path]);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` with the string at `path` transformed, copied along the path; unchanged where the path is absent. */
function transformAt(value: unknown, path: Path, transform: FieldTransform): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return typeof value === 'string' ? transform(value) : value;
  if (!isRecord(value) || !(head in value)) return value;
  const inner = value[head];
  const changed = transformAt(inner, rest, transform);
  return changed === inner ? value : { ...value, [head]: changed };
}

function transformAll(value: unknown, paths: readonly Path[], transform: FieldTransform): unknown {
  return paths.reduce((current, path) => transformAt(current, path, transform), value);
}

/** An entity's document with its personal fields transformed (a copy; the document itself is left as it is). */
export function transformEntityPersonalData(kind: string, doc: unknown, transform: FieldTransform): unknown {
  const paths = ENTITY_FIELDS[kind];
  return paths ? transformAll(doc, paths, transform) : doc;
}

/** An event's payload with its personal fields transformed (a copy). */
export function transformEventPersonalData(
  type: string,
  payload: unknown,
  transform: FieldTransform,
): unknown {
  return transformAll(payload, eventFields(type), transform);
}
