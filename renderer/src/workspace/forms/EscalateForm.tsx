import type { ActionFormProps } from './form-props';
import { TextField } from './TextField';

/** 转入督办: why the incident goes under tracking and supervision. */
export function EscalateForm({ values, change }: ActionFormProps) {
  return <TextField label="ws.action.reason" values={values} change={change} />;
}
