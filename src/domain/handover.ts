import { z } from 'zod';
import { addChinaDays, chinaDayOf, chinaDayStart, chinaHourOf, type ChinaDay } from './china-day';
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

/** The usual two-shift watch of a centre, in China time: 白班 08:00–20:00 and 夜班 20:00–08:00. */
export const STANDARD_SHIFTS = ['day', 'night'] as const;
export type StandardShift = (typeof STANDARD_SHIFTS)[number];
const SHIFT_START_HOUR: Record<StandardShift, number> = { day: 8, night: 20 };
const STANDARD_SHIFT_MS = 12 * 3_600_000;

/** The standard shift of that name starting on China day `day` (a night shift ends the next morning). */
export function standardShift(day: ChinaDay, name: StandardShift): Shift {
  const start = chinaDayStart(day) + SHIFT_START_HOUR[name] * 3_600_000;
  return { start: new Date(start).toISOString(), end: new Date(start + STANDARD_SHIFT_MS).toISOString() };
}

/** The standard shift running at `now`, with the China day it started on. */
export function standardShiftAt(now: number): { day: ChinaDay; name: StandardShift } {
  const hour = chinaHourOf(now);
  if (hour >= SHIFT_START_HOUR.day && hour < SHIFT_START_HOUR.night)
    return { day: chinaDayOf(now), name: 'day' };
  const day = chinaDayOf(now);
  return { day: hour < SHIFT_START_HOUR.day ? addChinaDays(day, -1) : day, name: 'night' };
}
