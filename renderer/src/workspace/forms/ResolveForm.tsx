import { useTranslation } from 'react-i18next';
import { DIFFICULTIES, type Difficulty } from '../../../../src/domain';
import type { ActionFormProps } from './form-props';
import { TextField } from './TextField';

/**
 * 化解完毕: a dispute is graded, since its subsidy pays by the grade, and its mediator is named from the grid's
 * roll where the grid keeps one; a case is handled by a member unit and needs neither.
 */
export function ResolveForm({ detail, values, change }: ActionFormProps) {
  const { t } = useTranslation();
  const gradesDifficulty = detail.incident.kind === 'dispute';
  const namesResolver = gradesDifficulty && detail.gridWorkers.length > 0;
  return (
    <>
      {gradesDifficulty && (
        <label>
          {t('ws.action.difficulty')}
          <select
            data-testid="resolve-difficulty"
            required
            value={values.difficulty}
            onChange={(event) => change({ difficulty: event.target.value as Difficulty })}
          >
            <option value="" disabled>
              {t('ws.action.chooseDifficulty')}
            </option>
            {DIFFICULTIES.map((choice) => (
              <option key={choice} value={choice}>
                {t(`ws.difficulty.${choice}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {namesResolver && (
        <label>
          {t('ws.action.resolver')}
          <select
            data-testid="resolve-resolver"
            required
            value={values.resolver}
            onChange={(event) => change({ resolver: event.target.value })}
            translate="no"
          >
            <option value="" disabled>
              {t('ws.action.chooseResolver')}
            </option>
            {detail.gridWorkers.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      <TextField label="ws.action.summary" values={values} change={change} />
    </>
  );
}
