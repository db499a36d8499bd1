import { z } from 'zod';
import { DOCUMENT_EXPORT_FORMATS, keyPersonRowSchema } from '../../domain';
import { jurisdictionCodeSchema } from '../../domain/jurisdiction';

export const keyPersonListInputSchema = z
  .object({
    scope: jurisdictionCodeSchema.optional(),
    /** Names, ID numbers and phones masked, for a screen others can read: the wall's default. */
    masked: z.boolean(),
  })
  .strict();

/** 重点人员清单 of the operator's jurisdiction or a part of it. */
export const keyPersonListViewSchema = z.object({
  scope: jurisdictionCodeSchema,
  masked: z.boolean(),
  rows: z.array(keyPersonRowSchema),
  /** Names by code or id: the scope and the villages, the linked incidents' titles, who registered each. */
  names: z.record(z.string(), z.string()),
});
export type KeyPersonListView = z.infer<typeof keyPersonListViewSchema>;

export const keyPersonExportInputSchema = z
  .object({ scope: jurisdictionCodeSchema.optional(), format: z.enum(DOCUMENT_EXPORT_FORMATS) })
  .strict();

/**
 * An export of the list, always whole (masking is for screens; an export is for work, and audited): the file
 * for CSV, the rows to lay out and print for PDF. `count` is what the audit log records.
 */
export const keyPersonExportSchema = z.discriminatedUnion('format', [
  z.object({
    format: z.literal('csv'),
    fileName: z.string(),
    mimeType: z.string(),
    content: z.string(),
    count: z.number(),
  }),
  keyPersonListViewSchema.extend({ format: z.literal('pdf'), count: z.number() }),
]);
export type KeyPersonExport = z.infer<typeof keyPersonExportSchema>;
