import { useTranslation } from 'react-i18next';
import { RISK_LEVELS } from '../../../../src/domain';
import type { ActionFormProps } from './form-props';
import { TextField } from './TextField';

/** 研判: grade the risk, which sets every later deadline. */
export function AssessForm({ values, change }: ActionFormProps) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset>
        <legend>{t('ws.action.risk')}</legend>
        {RISK_LEVELS.map((level) => (
          <label key={level} className={`risk-choice risk-${level}`}>
            <input
              type="radio"
              name="risk"
              value={level}
              data-testid={`assess-risk-${level}`}
              checked={values.riskLevel === level}
              onChange={() => change({ riskLevel: level })}
            />
            {t(`risk.${level}`)}
          </label>
        ))}
      </fieldset>
      <TextField label="ws.action.note" values={values} change={change} />
    </>
  );
}
