import { z } from 'zod';
import { noteSchema } from './text';
import { isoDateTimeSchema } from './time';

/** A remark on an incident's record. Notes only accumulate, so they never conflict with each other. */
export const incidentNoteSchema = z.object({
  /** The id of the command that added it, which makes a resent command harmless. */
  id: z.string().min(1),
  incidentId: z.string().min(1),
  text: noteSchema.min(1),
  /** The operator id of the author. */
  by: z.string().min(1),
  at: isoDateTimeSchema,
});
export type IncidentNote = z.infer<typeof incidentNoteSchema>;
