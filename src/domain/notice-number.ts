import { z } from 'zod';
import { chinaDayOf } from './china-day';
import { jurisdictionCodeSchema } from './jurisdiction';
import { toMillis, type IsoDateTime } from './time';

/**
 * A supervision notice's place in its centre's series (文号): each issuing centre numbers its notices from 1 every
 * year, 〔2026〕第1号, 第2号 …. The hub hands out the serial as it records the notice, so none repeats.
 */
export const noticeNumberSchema = z.object({
  /** The issuing centre: the jurisdiction of the commander who issued it. */
  centre: jurisdictionCodeSchema,
  year: z.number().int().min(2000).max(9999),
  serial: z.number().int().positive(),
});
export type NoticeNumber = z.infer<typeof noticeNumberSchema>;

/** The year, in China, a notice issued at `at` is numbered in. */
export function noticeYear(at: IsoDateTime): number {
  return Number(chinaDayOf(toMillis(at)).slice(0, 4));
}

/** The name of a centre's series in a year, as the hub keeps its counter. */
export function noticeSeries(centre: string, year: number): string {
  return `supervision-notice/${centre}/${year}`;
}

/** 大理市综治督〔2026〕第3号: the centre's short name, the year and the serial. */
export function formatNoticeNumber(centreName: string, number: NoticeNumber): string {
  return `${centreName.replace(/综治中心$/, '')}综治督〔${number.year}〕第${number.serial}号`;
}
