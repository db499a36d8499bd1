import { z } from 'zod';
import { authorityFailure, type CentreContext, type CentreResult } from './centre-actions';
import { jurisdictionCodeSchema } from './jurisdiction';
import type { Permission } from './operator';
import { isoDateTimeSchema } from './time';

/** Documents whose every export is written to the hub's audit log: they carry personal data. */
export const AUDITED_DOCUMENTS = ['key-person-list'] as const;
export type AuditedDocument = (typeof AUDITED_DOCUMENTS)[number];
export const DOCUMENT_EXPORT_FORMATS = ['csv', 'pdf'] as const;

/** Who may export a document: whoever may see what it holds. */
const EXPORT_PERMISSION: Record<AuditedDocument, Permission> = {
  'key-person-list': 'view-key-persons',
};

/**
 * The columns each document exports and prints, as the audit log names them: which personal data left the
 * system, not only how many rows.
 */
export const DOCUMENT_COLUMNS: Record<AuditedDocument, readonly string[]> = {
  'key-person-list': [
    'name',
    'idNumber',
    'category',
    'village',
    'phone',
    'reason',
    'measures',
    'responsible',
    'linkedIncidents',
  ],
};

/**
 * One export as the desktop reports it: which document, of which jurisdiction, in which format, how many
 * records, and when — the desktop may have been offline then, and tells the hub once it is back.
 */
export const documentExportSchema = z.object({
  document: z.enum(AUDITED_DOCUMENTS),
  scope: jurisdictionCodeSchema,
  format: z.enum(DOCUMENT_EXPORT_FORMATS),
  count: z.number().int().nonnegative(),
  exportedAt: isoDateTimeSchema,
  /** The columns it held; a desktop from before columns were reported sends none, and the document's are recorded. */
  columns: z.array(z.string().min(1).max(50)).min(1).max(50).optional(),
});
export type DocumentExport = z.infer<typeof documentExportSchema>;
export type RecordedExport = DocumentExport & { columns: string[]; by: string };

/** An export changes nothing the centre tracks: accepted, it yields no event, only its line in the audit log. */
export function recordExport(
  request: DocumentExport,
  { actor }: CentreContext,
): CentreResult<RecordedExport> {
  const failure = authorityFailure(EXPORT_PERMISSION[request.document], request.scope, actor);
  if (failure) return failure;
  return {
    ok: true,
    value: {
      document: request.document,
      scope: request.scope,
      format: request.format,
      count: request.count,
      exportedAt: request.exportedAt,
      columns: request.columns ?? [...DOCUMENT_COLUMNS[request.document]],
      by: actor.id,
    },
    events: [],
  };
}
