import { z } from 'zod';
import { DAY_MS, HOUR_MS, addChinaDays, chinaDaySchema, chinaDayStart, type ChinaDay } from '../china-day';

/**
 * The cadence of a centre's briefings: 每日研判, 每周分析, 每月调度, 每季通报. Weeks run Monday to Sunday;
 * months and quarters are calendar ones; all of them in China time, like the day.
 */
export const BRIEFING_PERIODS = ['day', 'week', 'month', 'quarter'] as const;
export type BriefingPeriod = (typeof BRIEFING_PERIODS)[number];
export const briefingPeriodSchema = z.enum(BRIEFING_PERIODS, {
  error: 'a period is one of day, week, month or quarter',
});

/** Which briefing is meant: the period of the given kind holding `day`. */
export const briefingWindowSchema = z.object({
  day: chinaDaySchema,
  period: briefingPeriodSchema.default('day'),
});

/** A period is compared with the one before it and with the mean of this many before it. */
export const BASELINE_PERIODS: Record<BriefingPeriod, number> = { day: 7, week: 4, month: 3, quarter: 4 };

/** Arrivals are counted in buckets a step finer than the period, so its rhythm shows. */
export const ARRIVAL_BUCKETS = ['hour', 'day', 'week'] as const;
export type ArrivalBucket = (typeof ARRIVAL_BUCKETS)[number];
export const ARRIVAL_BUCKET: Record<BriefingPeriod, ArrivalBucket> = {
  day: 'hour',
  week: 'day',
  month: 'day',
  quarter: 'week',
};

/** A period as the China days it runs from and until, both included. */
export interface PeriodSpan {
  from: ChinaDay;
  until: ChinaDay;
}

const WEEK_DAYS = 7;
const QUARTER_MONTHS = 3;

/** Days since the Monday of the week holding `day`: 0 on a Monday, 6 on a Sunday. */
function daysSinceMonday(day: ChinaDay): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + WEEK_DAYS - 1) % WEEK_DAYS;
}

/** The first day of the calendar month `months` after the one holding `day` (before it when negative). */
function monthStart(day: ChinaDay, months = 0): ChinaDay {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7)) - 1;
  return new Date(Date.UTC(year, month + months, 1)).toISOString().slice(0, 10);
}

function firstDay(period: BriefingPeriod, day: ChinaDay): ChinaDay {
  switch (period) {
    case 'day':
      return day;
    case 'week':
      return addChinaDays(day, -daysSinceMonday(day));
    case 'month':
      return monthStart(day);
    case 'quarter':
      return monthStart(day, -((Number(day.slice(5, 7)) - 1) % QUARTER_MONTHS));
  }
}

function nextFirstDay(period: BriefingPeriod, first: ChinaDay): ChinaDay {
  switch (period) {
    case 'day':
      return addChinaDays(first, 1);
    case 'week':
      return addChinaDays(first, WEEK_DAYS);
    case 'month':
      return monthStart(first, 1);
    case 'quarter':
      return monthStart(first, QUARTER_MONTHS);
  }
}

/** The period of the given kind that holds `day`. */
export function periodOf(period: BriefingPeriod, day: ChinaDay): PeriodSpan {
  const from = firstDay(period, day);
  return { from, until: addChinaDays(nextFirstDay(period, from), -1) };
}

/** The period of the same kind just before `span`. */
export function previousPeriod(period: BriefingPeriod, span: PeriodSpan): PeriodSpan {
  return periodOf(period, addChinaDays(span.from, -1));
}

/** The instant (ms) the period begins. */
export function periodStart(span: PeriodSpan): number {
  return chinaDayStart(span.from);
}

/** The instant (ms) the period is over: the start of the day after its last. */
export function periodEnd(span: PeriodSpan): number {
  return chinaDayStart(addChinaDays(span.until, 1));
}

/**
 * The instants (ms) at which the period's arrival buckets begin, the first at the period's start. A
 * quarter's weeks are calendar weeks, so its first and last may be cut short by the quarter's bounds.
 */
export function arrivalBucketStarts(period: BriefingPeriod, span: PeriodSpan): number[] {
  const start = periodStart(span);
  const end = periodEnd(span);
  const starts: number[] = [];
  switch (ARRIVAL_BUCKET[period]) {
    case 'hour':
      for (let at = start; at < end; at += HOUR_MS) starts.push(at);
      break;
    case 'day':
      for (let at = start; at < end; at += DAY_MS) starts.push(at);
      break;
    case 'week': {
      starts.push(start);
      const nextMonday = start + (WEEK_DAYS - daysSinceMonday(span.from)) * DAY_MS;
      for (let at = nextMonday; at < end; at += WEEK_DAYS * DAY_MS) starts.push(at);
      break;
    }
  }
  return starts;
}
