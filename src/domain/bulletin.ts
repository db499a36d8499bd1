import { z } from 'zod';
import { periodOf, briefingPeriodSchema, type BriefingPeriod } from './briefing/period';
import { chinaDaySchema, type ChinaDay } from './china-day';
import { jurisdictionCodeSchema } from './jurisdiction';
import { isoDateTimeSchema } from './time';

export const bulletinTitleSchema = z.string().trim().min(1, 'a bulletin has a title').max(200);
export const bulletinBodySchema = z.string().trim().min(1, 'a bulletin has a text').max(20_000);

/**
 * A bulletin (通报) as the centre issued it: drafted from a briefing's figures, edited by the operator, saved
 * with the period it reports on. Saving again replaces the text; the hub's log keeps every version.
 */
export const savedBulletinSchema = z.object({
  id: z.string().min(1),
  jurisdictionCode: jurisdictionCodeSchema,
  period: briefingPeriodSchema,
  /** The period's first China day. */
  from: chinaDaySchema,
  title: bulletinTitleSchema,
  body: bulletinBodySchema,
  savedBy: z.string().min(1),
  savedAt: isoDateTimeSchema,
});
export type SavedBulletin = z.infer<typeof savedBulletinSchema>;

/** One bulletin per jurisdiction and period: the day named may be any day in the period. */
export function bulletinId(jurisdictionCode: string, period: BriefingPeriod, day: ChinaDay): string {
  return `${jurisdictionCode}/${period}/${periodOf(period, day).from}`;
}

/** Lines of a bulletin's text that open a numbered section: 一、总体情况. */
export function isBulletinHeading(line: string): boolean {
  return /^[一二三四五六七八九十]+、/.test(line.trim());
}
