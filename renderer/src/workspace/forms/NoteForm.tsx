import type { ActionFormProps } from './form-props';
import { TextField } from './TextField';

/** A note on the incident's record. */
export function NoteForm({ values, change }: ActionFormProps) {
  return <TextField label="ws.action.note" values={values} change={change} />;
}
