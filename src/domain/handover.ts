import { z } from 'zod';
import { noteSchema } from './text';

/** 交接班: the outgoing operator signs the shift over to the incoming one, with what is still open. */
export const handoverSchema = z
  .object({
    fromOperatorId: z.string().min(1),
    toOperatorId: z.string().min(1),
    summary: noteSchema.min(1),
  })
  .refine((handover) => handover.fromOperatorId !== handover.toOperatorId, {
    path: ['toOperatorId'],
    message: 'a shift is handed over to someone else',
  });
export type Handover = z.infer<typeof handoverSchema>;
