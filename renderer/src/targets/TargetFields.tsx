import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft } from './target-draft';

/** The draft being written and how to change it, with the problems found when it was last sent. */
export interface FieldsProps {
  draft: Draft;
  problems: Set<string>;
  update(change: Partial<Draft>): void;
}

/** What is wrong with a field, in the operator's language, once the form was sent with it wrong. */
export function FieldProblem({ problems, field }: { problems: Set<string>; field: string }) {
  const { t } = useTranslation();
  if (!problems.has(field)) return null;
  return (
    <span className="notice error" data-testid={`target-problem-${field}`}>
      {t(`targets.problems.${field}`)}
    </span>
  );
}

type TextFieldName = 'name' | 'address' | 'holder' | 'lng' | 'lat' | 'inspectEveryDays' | 'protectiveRadiusM';
const WORD_FIELDS = new Set<TextFieldName>(['name', 'address', 'holder']);

/** A typed field; a number's is typed as text so that a half-typed one stays as typed. */
export function TextField({
  field,
  problemOf = field,
  draft,
  problems,
  update,
}: FieldsProps & { field: TextFieldName; problemOf?: string }) {
  const { t } = useTranslation();
  return (
    <label>
      {t(`targets.form.${field}`)}
      <input
        data-testid={`target-${field}`}
        value={draft[field]}
        inputMode={WORD_FIELDS.has(field) ? 'text' : 'decimal'}
        onChange={(event) => update({ [field]: event.target.value })}
      />
      <FieldProblem problems={problems} field={problemOf} />
    </label>
  );
}

/** A choice among fixed options, labelled with the form's word for `field`. */
export function ChoiceField({
  field,
  testId,
  value,
  onChange,
  children,
  problem,
}: {
  field: string;
  testId: string;
  value: string;
  onChange(value: string): void;
  children: ReactNode;
  /** What is wrong with the choice, said below it. */
  problem?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {t(`targets.form.${field}`)}
      <select data-testid={testId} value={value} onChange={(event) => onChange(event.target.value)}>
        {children}
      </select>
      {problem}
    </label>
  );
}
