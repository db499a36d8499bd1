import { z } from 'zod';
import { chinaDayStart } from '../china-day';

/** A calendar month in China, "2026-03": subsidies are paid by the month. */
export const subsidyMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is written YYYY-MM, from 01 to 12');
export type SubsidyMonth = z.infer<typeof subsidyMonthSchema>;

/** The month after `month`. */
export function nextMonth(month: SubsidyMonth): SubsidyMonth {
  const [year, index] = month.split('-').map(Number) as [number, number];
  return index === 12 ? `${year + 1}-01` : `${year}-${String(index + 1).padStart(2, '0')}`;
}

/** The instants (ms) the month begins and ends in China: from its first midnight to the next month's. */
export function chinaMonthBounds(month: SubsidyMonth): { start: number; end: number } {
  return { start: chinaDayStart(`${month}-01`), end: chinaDayStart(`${nextMonth(month)}-01`) };
}
