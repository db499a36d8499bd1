import {
  chinaDayOf,
  DANGEROUS_OBJECT_CATEGORIES,
  SENSITIVE_PLACE_CATEGORIES,
  targetEntrySchema,
  type TargetEntry,
  type TargetKind,
} from '../../../src/domain';

/** The form's fields as typed: all text, so a half-typed number is kept as typed. */
export interface Draft {
  kind: TargetKind;
  id: string | null;
  name: string;
  category: string;
  jurisdictionCode: string;
  address: string;
  lng: string;
  lat: string;
  note: string;
  holder: string;
  riskLevel: string;
  lastInspectedOn: string;
  inspectEveryDays: string;
  protectiveRadiusM: string;
}

export const CATEGORIES: Record<TargetKind, readonly string[]> = {
  'dangerous-object': DANGEROUS_OBJECT_CATEGORIES,
  'sensitive-place': SENSITIVE_PLACE_CATEGORIES,
};
/** The fields whose problems are said beside them; any other problem is said once, below the form. */
const KNOWN_PROBLEMS = new Set([
  'name',
  'address',
  'holder',
  'note',
  'jurisdictionCode',
  'location',
  'lastInspectedOn',
  'inspectEveryDays',
  'protectiveRadiusM',
]);

export function emptyDraft(kind: TargetKind): Draft {
  return {
    kind,
    id: null,
    name: '',
    category: CATEGORIES[kind][0]!,
    jurisdictionCode: '',
    address: '',
    lng: '',
    lat: '',
    note: '',
    holder: '',
    riskLevel: 'medium',
    lastInspectedOn: chinaDayOf(Date.now()),
    inspectEveryDays: '30',
    protectiveRadiusM: '300',
  };
}

/** An entry as the form shows it for editing. */
export function draftOf(entry: TargetEntry): Draft {
  const { location, ...rest } = entry;
  const draft: Draft = {
    ...emptyDraft(entry.kind),
    id: rest.id,
    name: rest.name,
    category: rest.category,
    jurisdictionCode: rest.jurisdictionCode,
    address: rest.address,
    note: rest.note,
    lng: String(location.lng),
    lat: String(location.lat),
  };
  if (entry.kind === 'sensitive-place')
    return { ...draft, protectiveRadiusM: String(entry.protectiveRadiusM) };
  return {
    ...draft,
    holder: entry.holder,
    riskLevel: entry.riskLevel,
    lastInspectedOn: entry.lastInspectedOn,
    inspectEveryDays: String(entry.inspectEveryDays),
  };
}

const asNumber = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

function entryOf(draft: Draft) {
  const common = {
    kind: draft.kind,
    id: draft.id ?? crypto.randomUUID(),
    name: draft.name,
    category: draft.category,
    jurisdictionCode: draft.jurisdictionCode,
    address: draft.address,
    location: { lng: asNumber(draft.lng), lat: asNumber(draft.lat) },
    note: draft.note,
  };
  return draft.kind === 'dangerous-object'
    ? {
        ...common,
        holder: draft.holder,
        riskLevel: draft.riskLevel,
        lastInspectedOn: draft.lastInspectedOn,
        inspectEveryDays: asNumber(draft.inspectEveryDays),
      }
    : { ...common, protectiveRadiusM: asNumber(draft.protectiveRadiusM) };
}

/** The entry a draft makes, checked as the hub will check it, or the fields that are wrong. */
export function checkDraft(
  draft: Draft,
): { ok: true; entry: TargetEntry } | { ok: false; problems: Set<string> } {
  const parsed = targetEntrySchema.safeParse(entryOf(draft));
  if (parsed.success) return { ok: true, entry: parsed.data };
  const fields = parsed.error.issues.map((issue) => String(issue.path[0]));
  return {
    ok: false,
    problems: new Set(fields.map((field) => (KNOWN_PROBLEMS.has(field) ? field : 'other'))),
  };
}
