import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../../src/core/contract/api';
import type { IncidentFormValues, MemberUnit } from '../../../../src/domain';
import { desktopApi } from '../../api-client';
import { DateTimePicker } from '../../components/DatePickers';
import type { ActionFormProps } from './form-props';
import { slaDeadline } from './form-values';

/**
 * The units the incident may be given to, and the deadline the SLA suggests. An answer that arrives after the
 * form has moved to another incident, or closed, is dropped rather than shown against the wrong case.
 */
function useAssignChoices(detail: IncidentDetail, change: (changes: Partial<IncidentFormValues>) => void) {
  const [units, setUnits] = useState<MemberUnit[]>([]);
  const { jurisdictionCode } = detail.incident;
  useEffect(() => {
    let current = true;
    void desktopApi
      .call('units.forIncident', { jurisdictionCode })
      .then((result) => current && result.ok && setUnits(result.value));
    return () => {
      current = false;
    };
  }, [jurisdictionCode]);
  const { mode } = detail;
  const { riskLevel } = detail.incident;
  useEffect(() => {
    let current = true;
    void desktopApi.call('sla.get', {}).then((result) => {
      if (current && result.ok)
        change({ deadline: slaDeadline(result.value.config, mode, riskLevel, Date.now()) });
    });
    return () => {
      current = false;
    };
  }, [jurisdictionCode, riskLevel, mode, change]);
  return units;
}

/** 交办: dispatch to one or more member units, with the date their handling is due. */
export function AssignForm({ detail, values, change }: ActionFormProps) {
  const { t } = useTranslation();
  const units = useAssignChoices(detail, change);
  const toggle = (id: string, checked: boolean) =>
    change({ unitIds: checked ? [...values.unitIds, id] : values.unitIds.filter((chosen) => chosen !== id) });
  return (
    <>
      <fieldset className="unit-choices" translate="no">
        <legend>{t('ws.action.units')}</legend>
        {units.map((unit) => (
          <label key={unit.id}>
            <input
              type="checkbox"
              data-testid="assign-unit"
              value={unit.id}
              checked={values.unitIds.includes(unit.id)}
              onChange={(event) => toggle(unit.id, event.target.checked)}
            />
            {unit.name}
          </label>
        ))}
      </fieldset>
      <div className="date-field">
        {t('ws.action.deadline')}
        <DateTimePicker
          value={values.deadline}
          onChange={(deadline) => change({ deadline })}
          testId="assign-deadline"
          label={t('ws.action.deadline')}
        />
      </div>
    </>
  );
}
