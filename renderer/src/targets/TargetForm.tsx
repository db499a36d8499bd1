import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  chinaDayOf,
  DANGEROUS_OBJECT_CATEGORIES,
  RISK_LABELS,
  RISK_LEVELS,
  SENSITIVE_PLACE_CATEGORIES,
  TARGET_CATEGORY_LABELS,
  TARGET_KIND_LABELS,
  TARGET_KINDS,
  targetEntrySchema,
  type TargetEntry,
  type TargetKind,
} from '../../../src/domain';
import { submitCommand } from '../workspace/submit-command';
import { useSay } from '../words/say';
import { useVillages } from './use-villages';

/** The form's fields as typed: all text, so a half-typed number is kept as typed. */
interface Draft {
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

const CATEGORIES: Record<TargetKind, readonly string[]> = {
  'dangerous-object': DANGEROUS_OBJECT_CATEGORIES,
  'sensitive-place': SENSITIVE_PLACE_CATEGORIES,
};
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

function emptyDraft(kind: TargetKind): Draft {
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
function draftOf(entry: TargetEntry): Draft {
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

/**
 * 登记 or 修改 a dangerous object or a sensitive place. The entry is checked as the hub will check it, and what is
 * wrong is said field by field in the operator's language.
 */
export function TargetForm({
  scope,
  editing,
  onClose,
}: {
  scope: string;
  editing: TargetEntry | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const language = i18n.language === 'en' ? 'en' : 'zh';
  const villages = useVillages(scope);
  const [draft, setDraft] = useState<Draft>(editing ? draftOf(editing) : emptyDraft('sensitive-place'));
  const [problems, setProblems] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const label = (field: string) => t(`targets.form.${field}`);
  const update = (change: Partial<Draft>) => {
    setDraft({ ...draft, ...change });
    setMessage(null);
  };
  const chooseVillage = (code: string) => {
    const village = villages.find((choice) => choice.code === code);
    const unplaced = draft.lng.trim() === '' && draft.lat.trim() === '';
    update({
      jurisdictionCode: code,
      ...(village && unplaced ? { lng: String(village.centre.lng), lat: String(village.centre.lat) } : {}),
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = targetEntrySchema.safeParse(entryOf(draft));
    if (!parsed.success) {
      setProblems(
        new Set(
          parsed.error.issues.map((issue) => {
            const field = String(issue.path[0]);
            return KNOWN_PROBLEMS.has(field) ? field : 'other';
          }),
        ),
      );
      return;
    }
    setProblems(new Set());
    const result = await submitCommand({ type: 'registerTarget', target: parsed.data });
    if (!result.ok) return setMessage(say(result.error));
    // An edit is done once sent: the row shows it when the hub confirms. A new entry keeps the form for the next.
    if (editing) return onClose();
    setMessage(t('targets.sent'));
    setDraft(emptyDraft(draft.kind));
  };

  const problem = (field: string) =>
    problems.has(field) ? (
      <span className="notice error" data-testid={`target-problem-${field}`}>
        {t(`targets.problems.${field}`)}
      </span>
    ) : null;
  const text = (
    field: 'name' | 'address' | 'holder' | 'lng' | 'lat' | 'inspectEveryDays' | 'protectiveRadiusM',
    problemOf = field as string,
  ) => (
    <label key={field}>
      {label(field)}
      <input
        data-testid={`target-${field}`}
        value={draft[field]}
        inputMode={['name', 'address', 'holder'].includes(field) ? 'text' : 'decimal'}
        onChange={(event) => update({ [field]: event.target.value })}
      />
      {problem(problemOf)}
    </label>
  );

  return (
    <form
      className="key-person-form target-form"
      data-testid="target-form"
      onSubmit={(event) => void submit(event)}
    >
      {editing ? (
        <p className="wide muted">{t('targets.form.editing', { name: editing.name })}</p>
      ) : (
        <label>
          {label('kind')}
          <select
            data-testid="target-kind"
            value={draft.kind}
            onChange={(event) => {
              const kind = event.target.value as TargetKind;
              update({ kind, category: CATEGORIES[kind][0]! });
            }}
          >
            {TARGET_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {TARGET_KIND_LABELS[kind][language]}
              </option>
            ))}
          </select>
        </label>
      )}
      {text('name')}
      <label>
        {label('category')}
        <select
          data-testid="target-category"
          value={draft.category}
          onChange={(event) => update({ category: event.target.value })}
        >
          {CATEGORIES[draft.kind].map((category) => (
            <option key={category} value={category}>
              {TARGET_CATEGORY_LABELS[category as keyof typeof TARGET_CATEGORY_LABELS][language]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {label('village')}
        <select
          data-testid="target-village"
          value={draft.jurisdictionCode}
          onChange={(event) => chooseVillage(event.target.value)}
        >
          <option value="">{label('chooseVillage')}</option>
          {villages.map((village) => (
            <option key={village.code} value={village.code}>
              {village.name}
            </option>
          ))}
        </select>
        {problem('jurisdictionCode')}
      </label>
      {text('address')}
      {text('lng', 'location')}
      {text('lat', 'location')}
      {draft.kind === 'dangerous-object' ? (
        <>
          {text('holder')}
          <label>
            {label('riskLevel')}
            <select
              data-testid="target-riskLevel"
              value={draft.riskLevel}
              onChange={(event) => update({ riskLevel: event.target.value })}
            >
              {RISK_LEVELS.map((level) => (
                <option key={level} value={level}>
                  {RISK_LABELS[level][language]}
                </option>
              ))}
            </select>
          </label>
          <label>
            {label('lastInspectedOn')}
            <input
              type="date"
              data-testid="target-lastInspectedOn"
              value={draft.lastInspectedOn}
              onChange={(event) => update({ lastInspectedOn: event.target.value })}
            />
            {problem('lastInspectedOn')}
          </label>
          {text('inspectEveryDays')}
        </>
      ) : (
        text('protectiveRadiusM')
      )}
      <label className="wide">
        {label('note')}
        <textarea
          data-testid="target-note"
          rows={2}
          value={draft.note}
          onChange={(event) => update({ note: event.target.value })}
        />
        {problem('note')}
      </label>
      <div className="form-buttons wide">
        <button className="primary" type="submit" data-testid="target-submit">
          {label('submit')}
        </button>
        <button type="button" onClick={onClose}>
          {t('targets.cancel')}
        </button>
        {problem('other')}
        {message && (
          <span className="notice" data-testid="target-message">
            {message}
          </span>
        )}
      </div>
    </form>
  );
}
