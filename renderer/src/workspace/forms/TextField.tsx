import { useTranslation } from 'react-i18next';
import { REASON_MIN_LENGTH } from '../../../../src/domain';
import type { ActionFormProps } from './form-props';

/**
 * The form's text, under the name the action gives it: a reason, a requirement and a summary are read out
 * and kept for the record, so they ask for a meaningful length; a note may be anything.
 */
export function TextField({
  label,
  values,
  change,
}: Pick<ActionFormProps, 'values' | 'change'> & {
  label: 'ws.action.note' | 'ws.action.reason' | 'ws.action.requirement' | 'ws.action.summary';
}) {
  const { t } = useTranslation();
  return (
    <label>
      {t(label)}
      <textarea
        data-testid="action-text"
        rows={2}
        value={values.text}
        minLength={label === 'ws.action.note' ? undefined : REASON_MIN_LENGTH}
        onChange={(event) => change({ text: event.target.value })}
      />
    </label>
  );
}
