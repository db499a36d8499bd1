import type { ActionFormProps } from './form-props';
import { TextField } from './TextField';

/** 下发督办通知书: what the notice requires of the units. */
export function SupervisionNoticeForm({ values, change }: ActionFormProps) {
  return <TextField label="ws.action.requirement" values={values} change={change} />;
}
