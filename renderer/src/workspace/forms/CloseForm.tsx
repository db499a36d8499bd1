import type { ActionFormProps } from './form-props';
import { TextField } from './TextField';

/** 结案: why the incident closes without a follow-up. */
export function CloseForm({ values, change }: ActionFormProps) {
  return <TextField label="ws.action.reason" values={values} change={change} />;
}
