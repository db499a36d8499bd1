import { useTranslation } from 'react-i18next';
import {
  RISK_LABELS,
  RISK_LEVELS,
  TARGET_CATEGORY_LABELS,
  TARGET_KIND_LABELS,
  TARGET_KINDS,
  type TargetEntry,
  type TargetKind,
} from '../../../src/domain';
import { CATEGORIES } from './target-draft';
import { ChoiceField, FieldProblem, TextField, type FieldsProps } from './TargetFields';
import { useTargetDraft } from './useTargetDraft';
import { useVillages, type VillageChoice } from './use-villages';

/** Labels are given in the form's two languages; anything but English reads Chinese. */
function useLabelLanguage(): 'en' | 'zh' {
  return useTranslation().i18n.language === 'en' ? 'en' : 'zh';
}

function KindField({ draft, update }: FieldsProps) {
  const language = useLabelLanguage();
  return (
    <ChoiceField
      field="kind"
      testId="target-kind"
      value={draft.kind}
      onChange={(value) => {
        const kind = value as TargetKind;
        update({ kind, category: CATEGORIES[kind][0]! });
      }}
    >
      {TARGET_KINDS.map((kind) => (
        <option key={kind} value={kind}>
          {TARGET_KIND_LABELS[kind][language]}
        </option>
      ))}
    </ChoiceField>
  );
}

function CategoryField({ draft, update }: FieldsProps) {
  const language = useLabelLanguage();
  return (
    <ChoiceField
      field="category"
      testId="target-category"
      value={draft.category}
      onChange={(category) => update({ category })}
    >
      {CATEGORIES[draft.kind].map((category) => (
        <option key={category} value={category}>
          {TARGET_CATEGORY_LABELS[category as keyof typeof TARGET_CATEGORY_LABELS][language]}
        </option>
      ))}
    </ChoiceField>
  );
}

function VillageField({
  draft,
  problems,
  villages,
  onChoose,
}: FieldsProps & { villages: VillageChoice[]; onChoose(code: string): void }) {
  const { t } = useTranslation();
  return (
    <ChoiceField
      field="village"
      testId="target-village"
      value={draft.jurisdictionCode}
      onChange={onChoose}
      problem={<FieldProblem problems={problems} field="jurisdictionCode" />}
    >
      <option value="">{t('targets.form.chooseVillage')}</option>
      {villages.map((village) => (
        <option key={village.code} value={village.code}>
          {village.name}
        </option>
      ))}
    </ChoiceField>
  );
}

/** What only a dangerous object has: who holds it, its risk, and when it is inspected. */
function DangerousObjectFields(fields: FieldsProps) {
  const { t } = useTranslation();
  const language = useLabelLanguage();
  const { draft, problems, update } = fields;
  return (
    <>
      <TextField field="holder" {...fields} />
      <ChoiceField
        field="riskLevel"
        testId="target-riskLevel"
        value={draft.riskLevel}
        onChange={(riskLevel) => update({ riskLevel })}
      >
        {RISK_LEVELS.map((level) => (
          <option key={level} value={level}>
            {RISK_LABELS[level][language]}
          </option>
        ))}
      </ChoiceField>
      <label>
        {t('targets.form.lastInspectedOn')}
        <input
          type="date"
          data-testid="target-lastInspectedOn"
          value={draft.lastInspectedOn}
          onChange={(event) => update({ lastInspectedOn: event.target.value })}
        />
        <FieldProblem problems={problems} field="lastInspectedOn" />
      </label>
      <TextField field="inspectEveryDays" {...fields} />
    </>
  );
}

function NoteField({ draft, problems, update }: FieldsProps) {
  const { t } = useTranslation();
  return (
    <label className="wide">
      {t('targets.form.note')}
      <textarea
        data-testid="target-note"
        rows={2}
        value={draft.note}
        onChange={(event) => update({ note: event.target.value })}
      />
      <FieldProblem problems={problems} field="note" />
    </label>
  );
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
  const { t } = useTranslation();
  const villages = useVillages(scope);
  const { draft, problems, message, update, chooseVillage, submit } = useTargetDraft(
    editing,
    villages,
    onClose,
  );
  const fields: FieldsProps = { draft, problems, update };

  return (
    <form
      className="key-person-form target-form"
      data-testid="target-form"
      onSubmit={(event) => void submit(event)}
    >
      {editing ? (
        <p className="wide muted">{t('targets.form.editing', { name: editing.name })}</p>
      ) : (
        <KindField {...fields} />
      )}
      <TextField field="name" {...fields} />
      <CategoryField {...fields} />
      <VillageField {...fields} villages={villages} onChoose={chooseVillage} />
      <TextField field="address" {...fields} />
      <TextField field="lng" problemOf="location" {...fields} />
      <TextField field="lat" problemOf="location" {...fields} />
      {draft.kind === 'dangerous-object' ? (
        <DangerousObjectFields {...fields} />
      ) : (
        <TextField field="protectiveRadiusM" {...fields} />
      )}
      <NoteField {...fields} />
      <div className="form-buttons wide">
        <button className="primary" type="submit" data-testid="target-submit">
          {t('targets.form.submit')}
        </button>
        <button type="button" onClick={onClose}>
          {t('targets.cancel')}
        </button>
        <FieldProblem problems={problems} field="other" />
        {message && (
          <span className="notice" data-testid="target-message">
            {message}
          </span>
        )}
      </div>
    </form>
  );
}
