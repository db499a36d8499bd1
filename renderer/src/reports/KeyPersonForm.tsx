import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  KEY_PERSON_CATEGORIES,
  KEY_PERSON_CATEGORY_LABELS,
  keyPersonEntrySchema,
  type KeyPersonCategory,
} from '../../../src/domain';
import { desktopApi } from '../api-client';
import { submitCommand } from '../workspace/submit-command';
import { sayIssue, useSay, type FieldIssue } from '../words/say';

const EMPTY = {
  name: '',
  idNumber: '',
  category: KEY_PERSON_CATEGORIES[0] as KeyPersonCategory,
  jurisdictionCode: '',
  phone: '',
  reason: '',
  measures: '',
  responsible: '',
};
type Draft = typeof EMPTY;
const TEXT_FIELDS = ['name', 'idNumber', 'phone', 'responsible'] as const;
const LONG_FIELDS = ['reason', 'measures'] as const;

/** The villages of the commander's scope, for the place a person is listed in. */
function useVillages(scope: string): { code: string; name: string }[] {
  const [villages, setVillages] = useState<{ code: string; name: string }[]>([]);
  useEffect(() => {
    let cancelled = false;
    void desktopApi.call('region.boundaries', { level: 'village', scope }).then((result) => {
      if (cancelled || !result.ok) return;
      const found = result.value.features.map(({ properties }) => ({
        code: properties.code,
        name: properties.name,
      }));
      setVillages(found.sort((a, b) => a.code.localeCompare(b.code)));
    });
    return () => {
      cancelled = true;
    };
  }, [scope]);
  return villages;
}

/**
 * 登记重点人员: a commander lists a person in a village of their scope. The entry is checked as the hub will check
 * it (the ID number's check character above all), so a mistyped number is caught before it is sent.
 */
export function KeyPersonForm({ scope, onClose }: { scope: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const villages = useVillages(scope);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problems, setProblems] = useState<Map<string, string>>(new Map());
  const [message, setMessage] = useState<string | null>(null);
  const label = (field: string) => t(`reports.keyPersons.form.${field}`);
  const update = (field: keyof Draft, value: string) => {
    setDraft({ ...draft, [field]: value });
    setMessage(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = keyPersonEntrySchema.safeParse({
      ...draft,
      id: crypto.randomUUID(),
      phone: draft.phone.trim() === '' ? null : draft.phone.trim(),
    });
    if (!parsed.success) {
      setProblems(
        new Map(
          parsed.error.issues.map((issue) => [
            String(issue.path[0]),
            sayIssue(t, i18n.language, issue as FieldIssue),
          ]),
        ),
      );
      return;
    }
    setProblems(new Map());
    const result = await submitCommand({ type: 'registerKeyPerson', person: parsed.data });
    if (!result.ok) return setMessage(say(result.error));
    setDraft(EMPTY);
    setMessage(t('reports.keyPersons.form.sent'));
  };

  const problem = (field: string) =>
    problems.has(field) ? <span className="notice error">{problems.get(field)}</span> : null;

  return (
    <form className="key-person-form" data-testid="key-person-form" onSubmit={(event) => void submit(event)}>
      {TEXT_FIELDS.map((field) => (
        <label key={field}>
          {label(field)}
          <input
            data-testid={`key-person-${field}`}
            value={draft[field]}
            onChange={(event) => update(field, event.target.value)}
          />
          {problem(field)}
        </label>
      ))}
      <label>
        {label('category')}
        <select
          data-testid="key-person-category"
          value={draft.category}
          onChange={(event) => update('category', event.target.value)}
        >
          {KEY_PERSON_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {KEY_PERSON_CATEGORY_LABELS[category][i18n.language === 'en' ? 'en' : 'zh']}
            </option>
          ))}
        </select>
      </label>
      <label>
        {label('village')}
        <select
          data-testid="key-person-village"
          value={draft.jurisdictionCode}
          onChange={(event) => update('jurisdictionCode', event.target.value)}
        >
          <option value="">{label('chooseVillage')}</option>
          {villages.map((village) => (
            <option key={village.code} value={village.code}>
              {`${village.name}（${village.code}）`}
            </option>
          ))}
        </select>
        {problem('jurisdictionCode')}
      </label>
      {LONG_FIELDS.map((field) => (
        <label key={field} className="wide">
          {label(field)}
          <textarea
            data-testid={`key-person-${field}`}
            rows={2}
            value={draft[field]}
            onChange={(event) => update(field, event.target.value)}
          />
          {problem(field)}
        </label>
      ))}
      <div className="form-buttons wide">
        <button className="primary" type="submit" data-testid="key-person-submit">
          {label('submit')}
        </button>
        <button type="button" onClick={onClose}>
          {label('cancel')}
        </button>
        {message && <span className="notice">{message}</span>}
      </div>
    </form>
  );
}
