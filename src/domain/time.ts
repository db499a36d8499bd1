import { z } from 'zod';

/**
 * Instants cross the process boundary as ISO 8601 strings. Offsets are accepted because clients in
 * China commonly write `+08:00`; compare instants with `toMillis`, never as strings.
 */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });
export type IsoDateTime = z.infer<typeof isoDateTimeSchema>;

export function toMillis(instant: IsoDateTime): number {
  return Date.parse(instant);
}

export function addMinutes(instant: IsoDateTime, minutes: number): IsoDateTime {
  return new Date(toMillis(instant) + minutes * 60_000).toISOString();
}
