const formats = new Map<string, Intl.DateTimeFormat>();

/** "21:50:03" (or "21:50") in China time whatever the machine's zone. */
export function formatChinaTime(at: number, language: string, withSeconds = true): string {
  const key = `${language}|${withSeconds}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, {
      hour: '2-digit',
      minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
      timeZone: 'Asia/Shanghai',
    });
    formats.set(key, format);
  }
  return format.format(new Date(at));
}
