import { z } from 'zod';

/** The centres keep China Standard Time, UTC+8 all year round, so a "day" is a CST calendar day. */
export const HOUR_MS = 3_600_000;
export const CHINA_OFFSET_MS = 8 * HOUR_MS;
export const DAY_MS = 24 * HOUR_MS;

/** A calendar day in China, "2026-03-10". */
export const chinaDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day is written YYYY-MM-DD')
  .refine((day) => {
    const midnight = Date.parse(`${day}T00:00:00Z`);
    return !Number.isNaN(midnight) && new Date(midnight).toISOString().startsWith(day);
  }, 'no such day');
export type ChinaDay = z.infer<typeof chinaDaySchema>;

/** The instant (ms) the day begins in China. */
export function chinaDayStart(day: ChinaDay): number {
  return Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS;
}

/** The day in China on which the instant `ms` falls. */
export function chinaDayOf(ms: number): ChinaDay {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant (ms) at which the China day holding the instant `ms` began. */
export function startOfChinaDay(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
}

/** The hour of the day in China (0–23) at the instant `ms`. */
export function chinaHourOf(ms: number): number {
  return new Date(ms + CHINA_OFFSET_MS).getUTCHours();
}

/** Minutes since midnight in China at the instant `ms`: for the day's fixed times, such as wartime's cycle. */
export function chinaMinuteOfDay(ms: number): number {
  return Math.floor((ms - startOfChinaDay(ms)) / 60_000);
}

export function addChinaDays(day: ChinaDay, days: number): ChinaDay {
  return chinaDayOf(chinaDayStart(day) + days * DAY_MS);
}
