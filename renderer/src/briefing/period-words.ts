import type { TFunction } from 'i18next';
import { BASELINE_PERIODS, type Briefing, type BriefingPeriod } from '../../../src/domain';

/** How the slides speak of a period: its name, itself (今日/本周…), the one before, and its baseline. */
export interface PeriodWords {
  name: string;
  this: string;
  span: string;
  previous: string;
  baseline: string;
}

export function periodWords(t: TFunction, period: BriefingPeriod): PeriodWords {
  const words = (key: string) => t(`briefing.periods.${period}.${key}`, { n: BASELINE_PERIODS[period] });
  return {
    name: words('name'),
    this: words('this'),
    span: words('span'),
    previous: words('previous'),
    baseline: words('baseline'),
  };
}

/**
 * The label of an arrival bucket: an hour of the day, a weekday of the week, a date of the month, or the
 * week of the quarter. A week starts on a Monday and a month on the 1st, so the index says which.
 */
export function arrivalBucketLabel(t: TFunction, briefing: Briefing, index: number): string {
  switch (briefing.arrivals.bucket) {
    case 'hour':
      return t('briefing.arrivals.buckets.hour', { hour: index });
    case 'day':
      return briefing.period === 'week'
        ? t(`briefing.arrivals.buckets.weekday.${index}`)
        : t('briefing.arrivals.buckets.date', { date: index + 1 });
    case 'week':
      return t('briefing.arrivals.buckets.week', { n: index + 1 });
  }
}
