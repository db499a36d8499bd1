import { useTranslation } from 'react-i18next';
import { SATISFACTIONS } from '../../../../src/domain';
import type { ActionFormProps } from './form-props';
import { TextField } from './TextField';

/** 结果回访: the call back to the reporter, and their verdict. */
export function FollowUpForm({ values, change }: ActionFormProps) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset>
        <legend>{t('ws.action.satisfaction')}</legend>
        {SATISFACTIONS.map((choice) => (
          <label key={choice}>
            <input
              type="radio"
              name="satisfaction"
              checked={values.satisfaction === choice}
              onChange={() => change({ satisfaction: choice })}
            />
            {t(`ws.satisfaction.${choice}`)}
          </label>
        ))}
      </fieldset>
      <TextField label="ws.action.note" values={values} change={change} />
    </>
  );
}
