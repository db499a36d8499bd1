import { z } from 'zod';
import { difficultySchema } from './difficulty';
import { escalationSchema } from './escalation';
import { CODE_LENGTH, jurisdictionCodeSchema } from './jurisdiction';
import { lngLatSchema } from './geo';
import { riskLevelSchema } from './risk';
import { stageSchema, type Stage } from './stage';
import { isoDateTimeSchema } from './time';

/** 矛盾纠纷 (a dispute to mediate) or 案事件 (a case or event to handle). */
export const INCIDENT_KINDS = ['dispute', 'case'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

export const INCIDENT_CATEGORIES = [
  'neighbourhood',
  'land-and-forest',
  'marriage-and-family',
  'labour-wages',
  'property-management',
  'land-requisition',
  'traffic',
  'public-order',
  'fraud',
  'medical',
  'consumer',
  'environment',
  'campus',
  'other',
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

export const INCIDENT_CATEGORY_LABELS: Record<IncidentCategory, { zh: string; en: string }> = {
  neighbourhood: { zh: '邻里纠纷', en: 'Neighbourhood dispute' },
  'land-and-forest': { zh: '山林土地纠纷', en: 'Land and forest dispute' },
  'marriage-and-family': { zh: '婚姻家庭纠纷', en: 'Marriage and family dispute' },
  'labour-wages': { zh: '劳资欠薪', en: 'Unpaid wages' },
  'property-management': { zh: '物业管理', en: 'Property management' },
  'land-requisition': { zh: '征地拆迁', en: 'Land requisition' },
  traffic: { zh: '交通事故', en: 'Traffic accident' },
  'public-order': { zh: '治安案事件', en: 'Public order' },
  fraud: { zh: '诈骗', en: 'Fraud' },
  medical: { zh: '医疗纠纷', en: 'Medical dispute' },
  consumer: { zh: '消费纠纷', en: 'Consumer dispute' },
  environment: { zh: '环境问题', en: 'Environment' },
  campus: { zh: '校园安全', en: 'Campus safety' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * Grid workers and hotline staff file reports themselves; a camera alarm is a lead the centre has
 * to verify before it becomes a report (see `openIncident`).
 */
export const INCIDENT_SOURCES = ['grid-worker', 'citizen-qr', 'camera-alarm', 'hotline', 'sweep'] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

export const INCIDENT_SOURCE_LABELS: Record<IncidentSource, { zh: string; en: string }> = {
  'grid-worker': { zh: '网格员上报', en: 'Grid worker' },
  'citizen-qr': { zh: '群众扫码', en: 'Citizen QR code' },
  'camera-alarm': { zh: '视频告警', en: 'Camera alarm' },
  hotline: { zh: '12345热线', en: '12345 hotline' },
  sweep: { zh: '排查走访', en: 'Door-to-door sweep' },
};

/** The reporter's verdict at the follow-up call (结果回访). */
export const SATISFACTIONS = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const satisfactionSchema = z.enum(SATISFACTIONS);

/**
 * How a closed incident ended, kept apart so dismissed reports never count as resolved disputes:
 * after a follow-up call, without one (nobody to call back), or dismissed before assignment.
 */
export const CLOSURES = ['followed-up', 'no-follow-up', 'dismissed'] as const;
export type Closure = (typeof CLOSURES)[number];

/** A mainland mobile number, or a landline with its area code. */
export const phoneSchema = z
  .string()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'a phone number is an 11-digit mobile or an area code and number');

export const reporterSchema = z.object({
  name: z.string().min(1).optional(),
  phone: phoneSchema.optional(),
});
export type Reporter = z.infer<typeof reporterSchema>;

/** Incidents happen somewhere on the ground: in a village or one of its grids, never a whole county. */
export const incidentJurisdictionCodeSchema = jurisdictionCodeSchema.refine(
  (code) => code.length === CODE_LENGTH.village || code.length === CODE_LENGTH.grid,
  { message: 'an incident belongs to a village (12 digits) or a grid (15 digits)' },
);

const incidentFieldsSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(INCIDENT_KINDS),
  category: z.enum(INCIDENT_CATEGORIES),
  title: z.string().trim().min(1).max(120),
  description: z.string().max(4000),
  jurisdictionCode: incidentJurisdictionCodeSchema,
  location: lngLatSchema,
  address: z.string(),
  reporter: reporterSchema.nullable(),
  source: z.enum(INCIDENT_SOURCES),
  /** The camera whose alarm raised the incident. */
  monitoringPointId: z.string().min(1).nullable(),
  riskLevel: riskLevelSchema.nullable(),
  stage: stageSchema,
  /** Starts at 1 and goes up by one with every applied action: commands name the version they saw. */
  version: z.number().int().positive(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  /** When the incident last entered each stage: deadlines run from here, and restart on reopening. */
  stageEnteredAt: z.partialRecord(stageSchema, isoDateTimeSchema),
  assignedUnitIds: z.array(z.string().min(1)),
  acknowledgedUnitIds: z.array(z.string().min(1)),
  satisfaction: satisfactionSchema.nullable(),
  /** Dissatisfied follow-ups so far: a dispute that keeps coming back belongs on the key list. */
  reopenCount: z.number().int().nonnegative(),
  closure: z.enum(CLOSURES).nullable(),
  /**
   * How hard its latest resolution was (简易 … 重大疑难): required when a dispute is resolved, optional for a
   * case. Null until then, and in logs written before the grade was recorded.
   */
  difficulty: difficultySchema.nullable().default(null),
  /** The automatic escalations up the supervision chain, oldest first; absent until the first. */
  escalations: z.array(escalationSchema).optional(),
  /**
   * The grid worker (网格员) who mediated its latest resolution, by name: the subsidy by case is theirs. Null when
   * no one was named (a case handled by a unit), and in logs written before the resolver was recorded.
   */
  resolver: z.string().min(1).nullable().default(null),
});

/** Stages an incident reaches only through assessment, which grades it. */
const GRADED_STAGES: readonly Stage[] = ['assess', 'assign', 'resolve', 'supervise', 'followUp'];

/** Only a camera's alarm names a monitoring point, and a camera's alarm always does. */
function checkMonitoringPoint(
  incident: { source: IncidentSource; monitoringPointId: string | null },
  ctx: z.RefinementCtx,
): void {
  if ((incident.source === 'camera-alarm') !== (incident.monitoringPointId !== null)) {
    ctx.addIssue({
      code: 'custom',
      path: ['monitoringPointId'],
      message: 'a camera alarm names its monitoring point, and only a camera alarm does',
    });
  }
}

export const incidentSchema = incidentFieldsSchema.superRefine((incident, ctx) => {
  checkMonitoringPoint(incident, ctx);
  if (incident.stageEnteredAt[incident.stage] === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['stageEnteredAt', incident.stage],
      message: `the incident is in stage ${incident.stage} but has no time of entering it`,
    });
  }
  if (incident.riskLevel === null && GRADED_STAGES.includes(incident.stage)) {
    ctx.addIssue({
      code: 'custom',
      path: ['riskLevel'],
      message: `an incident in stage ${incident.stage} has been assessed and carries a risk level`,
    });
  }
  for (const unitId of incident.acknowledgedUnitIds) {
    if (!incident.assignedUnitIds.includes(unitId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['acknowledgedUnitIds'],
        message: `unit ${unitId} acknowledged an order it was never assigned`,
      });
    }
  }
  if (incident.difficulty !== null && incident.stageEnteredAt.followUp === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['difficulty'],
      message: 'only a resolved incident has a difficulty grade',
    });
  }
  if ((incident.stage === 'closed') !== (incident.closure !== null)) {
    ctx.addIssue({
      code: 'custom',
      path: ['closure'],
      message: 'a closed incident records how it closed, and only a closed one does',
    });
  }
});
export type Incident = z.infer<typeof incidentSchema>;

/** What a report carries; the centre's bookkeeping fields are filled in when it is opened. */
export const newIncidentSchema = incidentFieldsSchema
  .pick({
    id: true,
    kind: true,
    category: true,
    title: true,
    description: true,
    jurisdictionCode: true,
    location: true,
    address: true,
    reporter: true,
    source: true,
    monitoringPointId: true,
  })
  .superRefine(checkMonitoringPoint);
export type NewIncident = z.infer<typeof newIncidentSchema>;
