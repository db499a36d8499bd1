import { CHINA_TIME_ZONE } from '../words/china-time';

/** "2 h 05 min", "3 d 4 h", "12 min": a span as an operator reads a deadline. */
export function formatSpan(ms: number, language: string): string {
  const minutes = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  const en = language === 'en';
  if (minutes < 60) return en ? `${minutes} min` : `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return en ? `${hours} h ${minutes % 60} min` : `${hours} 小时 ${minutes % 60} 分`;
  return en
    ? `${Math.floor(hours / 24)} d ${hours % 24} h`
    : `${Math.floor(hours / 24)} 天 ${hours % 24} 小时`;
}

/**
 * One formatter per language: building an Intl formatter costs far more than using one, and the queue
 * formats a deadline for every row that scrolls into view.
 */
const clockFormats = new Map<string, Intl.DateTimeFormat>();

function clockFormat(language: string, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${language}|${timeZone ?? ''}`;
  let format = clockFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, {
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
      timeZone,
    });
    clockFormats.set(key, format);
  }
  return format;
}

/** In China time whatever the machine's zone: the centres keep China time. */
export function formatClock(iso: string, language: string): string {
  return clockFormat(language, CHINA_TIME_ZONE).format(new Date(iso));
}

/** In China time whatever the machine's zone: the time a report's figures stand at belongs to China's day. */
export function formatChinaClock(iso: string, language: string): string {
  return clockFormat(language, CHINA_TIME_ZONE).format(new Date(iso));
}
