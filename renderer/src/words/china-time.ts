/** Centres keep China time whatever zone the machine is set to. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';

const formats = new Map<string, Intl.DateTimeFormat>();

function format(language: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${language}|${withTime}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', {
      year: 'numeric',
      month: language === 'en' ? 'short' : 'long',
      day: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
      timeZone: CHINA_TIME_ZONE,
    });
    formats.set(key, found);
  }
  return found;
}

/** "2026年3月2日 01:30", "2 Mar 2026, 01:30": an instant as a person in China reads it. */
export function formatChinaDateTime(iso: string, language: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : format(language, true).format(ms);
}

/** "2026年3月10日": a China calendar day, "2026-03-10". */
export function formatChinaDate(day: string, language: string): string {
  const ms = Date.parse(`${day}T00:00:00+08:00`);
  return Number.isNaN(ms) ? day : format(language, false).format(ms);
}

const clockFormats = new Map<string, Intl.DateTimeFormat>();

/** "21:50:03" (or "21:50"): the time of day in China, on a 24-hour clock. */
export function formatChinaTime(at: number, language: string, withSeconds = true): string {
  const key = `${language}|${withSeconds}`;
  let found = clockFormats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(language, {
      hour: '2-digit',
      minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
      timeZone: CHINA_TIME_ZONE,
    });
    clockFormats.set(key, found);
  }
  return found.format(new Date(at));
}
