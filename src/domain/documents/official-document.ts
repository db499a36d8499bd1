import { z } from 'zod';
import { chinaDayOf, chinaMinuteOfDay } from '../china-day';
import { toMillis } from '../time';

/**
 * A document the centre issues, laid out as official documents are: a title, a number, the addressee, the
 * body, numbered requirements, and the issuing centre with the date. Printed as it stands, or exported.
 */
export const officialDocumentSchema = z.object({
  title: z.string().min(1),
  /** 文号, e.g. 大理市综治督〔2026〕0042号. */
  number: z.string().min(1),
  /** 主送: the units or township the document is sent to. */
  addressee: z.string().min(1),
  paragraphs: z.array(z.string().min(1)).min(1),
  requirements: z.array(z.string().min(1)),
  issuer: z.string().min(1),
  /** The China date it was issued, written out: 2026年3月10日. */
  date: z.string().min(1),
});
export type OfficialDocument = z.infer<typeof officialDocumentSchema>;

/** 2026年3月10日 10:05, in China time. */
export function chineseDateTime(iso: string): string {
  const ms = toMillis(iso);
  const minutes = chinaMinuteOfDay(ms);
  return `${chineseDate(iso)} ${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** 2026年3月10日, in China time. */
export function chineseDate(iso: string): string {
  const [year, month, day] = chinaDayOf(toMillis(iso)).split('-').map(Number);
  return `${year}年${month}月${day}日`;
}
