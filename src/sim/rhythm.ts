/**
 * When reports come in over a day, hour by hour (0–23, local time): few at night, a peak in the late
 * morning when offices and markets are busy and another in the evening when people are home.
 */
const HOURLY_WEIGHTS = [
  0.25, 0.15, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.2, 1.5, 1.7, 1.6, 1.1, 1.0, 1.3, 1.4, 1.4, 1.3, 1.4, 1.6, 1.5,
  1.1, 0.7, 0.4,
];
const MEAN_WEIGHT = HOURLY_WEIGHTS.reduce((a, b) => a + b, 0) / HOURLY_WEIGHTS.length;

/** How busy the hour is relative to the day's average (1 = average). */
export function hourlyRate(hour: number): number {
  return HOURLY_WEIGHTS[((hour % 24) + 24) % 24]! / MEAN_WEIGHT;
}

export function isNight(hour: number): boolean {
  return hour < 7 || hour >= 22;
}
