import type { TFunction } from 'i18next';

const MINUTE = 60_000;

/** How long ago a time was, in words: positions and updates age, and the wall says by how much. */
export function formatAge(t: TFunction, at: string | number | null | undefined, now = Date.now()): string {
  const time = typeof at === 'number' ? at : at ? Date.parse(at) : NaN;
  if (Number.isNaN(time)) return t('map.age.unknown');
  const minutes = Math.max(0, Math.floor((now - time) / MINUTE));
  if (minutes < 1) return t('map.age.justNow');
  if (minutes < 60) return t('map.age.minutes', { count: minutes });
  if (minutes < 48 * 60) return t('map.age.hours', { count: Math.floor(minutes / 60) });
  return t('map.age.days', { count: Math.floor(minutes / (24 * 60)) });
}

export function formatDistance(t: TFunction, metres: number, language: string): string {
  if (metres < 1000) return t('map.distance.metres', { value: Math.round(metres).toLocaleString(language) });
  return t('map.distance.kilometres', {
    value: (metres / 1000).toLocaleString(language, { maximumFractionDigits: 1 }),
  });
}

export function formatTime(at: string, language: string): string {
  return new Date(at).toLocaleString(language, {
    hour12: false,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Shanghai',
  });
}
