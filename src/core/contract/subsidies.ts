import { z } from 'zod';
import { jurisdictionCodeSchema } from '../../domain/jurisdiction';
import { subsidyMonthSchema, subsidyRatesSchema, subsidyReportSchema } from '../../domain/subsidy';

/** A month's subsidy by case, for the operator's jurisdiction or a part of it. */
export const subsidiesInputSchema = z
  .object({ month: subsidyMonthSchema, scope: jurisdictionCodeSchema.optional() })
  .strict();

export const subsidiesViewSchema = z.object({
  report: subsidyReportSchema,
  /** Names of the scope and of the townships, villages and grids in the report, by code. */
  names: z.record(z.string(), z.string()),
});
export type SubsidiesView = z.infer<typeof subsidiesViewSchema>;

export const subsidyExportSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  content: z.string(),
  /** Grid rows in the file, subtotals not counted. */
  count: z.number(),
});
export type SubsidyExport = z.infer<typeof subsidyExportSchema>;

/** The rates in force in the operator's jurisdiction, and the jurisdiction that set them (null: the defaults). */
export const subsidyRatesViewSchema = z.object({
  rates: subsidyRatesSchema,
  configuredAt: jurisdictionCodeSchema.nullable(),
});
