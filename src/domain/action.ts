import { z } from 'zod';
import { difficultySchema } from './difficulty';
import { satisfactionSchema } from './incident';
import { riskLevelSchema } from './risk';
import { noteSchema, reasonSchema } from './text';
import { isoDateTimeSchema } from './time';

const unitIdSchema = z.string().min(1);

/** A camera lead, checked against the footage, is filed as a report. */
export const reportActionSchema = z.object({ type: z.literal('report'), note: noteSchema.optional() });

/** 研判: grade the risk, which sets every later deadline. */
export const assessActionSchema = z.object({
  type: z.literal('assess'),
  riskLevel: riskLevelSchema,
  note: noteSchema.optional(),
});

/** 交办: dispatch to one or more member units, with the date their handling is due. */
export const assignActionSchema = z.object({
  type: z.literal('assign'),
  unitIds: z
    .array(unitIdSchema)
    .min(1)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'a unit is assigned at most once' }),
  deadline: isoDateTimeSchema,
});

/** 部门报到: a member unit reports in on its order. */
export const acknowledgeActionSchema = z.object({
  type: z.literal('acknowledge'),
  unitId: unitIdSchema,
  note: noteSchema.optional(),
  /** The person at the unit who signed for the order (张强), when the unit's own system says. */
  signedBy: z.string().trim().min(1).max(50).optional(),
});

/** Put an incident under tracking and supervision (跟踪督办) before anyone has to issue a notice. */
export const escalateActionSchema = z.object({ type: z.literal('escalate'), reason: reasonSchema });

/** 督办通知书: a commander's formal notice to the units handling an overdue or escalated incident. */
export const issueSupervisionNoticeActionSchema = z.object({
  type: z.literal('issueSupervisionNotice'),
  requirement: reasonSchema,
});

/**
 * 化解完毕, with how hard it was. A dispute must be graded, since the subsidy by case pays by the grade; a case
 * (案事件) is handled by a member unit rather than mediated in the grid, earns no subsidy, and may go ungraded.
 */
export const resolveActionSchema = z.object({
  type: z.literal('resolve'),
  summary: reasonSchema,
  difficulty: difficultySchema.optional(),
  /** The grid worker who mediated it, by name, as the grid's roll names them. */
  resolver: z.string().trim().min(1).max(40).optional(),
});

/** 结果回访: the call back to the reporter, and their verdict. */
export const recordFollowUpActionSchema = z.object({
  type: z.literal('recordFollowUp'),
  satisfaction: satisfactionSchema,
  note: noteSchema,
});

/** Close without a follow-up: dismiss an unfounded or duplicate report, or nobody can be called back. */
export const closeActionSchema = z.object({ type: z.literal('close'), reason: reasonSchema });

export const lifecycleActionSchema = z.discriminatedUnion('type', [
  reportActionSchema,
  assessActionSchema,
  assignActionSchema,
  acknowledgeActionSchema,
  escalateActionSchema,
  issueSupervisionNoticeActionSchema,
  resolveActionSchema,
  recordFollowUpActionSchema,
  closeActionSchema,
]);
export type LifecycleAction = z.infer<typeof lifecycleActionSchema>;
export type LifecycleActionType = LifecycleAction['type'];

export const LIFECYCLE_ACTION_TYPES: readonly LifecycleActionType[] = lifecycleActionSchema.options.map(
  (option) => option.shape.type.value,
);

export const ACTION_LABELS: Record<LifecycleActionType, { zh: string; en: string }> = {
  report: { zh: '上报', en: 'File report' },
  assess: { zh: '研判', en: 'Assess' },
  assign: { zh: '交办', en: 'Assign' },
  acknowledge: { zh: '签收', en: 'Acknowledge' },
  escalate: { zh: '转入督办', en: 'Escalate' },
  issueSupervisionNotice: { zh: '下发督办通知书', en: 'Issue supervision notice' },
  resolve: { zh: '化解完毕', en: 'Resolve' },
  recordFollowUp: { zh: '登记回访', en: 'Record follow-up' },
  close: { zh: '结案', en: 'Close' },
};
