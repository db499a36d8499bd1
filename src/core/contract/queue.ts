import { z } from 'zod';
import { INCIDENT_CATEGORIES, INCIDENT_KINDS, INCIDENT_SOURCES, RISK_LEVELS, STAGES } from '../../domain';
import { jurisdictionCodeSchema } from '../../domain/jurisdiction';

/** Risk as the queue filters it: an incident nobody has graded yet is a risk class of its own. */
export const QUEUE_RISKS = [...RISK_LEVELS, 'ungraded'] as const;

export const SLA_STATES = ['none', 'on-time', 'due-soon', 'overdue'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export const queueFilterSchema = z
  .object({
    stages: z.array(z.enum(STAGES)).optional(),
    risks: z.array(z.enum(QUEUE_RISKS)).optional(),
    kinds: z.array(z.enum(INCIDENT_KINDS)).optional(),
    categories: z.array(z.enum(INCIDENT_CATEGORIES)).optional(),
    sources: z.array(z.enum(INCIDENT_SOURCES)).optional(),
    /** A jurisdiction inside the operator's own. */
    scope: jurisdictionCodeSchema.optional(),
    overdueOnly: z.boolean().optional(),
    /** The supervision list (督办清单) of a centre: cases escalated up to it for being overdue. */
    supervisedBy: jurisdictionCodeSchema.optional(),
    unitId: z.string().min(1).optional(),
    /**
     * Found in the id, title, description, address or reporter's name; or the reporter's whole phone number
     * (kept only as a keyed digest, so part of a number finds nothing).
     */
    text: z.string().trim().max(200).optional(),
  })
  .strict();
export type QueueFilter = z.infer<typeof queueFilterSchema>;

export const QUEUE_SORTS = ['deadline', 'updated', 'created', 'risk'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export const queueRowSchema = z.object({
  id: z.string(),
  version: z.number(),
  title: z.string(),
  kind: z.enum(INCIDENT_KINDS),
  category: z.enum(INCIDENT_CATEGORIES),
  source: z.enum(INCIDENT_SOURCES),
  stage: z.enum(STAGES),
  riskLevel: z.enum(RISK_LEVELS).nullable(),
  jurisdictionCode: z.string(),
  address: z.string(),
  location: z.tuple([z.number(), z.number()]),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When the current stage's time runs out; null for a closed incident. */
  deadline: z.string().nullable(),
  sla: z.enum(SLA_STATES),
  assignedUnitIds: z.array(z.string()),
  acknowledgedCount: z.number(),
  /** How many levels it has been escalated for being overdue; 0 if never. */
  escalationLevel: z.number().int().nonnegative(),
});
export type QueueRow = z.infer<typeof queueRowSchema>;

export const queueWindowInputSchema = z
  .object({
    filter: queueFilterSchema.default({}),
    sort: z.enum(QUEUE_SORTS).default('deadline'),
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().positive().max(1000).default(200),
  })
  .strict();

export const queueWindowSchema = z.object({
  /** Incidents matching the whole filter. */
  total: z.number(),
  /** Matching everything but the stage filter, per stage: the counts on the stage tabs. */
  byStage: z.record(z.string(), z.number()),
  overdue: z.number(),
  dueSoon: z.number(),
  offset: z.number(),
  rows: z.array(queueRowSchema),
});
export type QueueWindow = z.infer<typeof queueWindowSchema>;

export const EXPORT_FORMATS = ['csv', 'geojson', 'kml'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const queueExportSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  content: z.string(),
  count: z.number(),
});
export type QueueExport = z.infer<typeof queueExportSchema>;
