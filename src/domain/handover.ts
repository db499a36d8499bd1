import { z } from 'zod';
import { jurisdictionCodeSchema } from './jurisdiction';
import { noteSchema } from './text';
import { isoDateTimeSchema, toMillis } from './time';

/** A day shift, a night shift or a 24-hour watch (24小时值班); nothing longer is a shift. */
export const MAX_SHIFT_MS = 24 * 3_600_000;

/** The span of a shift, e.g. 08:00–20:00 China time. */
export const shiftSchema = z
  .object({ start: isoDateTimeSchema, end: isoDateTimeSchema })
  .refine((shift) => toMillis(shift.end) > toMillis(shift.start), {
    path: ['end'],
    message: 'a shift ends after it starts',
  })
  .refine((shift) => toMillis(shift.end) - toMillis(shift.start) <= MAX_SHIFT_MS, {
    path: ['end'],
    message: 'a shift lasts at most 24 hours',
  });
export type Shift = z.infer<typeof shiftSchema>;

/** The incoming operator's signature: they have read the review and take the open items over. */
export const handoverAcceptanceSchema = z.object({
  by: z.string().min(1),
  at: isoDateTimeSchema,
  note: noteSchema,
});

/**
 * 交接班: the outgoing operator submits the shift with their notes; the incoming operator signs it off.
 * Both are recorded by the hub and seen by everyone in the jurisdiction.
 */
export const handoverSchema = z
  .object({
    id: z.string().min(1),
    jurisdictionCode: jurisdictionCodeSchema,
    shift: shiftSchema,
    notes: noteSchema.min(1),
    submittedBy: z.string().min(1),
    submittedAt: isoDateTimeSchema,
    acceptance: handoverAcceptanceSchema.nullable(),
  })
  .refine((handover) => handover.acceptance?.by !== handover.submittedBy, {
    path: ['acceptance', 'by'],
    message: 'a shift is taken over by someone else',
  });
export type Handover = z.infer<typeof handoverSchema>;
