import { z } from 'zod';
import { DOCUMENT_EXPORT_FORMATS, keyPersonRowSchema } from '../../domain';
import { jurisdictionCodeSchema } from '../../domain/jurisdiction';

export const keyPersonListInputSchema = z
  .object({
    scope: jurisdictionCodeSchema.optional(),
    /**
     * Names masked too, for a screen others can read: the wall's default. ID numbers and phones are masked
     * always; `keyPersons.unmask` shows one person's whole.
     */
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
 * An export of the list, ID numbers and phones masked as on screen (a file leaves the centre's control), each
 * export audited: the file for CSV, the rows to lay out and print for PDF. `count` is what the audit log records.
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

export const keyPersonUnmaskInputSchema = z.object({ id: z.string().min(1).max(100) }).strict();

/** One person's identifying fields whole, as a commander asked for them. */
export const keyPersonUnmaskedSchema = z.object({
  id: z.string(),
  idNumber: z.string(),
  phone: z.string().nullable(),
});
export type KeyPersonUnmasked = z.infer<typeof keyPersonUnmaskedSchema>;
