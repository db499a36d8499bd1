import { z } from 'zod';
import { isoDateTimeSchema } from '../../domain';

/*
 * The audit screen's part of the contract. It carries what the hub's audit API (`src/protocol/audit.ts`)
 * answers; the contract stays free of the wire, so the shapes are declared again here, and the core's audit
 * client proves at compile time that the two agree.
 */

/** The audit screen's filters, as the hub's audit API takes them. */
export const auditFilterSchema = z.strictObject({
  /** An account's login name, or `key:<source>` for a field system. */
  actor: z.string().min(1).max(100).optional(),
  /** An action or a family of them (`auth.`). */
  action: z.string().min(1).max(100).optional(),
  /** ISO times, inclusive. */
  from: isoDateTimeSchema.optional(),
  to: isoDateTimeSchema.optional(),
  /** A jurisdiction code: records about it and everything below it. */
  scope: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditSearchInputSchema = auditFilterSchema.extend({
  /** The page before this record number (the `next` of the previous page). */
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type AuditSearchInput = z.infer<typeof auditSearchInputSchema>;

export const auditRecordViewSchema = z.object({
  id: z.number().int().positive(),
  at: z.string(),
  /** Login name, `key:<source>` or `system`: shown only when the hub knows no name for it. */
  actor: z.string(),
  /** How screens name the actor (值班员 李明), when the hub knows. */
  actorName: z.string().optional(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.enum(['accepted', 'refused']),
  scope: z.string().nullable(),
  detail: z.unknown(),
});
export type AuditRecordView = z.infer<typeof auditRecordViewSchema>;

export const auditPageViewSchema = z.object({
  records: z.array(auditRecordViewSchema),
  /** Pass as `before` for the next (older) page; null on the last. */
  next: z.number().int().positive().nullable(),
  /** Names of the jurisdictions the records are about, by code. */
  names: z.record(z.string(), z.string()),
});
export type AuditPageView = z.infer<typeof auditPageViewSchema>;
