/** "21:50:03" in China time, as the status bar prints a moment. */
export function chinaClock(at: number): string {
  return new Intl.DateTimeFormat('zh-CN', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone: 'Asia/Shanghai',
  }).format(new Date(at));
}

/** Each second's clock from `from` to `to`: a moment the test knows only to within that window. */
export function chinaClocksBetween(from: number, to: number): string[] {
  const clocks: string[] = [];
  for (let at = Math.floor(from / 1000) * 1000; at <= to; at += 1000) clocks.push(chinaClock(at));
  return clocks;
}
