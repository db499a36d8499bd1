import { useTranslation } from 'react-i18next';
import type { ActionFormProps } from './form-props';
import { awaitingUnits } from './form-values';
import { TextField } from './TextField';

/** 签收: a unit given the incident reports in on its order. */
export function AcknowledgeForm({ detail, values, change }: ActionFormProps) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        {t('ws.action.unit')}
        <select
          value={values.unitId}
          onChange={(event) => change({ unitId: event.target.value })}
          translate="no"
        >
          {awaitingUnits(detail.incident).map((id) => (
            <option key={id} value={id}>
              {detail.unitNames[id] ?? id}
            </option>
          ))}
        </select>
      </label>
      <TextField label="ws.action.note" values={values} change={change} />
    </>
  );
}
