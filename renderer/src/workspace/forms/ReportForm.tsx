import type { ActionFormProps } from './form-props';
import { TextField } from './TextField';

/** 上报: a camera lead, checked against the footage, filed with an optional note. */
export function ReportForm({ values, change }: ActionFormProps) {
  return <TextField label="ws.action.note" values={values} change={change} />;
}
