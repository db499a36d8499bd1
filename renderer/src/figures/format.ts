export function formatCount(count: number, locale: string): string {
  return count.toLocaleString(locale);
}

/** A share as a percentage with one decimal, or a dash when there was nothing to count. */
export function formatRate(rate: number | null, locale: string): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(rate);
}

/** For labels inside a bar, where a decimal would not fit. */
export function formatWholePercent(share: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** Up to two days in hours, beyond that in days: "7 days to 1 day" is how the centres speak of it. */
export function handlingTime(meanHours: number, locale: string): { value: string; unit: 'hours' | 'days' } {
  const [amount, unit] = meanHours < 48 ? [meanHours, 'hours' as const] : [meanHours / 24, 'days' as const];
  return {
    value: amount.toLocaleString(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
    unit,
  };
}

/** A change as a signed percentage, "+102.0%" or "−12.5%". */
export function signedPercent(change: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    signDisplay: 'exceptZero',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(change);
}
