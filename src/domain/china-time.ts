import { CHINA_OFFSET_MS } from './china-day';

/** The China wall-clock fields of an instant: "2026-03-02T01:30:00". */
function chinaWallClock(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19);
}

/**
 * An instant as ISO 8601 in China time with its offset, "2026-03-02T01:30:00+08:00": for files other programs
 * read (CSV, GeoJSON, KML), which keep the offset so nothing is lost, and which a person reads as local time.
 */
export function chinaIsoTime(instant: string | number): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return `${chinaWallClock(ms)}+08:00`;
}

/** "2026-03-02 01:30": an instant in China time, as a person reads it in a spreadsheet. */
export function chinaDateTime(instant: string | number): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return chinaWallClock(ms).slice(0, 16).replace('T', ' ');
}

/** "202603020130": an instant in China time to the minute, for a file name. */
export function chinaFileStamp(instant: string | number): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return chinaWallClock(ms).slice(0, 16).replace(/[-:T]/g, '');
}

/** An instant as a date-and-time field shows it in China time, to the minute: "2026-03-02T01:30". */
export function chinaClockMinute(instant: string | number): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return chinaWallClock(ms).slice(0, 16);
}

/**
 * The instant a China wall-clock minute ("2026-03-02T01:30") names, as ISO 8601 in UTC; null when the text
 * names no such minute (a 30 February, a 25th hour), whatever the computer's own time zone.
 */
export function instantOfChinaClock(clock: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(clock)) return null;
  const ms = Date.parse(`${clock}:00+08:00`);
  return Number.isNaN(ms) || chinaClockMinute(ms) !== clock ? null : new Date(ms).toISOString();
}
