import type { IncidentDetail } from '../../../../src/core/contract/api';
import type { IncidentFormValues } from '../../../../src/domain';

/** What every action's form is given: the incident, the values so far, and a way to change them. */
export interface ActionFormProps {
  detail: IncidentDetail;
  values: IncidentFormValues;
  change(changes: Partial<IncidentFormValues>): void;
}
