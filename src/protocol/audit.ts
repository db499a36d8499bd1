import { z } from 'zod';

/**
 * The audit trail as the hub serves it to the audit administrator (审计管理员): `GET /api/v1/audit` with these
 * filters, newest first, a page at a time; `GET /api/v1/audit/export` with the same filters answers CSV, and
 * is itself recorded.
 */
export const auditQuerySchema = z.strictObject({
  /** An account's login name, or `key:<source>` for a field system. */
  actor: z.string().min(1).max(100).optional(),
  /** An action (`auth.login`, `command.accepted`, …) or a family of them (`auth.`). */
  action: z.string().min(1).max(100).optional(),
  /** ISO times, inclusive. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** A jurisdiction code: records about it and everything below it. */
  scope: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
  /** The page before this record number (the `next` of the previous page). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditRecordSchema = z.object({
  /** Its place in the chain: 1, 2, 3 … with no gaps. */
  id: z.number().int().positive(),
  at: z.string(),
  /** Login name or `key:<source>` or `system`. */
  actor: z.string(),
  /** How screens name the actor (值班员 李明), when the hub knows. */
  actorName: z.string().optional(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.enum(['accepted', 'refused']),
  scope: z.string().nullable(),
  detail: z.unknown(),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;

export const auditPageSchema = z.object({
  records: z.array(auditRecordSchema),
  /** Pass as `before` for the next (older) page; null on the last. */
  next: z.number().int().positive().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
